import { recompute, type RecomputeScope } from '@scorecard/db/metrics/recompute';
import { addWeeks, weekOf } from '@scorecard/domain/weeks';
import type { JobPayload } from '@scorecard/jobs';
import type { Db } from '@scorecard/db/database';
import type { JobHandler } from '../runtime.ts';
import { scheduleNightlyRecompute } from './nightly-recompute.ts';

/** Thin: resolves a 'recent' scope to a week, runs the set-based recompute (idempotent), reports what it wrote. */
export const recomputeJob: JobHandler<'recompute'> = async (payload, { db, queues }) => {
  const timeZone = await reportingTimeZone(db);
  const result = await recompute(db, resolveScope(payload.scope, timeZone, new Date()));
  // A full recompute follows a settings change or an admin's request: keep the nightly cron in the current zone.
  if (payload.scope.kind === 'all') await scheduleNightlyRecompute(queues, timeZone);
  return result;
};

export function resolveScope(scope: JobPayload<'recompute'>['scope'], timeZone: string, now: Date): RecomputeScope {
  if (scope.kind !== 'recent') return scope;
  return { kind: 'since', week: addWeeks(weekOf(now, timeZone), -(scope.weeks - 1)) };
}

export async function reportingTimeZone(db: Db): Promise<string> {
  const row = await db.selectFrom('organisation_settings').select('reporting_time_zone').executeTakeFirstOrThrow();
  return row.reporting_time_zone;
}
