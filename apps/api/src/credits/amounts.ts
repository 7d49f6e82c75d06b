/**
 * Who sees money: admins and finance always; ops unless the organisation hides amounts from ops; viewers never;
 * a vendor user sees the amounts of its own statements once shared (it must see a credit line to dispute it,
 * and the scope already limits it to its own vendor and to statements past draft).
 */
import type { Statement } from '@scorecard/domain/credits/statement';
import type { Role } from '../auth/access.ts';

export function seesAmounts(role: Role, hideFromOps: boolean): boolean {
  if (role === 'admin' || role === 'finance' || role === 'vendor') return true;
  return role === 'ops' && !hideFromOps;
}

const HIDDEN = 'amount hidden for this role';

/** The statement with every amount null and every formula that states one replaced. */
export function withAmounts(statement: Statement, waived: ReadonlySet<string>, shown: boolean) {
  const amount = (value: number) => (shown ? value : null);
  return {
    currency: statement.currency,
    atRiskMinor: amount(statement.atRiskMinor),
    capMinor: amount(statement.capMinor),
    creditsBeforeCapMinor: amount(statement.creditsBeforeCapMinor),
    creditsMinor: amount(statement.creditsMinor),
    earnBackMinor: amount(statement.earnBackMinor),
    bonusMinor: amount(statement.bonusMinor),
    netMinor: amount(statement.netMinor),
    bonusFormula: statement.bonusFormula === null ? null : shown ? statement.bonusFormula : HIDDEN,
    lines: statement.lines.map((line) => ({
      ...line,
      creditMinor: amount(line.creditMinor),
      chargedMinor: amount(line.chargedMinor),
      waived: waived.has(line.metric),
      formula: shown || line.creditMinor === 0 ? line.formula : HIDDEN,
    })),
    earnBack: statement.earnBack.map((e) => ({
      ...e,
      amountMinor: amount(e.amountMinor),
      formula: shown ? e.formula : HIDDEN,
    })),
  };
}
