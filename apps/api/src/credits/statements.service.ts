/**
 * Statement views and transitions for the routes: scoping (a vendor user: its own statements past draft),
 * amounts by role, the dispute decisions, and the difference of a final statement against a recompute.
 */
import type { Db } from '@scorecard/db/database';
import { readHideAmountsFromOps } from '@scorecard/db/credits/inputs';
import { findVendorName } from '@scorecard/db/vendors/vendors';
import type { DB } from '@scorecard/db/schema.generated';
import {
  closeOpenDispute,
  computeVendorMonth,
  findStatement,
  moveStatus,
  recordEvent,
  statementDisputes,
  statementEvents,
  type DisputeResolution,
  type StoredStatement,
} from '@scorecard/db/credits/statements';
import type { Statement } from '@scorecard/domain/credits/statement';
import { moneyText } from '@scorecard/domain/credits/money';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import type { Transaction } from 'kysely';
import type { Principal } from '../auth/access.ts';
import { Problem } from '../http/problems.ts';
import { withAmounts } from '@scorecard/domain/credits/statement-view';
import { seesAmounts } from './amounts.ts';

export async function vendorExists(db: Db, id: number): Promise<void> {
  if (!(await findVendorName(db, id))) throw new Problem('not-found', `No vendor ${id}`);
}

export async function amountsShown(db: Db, principal: Principal | null): Promise<boolean> {
  if (!principal) return false;
  return seesAmounts(principal.role, await readHideAmountsFromOps(db));
}

export async function statementInScope(db: Db, scope: VendorScope, id: number): Promise<StoredStatement> {
  const found = await findStatement(db, id, scope.kind === 'vendor' ? scope.vendorId : null);
  if (!found) throw new Problem('not-found', `No statement ${id}`);
  return found;
}

type Disputes = Awaited<ReturnType<typeof statementDisputes>>;

/** Each disputed line's resolution, with what an acceptance in part waived. */
const resolutionsOf = (disputes: Disputes) =>
  new Map(disputes.map((d) => [d.metric, { status: d.status, waivedMinor: d.waivedMinor }]));

/** `disputes`: the statement's, when the caller has read them already. */
export async function statementView(db: Db, stored: StoredStatement, shown: boolean, disputes?: Disputes) {
  return {
    id: stored.id,
    vendorId: stored.vendorId,
    month: stored.month,
    status: stored.status,
    amountsShown: shown,
    computedAt: stored.computedAt,
    sharedAt: stored.sharedAt,
    finalisedAt: stored.finalisedAt,
    ...withAmounts(stored.computed, resolutionsOf(disputes ?? (await statementDisputes(db, stored.id))), shown),
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
  const [disputes, history] = await Promise.all([statementDisputes(db, stored.id), statementEvents(db, stored.id)]);
  const view = await statementView(db, stored, shown, disputes);
  const now = stored.status === 'final' ? await computeVendorMonth(db, stored.vendorId, stored.month) : null;
  return {
    ...view,
    disputes: disputes.map((d) => ({
      metric: d.metric,
      reason: d.reason,
      status: d.status,
      waivedMinor: shown ? d.waivedMinor : null,
      decisionNote: d.decisionNote,
    })),
    history: history.map((h) => ({
      kind: h.kind,
      metric: h.metric,
      detail: h.detail,
      // One dispute per line: an acceptance in part names the amount its dispute waived.
      waivedMinor:
        shown && h.kind === 'accepted_in_part'
          ? (disputes.find((d) => d.metric === h.metric)?.waivedMinor ?? null)
          : null,
      at: h.at.toISOString(),
    })),
    differences: differences(stored.computed, now?.statement ?? null, shown),
  };
}

/**
 * Decides the open dispute of `metric` in one step: the dispute row, the waiver of an accepted line in the
 * stored statement (it must still be disputed) and the history event. Throws 404 without an open dispute.
 */
export async function decideDispute(
  trx: Transaction<DB>,
  stored: StoredStatement,
  metric: string,
  decision: { accept: boolean; note: string | null; waiveMinor?: number | null },
  actorUserId: number | null,
): Promise<void> {
  const { accept, note, waiveMinor = null } = decision;
  const charged = stored.computed.lines.find((l) => l.metric === metric)?.chargedMinor ?? 0;
  if (waiveMinor !== null && (!accept || waiveMinor > charged))
    throw new Problem(
      'bad-request',
      accept
        ? `waiveMinor ${waiveMinor} exceeds the ${metric} line's charge of ${charged}`
        : 'waiveMinor is only for a dispute accepted in part',
    );
  // Waiving less than the whole charge is its own resolution, stored with the part waived.
  const inPart = accept && waiveMinor !== null && waiveMinor < charged;
  const status: DisputeResolution = !accept ? 'rejected' : inPart ? 'accepted_in_part' : 'accepted';
  const decided = await closeOpenDispute(trx, stored.id, metric, {
    status,
    waivedMinor: inPart ? waiveMinor : null,
    note,
    actorUserId,
  });
  if (!decided) throw new Problem('not-found', `No open dispute of ${metric}`);
  const waived = { computed: waive(stored.computed, metric, waiveMinor) };
  if (accept && !(await moveStatus(trx, stored.id, ['disputed'], 'disputed', waived)))
    throw new Problem('conflict', 'The statement is no longer disputed');
  await recordEvent(trx, stored.id, status, metric, note, actorUserId);
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
