/**
 * One case of a drill-down as the API shows it (the weekly scorecard's and a credit statement line's): the
 * fields that decided its contribution to the metric and why, in one shape for JSON pages and CSV files.
 */
import type { CaseRow } from '@scorecard/db/cases/case-list';
import type { METRIC_KEYS } from '@scorecard/domain/metrics/catalogue';
import { explainContribution } from '@scorecard/domain/metrics/explain';
import Type, { type Static } from 'typebox';
import type { PageLimits } from './schemas.ts';

/** One page of a drill-down's cases (both drill-downs page alike). */
export const CASE_PAGE: PageLimits = { maxLimit: 500, defaultLimit: 50 };

const Num = Type.Union([Type.Number(), Type.Null()]);
const Str = Type.Union([Type.String(), Type.Null()]);

export const CaseItem = Type.Object({
  caseId: Type.Integer(),
  source: Type.String(),
  externalId: Type.String(),
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  queue: Str,
  channel: Type.String(),
  tier: Num,
  site: Str,
  createdAt: Type.String(),
  firstResponseAt: Str,
  solvedAt: Str,
  csatAt: Str,
  waitSeconds: Num,
  frtSeconds: Num,
  handleSeconds: Num,
  resolutionSeconds: Num,
  reopenCount: Num,
  csatScore: Num,
  csatScale: Num,
  firstContactFlag: Type.Union([Type.Boolean(), Type.Null()]),
  repeatContact: Str,
  frtCalendarSeconds: Num,
  frtBusinessSeconds: Num,
  resolutionCalendarSeconds: Num,
  resolutionBusinessSeconds: Num,
  frtBasis: Type.String(),
  resolutionBasis: Type.String(),
  contributes: Type.Boolean(),
  outcome: Type.String(),
  why: Type.String(),
});
export type CaseItem = Static<typeof CaseItem>;

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export function toCaseItem(row: CaseRow, metric: (typeof METRIC_KEYS)[number]): CaseItem {
  return {
    caseId: row.caseId,
    source: row.source,
    externalId: row.externalId,
    vendorId: row.vendorId,
    vendorName: row.vendorName,
    queue: row.queue,
    channel: row.channel,
    tier: row.tier,
    site: row.site,
    createdAt: iso(row.createdAt)!,
    firstResponseAt: iso(row.firstResponseAt),
    solvedAt: iso(row.solvedAt),
    csatAt: iso(row.csatAt),
    waitSeconds: row.liveWaitSeconds,
    frtSeconds: row.frtSeconds,
    handleSeconds: row.handleSeconds,
    resolutionSeconds: row.resolutionSeconds,
    reopenCount: row.reopenCount,
    csatScore: row.csatScore,
    csatScale: row.csatScale,
    firstContactFlag: row.fcrFlag,
    repeatContact: row.repeatContactExternalId,
    frtCalendarSeconds: row.frtCalendarSeconds,
    frtBusinessSeconds: row.frtBusinessSeconds,
    resolutionCalendarSeconds: row.resolutionCalendarSeconds,
    resolutionBusinessSeconds: row.resolutionBusinessSeconds,
    frtBasis: row.frtBasis,
    resolutionBasis: row.resolutionBasis,
    ...explainContribution(metric, row),
  };
}
