/**
 * Assembles scorecards, trends and breakdowns from summed parts and medians with the domain rules
 * (packages/domain/src/metrics): value, target, status, composite, rank, change, trend.
 */
import type { Db } from '@scorecard/db/database';
import type { GroupDistribution, GroupParts } from '@scorecard/db/metrics/read';
import { METRICS, metricValue, type Distribution, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { emptyParts, type Parts } from '@scorecard/domain/metrics/parts';
import { compositeScore, metricStatus, selectTarget, type Status, type Target } from '@scorecard/domain/metrics/targets';

export interface MetricCell {
  value: number | null;
  reason: string | null;
  numerator: number;
  denominator: number;
  sample: number;
  target: number | null;
  status: Status;
  detail: Record<string, number | null>;
}

export interface CellContext {
  targets: readonly Target[];
  minSample: number;
  channel?: string | null;
  queue?: string | null;
}

const DISTRIBUTION_METRICS = ['frt', 'resolution_time'] as const;

export function partsKey(vendorId: number, week: string, group: string | null = null) {
  return `${vendorId}|${week}|${group ?? ''}`;
}

export function indexParts(rows: readonly GroupParts[]): Map<string, Parts> {
  return new Map(rows.map((r) => [partsKey(r.vendorId, r.week, r.group), r.parts]));
}

export function indexDistributions(rows: readonly GroupDistribution[]): Map<string, Distribution> {
  return new Map(rows.map((r) => [`${partsKey(r.vendorId, r.week, r.group)}|${r.metric}`, r.distribution]));
}

/** Every metric of one vendor-week (or one group of it): never NaN/Infinity, null with a reason instead. */
export function metricCells(
  vendorId: number,
  week: string,
  group: string | null,
  parts: Map<string, Parts>,
  distributions: Map<string, Distribution>,
  context: CellContext,
): Record<MetricKey, MetricCell> {
  const key = partsKey(vendorId, week, group);
  const weekParts = parts.get(key) ?? emptyParts();
  const cells = {} as Record<MetricKey, MetricCell>;
  for (const definition of METRICS) {
    const distribution = (DISTRIBUTION_METRICS as readonly string[]).includes(definition.key)
      ? (distributions.get(`${key}|${definition.key}`) ?? null)
      : null;
    const measured = metricValue(definition.key, weekParts, distribution);
    const target =
      definition.direction === 'none'
        ? null
        : selectTarget(context.targets, { metric: definition.key, vendorId, week, channel: context.channel, queue: context.queue });
    cells[definition.key] = {
      ...measured,
      target: target?.value ?? null,
      status: metricStatus(definition.direction, measured.value, target?.value ?? null, measured.sample, context.minSample),
      detail: detailOf(definition.key, weekParts, distribution),
    };
  }
  return cells;
}

function detailOf(key: MetricKey, parts: Parts, distribution: Distribution | null): Record<string, number | null> {
  if (key === 'csat') {
    return { responses: parts.csatResponses, responseRate: parts.solved === 0 ? null : parts.csatResponses / parts.solved };
  }
  if (key === 'frt' || key === 'resolution_time') {
    return { n: distribution?.n ?? 0, mean: distribution?.mean ?? null, p90: distribution?.p90 ?? null };
  }
  if (key === 'service_level') {
    return { liveOffered: parts.liveOffered, liveAnsweredWithin: parts.liveAnsweredWithin, asyncDue: parts.asyncDue, asyncMet: parts.asyncMet };
  }
  return {};
}

export function composite(cells: Record<MetricKey, MetricCell>, weights: Record<string, number>): number | null {
  return compositeScore(
    METRICS.map((m) => ({ metric: m.key, value: cells[m.key].value, target: cells[m.key].target, status: cells[m.key].status })),
    weights,
  );
}

export async function loadTargets(db: Db): Promise<Target[]> {
  const rows = await db.selectFrom('targets').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    metric: r.metric as MetricKey,
    value: r.value,
    vendorId: r.vendor_id,
    channel: r.channel,
    queue: r.queue,
    effectiveFrom: r.effective_from,
  }));
}

export async function vendorNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('vendors').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
