/**
 * A statement as a reader is shown it: every amount null where the reader may not see amounts (who may is the
 * API's rule, apps/api/src/credits/amounts.ts), waived lines marked; and its CSV, the same for the API's
 * download and the report email's attachment.
 */
import { csvLine } from '../csv.ts';
import type { Statement } from './statement.ts';

const HIDDEN = 'amount hidden for this role';

/** How a line's dispute stands: open, accepted (waived), accepted_in_part (`waivedMinor` waived) or rejected. */
export interface LineResolution {
  status: string;
  waivedMinor: number | null;
}

/**
 * The statement with every amount null and every formula that states one replaced; each disputed line with its
 * resolution (`resolutions` by metric).
 */
export function withAmounts(statement: Statement, resolutions: ReadonlyMap<string, LineResolution>, shown: boolean) {
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
    lines: statement.lines.map((line) => {
      const resolution = resolutions.get(line.metric) ?? null;
      return {
        ...line,
        creditMinor: amount(line.creditMinor),
        chargedMinor: amount(line.chargedMinor),
        waived: resolution?.status === 'accepted' || resolution?.status === 'accepted_in_part',
        dispute: resolution?.status ?? null,
        /** What an acceptance in part waived; null otherwise (a whole acceptance waives the whole charge). */
        waivedMinor: resolution?.waivedMinor == null ? null : amount(resolution.waivedMinor),
        formula: shown || line.creditMinor === 0 ? line.formula : HIDDEN,
      };
    }),
    earnBack: statement.earnBack.map((e) => ({
      ...e,
      amountMinor: amount(e.amountMinor),
      formula: shown ? e.formula : HIDDEN,
    })),
  };
}

/** The shown statement with where it stands: what the CSV is written from. */
export type StatementView = ReturnType<typeof withAmounts> & { month: string; status: string };

/** UTF-8 with a BOM (spreadsheets read the encoding from it), formula-safe cells (packages/domain/src/csv.ts). */
export function statementCsv(view: StatementView, vendorName: string): string {
  const rows = [
    csvLine([
      'vendor',
      'month',
      'status',
      'metric',
      'kind',
      'figure',
      'n',
      'low',
      'high',
      'expected',
      'minimum',
      'outcome',
      'default',
      'misses in window',
      'relief',
      'credit (minor)',
      'charged (minor)',
      'dispute',
      'waived in part (minor)',
      'formula',
    ]),
    ...view.lines.map((l) =>
      csvLine([
        vendorName,
        view.month,
        view.status,
        l.metric,
        l.kind,
        l.figure.value,
        l.figure.n,
        l.figure.low,
        l.figure.high,
        l.expected,
        l.minimum,
        l.outcome,
        l.verdict.isDefault,
        l.verdict.missesInWindow,
        l.relief?.reason ?? null,
        l.creditMinor,
        l.chargedMinor,
        l.dispute === null ? null : l.dispute.replaceAll('_', ' '),
        l.waivedMinor,
        l.formula,
      ]),
    ),
    ...view.earnBack.map((e) =>
      csvLine([
        vendorName,
        view.month,
        view.status,
        e.metric,
        'earn-back',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        e.amountMinor === null ? null : -e.amountMinor,
        null,
        null,
        null,
        e.formula,
      ]),
    ),
    csvLine([
      vendorName,
      view.month,
      view.status,
      'total',
      view.currency,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      view.creditsBeforeCapMinor,
      view.netMinor,
      null,
      null,
      `cap ${view.capMinor ?? 'hidden'}; bonus ${view.bonusMinor ?? 'hidden'}`,
    ]),
  ];
  return `\uFEFF${rows.join('')}`;
}
