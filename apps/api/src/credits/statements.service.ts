/**
 * Statement views and transitions for the routes: scoping (a vendor user: its own statements past draft),
 * amounts by role, the dispute decisions, and the difference of a final statement against a recompute.
 */
import type { Db } from '@scorecard/db/database';
import {
  computeVendorMonth,
  findStatement,
  statementDisputes,
  statementEvents,
  type StoredStatement,
} from '@scorecard/db/credits/statements';
import type { Statement } from '@scorecard/domain/credits/statement';
import { moneyText } from '@scorecard/domain/credits/money';
import { csvLine } from '@scorecard/domain/csv';
import type { Principal, VendorScope } from '../auth/access.ts';
import { Problem } from '../http/problems.ts';
import { seesAmounts, withAmounts } from './amounts.ts';

export async function vendorExists(db: Db, id: number): Promise<void> {
  if (!(await db.selectFrom('vendors').select('id').where('id', '=', id).executeTakeFirst()))
    throw new Problem('not-found', `No vendor ${id}`);
}

export async function amountsShown(db: Db, principal: Principal | null): Promise<boolean> {
  if (!principal) return false;
  const settings = await db
    .selectFrom('organisation_settings')
    .select('hide_amounts_from_ops')
    .executeTakeFirstOrThrow();
  return seesAmounts(principal.role, settings.hide_amounts_from_ops);
}

export async function statementInScope(db: Db, scope: VendorScope, id: number): Promise<StoredStatement> {
  const found = await findStatement(db, id, scope.kind === 'vendor' ? scope.vendorId : null);
  if (!found) throw new Problem('not-found', `No statement ${id}`);
  return found;
}

async function waivedMetrics(db: Db, id: number): Promise<Set<string>> {
  return new Set((await statementDisputes(db, id)).filter((d) => d.status === 'accepted').map((d) => d.metric));
}

export async function statementView(db: Db, stored: StoredStatement, shown: boolean) {
  return {
    id: stored.id,
    vendorId: stored.vendorId,
    month: stored.month,
    status: stored.status,
    amountsShown: shown,
    computedAt: stored.computedAt,
    sharedAt: stored.sharedAt,
    finalisedAt: stored.finalisedAt,
    ...withAmounts(stored.computed, await waivedMetrics(db, stored.id), shown),
  };
}

/** Where a recompute now differs from the frozen figures and credits (before waivers) of a final statement. */
export function differences(frozen: Statement, now: Statement | null, shown: boolean) {
  if (!now) return [];
  const out: { metric: string; field: string; frozen: string; now: string }[] = [];
  for (const line of frozen.lines) {
    const current = now.lines.find((l) => l.metric === line.metric);
    const pairs: [string, unknown, unknown][] = [
      ['value', line.figure.value, current?.figure.value ?? null],
      ['n', line.figure.n, current?.figure.n ?? 0],
      ['outcome', line.outcome, current?.outcome ?? 'no_figure'],
      ...(shown
        ? ([['creditMinor', line.creditMinor, current?.creditMinor ?? 0]] as [string, unknown, unknown][])
        : []),
    ];
    for (const [field, a, b] of pairs)
      if (a !== b) out.push({ metric: line.metric, field, frozen: String(a), now: String(b) });
  }
  return out;
}

export async function statementDetail(db: Db, stored: StoredStatement, shown: boolean) {
  const [view, disputes, history] = await Promise.all([
    statementView(db, stored, shown),
    statementDisputes(db, stored.id),
    statementEvents(db, stored.id),
  ]);
  const now = stored.status === 'final' ? await computeVendorMonth(db, stored.vendorId, stored.month) : null;
  return {
    ...view,
    disputes: disputes.map((d) => ({
      metric: d.metric,
      reason: d.reason,
      status: d.status,
      decisionNote: d.decisionNote,
    })),
    history: history.map((h) => ({ kind: h.kind, metric: h.metric, detail: h.detail, at: h.at.toISOString() })),
    differences: differences(stored.computed, now?.statement ?? null, shown),
  };
}

/**
 * The statement after an accepted dispute: the line is not charged, or (accepted in part) charged less by
 * `amountMinor`; the totals drop by what is waived.
 */
export function waive(statement: Statement, metric: string, amountMinor: number | null = null): Statement {
  const line = statement.lines.find((l) => l.metric === metric);
  if (!line || line.chargedMinor === 0) return statement;
  const waived = Math.min(amountMinor ?? line.chargedMinor, line.chargedMinor);
  const note =
    waived === line.chargedMinor
      ? 'waived: dispute accepted'
      : `partly waived: ${moneyText(waived, statement.currency)} of ${moneyText(line.chargedMinor, statement.currency)}, dispute partly accepted`;
  return {
    ...statement,
    lines: statement.lines.map((l) =>
      l.metric === metric ? { ...l, chargedMinor: l.chargedMinor - waived, formula: `${l.formula}; ${note}` } : l,
    ),
    creditsMinor: statement.creditsMinor - waived,
    netMinor: statement.netMinor - waived,
  };
}

/** UTF-8 with a BOM (spreadsheets read the encoding from it), formula-safe cells (packages/domain/src/csv.ts). */
export function statementCsv(view: Awaited<ReturnType<typeof statementView>>, vendorName: string): string {
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
      'waived',
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
        l.waived,
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
      `cap ${view.capMinor ?? 'hidden'}; bonus ${view.bonusMinor ?? 'hidden'}`,
    ]),
  ];
  return `\uFEFF${rows.join('')}`;
}
