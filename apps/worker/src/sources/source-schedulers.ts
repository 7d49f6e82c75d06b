/**
 * Brings BullMQ's job schedulers in line with the database on worker start: one `source-<id>` per enabled
 * source, none for paused or deleted ones. The API applies single changes at once; this repairs whatever
 * happened while Redis was unreachable or flushed.
 */
import type { Db } from '@scorecard/db/database';
import { listSources } from '@scorecard/db/sources/sources';
import { applySourceSchedule, jobs, sourceSchedulerId, type Queues } from '@scorecard/jobs';

const SCHEDULER_PAGE = 500;

export async function reconcileSourceSchedulers(db: Db, queues: Queues): Promise<{ active: number; removed: number }> {
  const sources = await listSources(db);
  for (const s of sources) {
    await applySourceSchedule(queues, {
      sourceId: s.id,
      cron: s.cron,
      timeZone: s.schedule_time_zone,
      enabled: s.enabled,
    });
  }
  const wanted = new Set(sources.filter((s) => s.enabled).map((s) => sourceSchedulerId(s.id)));
  const queue = queues[jobs['pull-source'].queue];
  const stale: string[] = [];
  for (let start = 0; ; start += SCHEDULER_PAGE) {
    const page = await queue.getJobSchedulers(start, start + SCHEDULER_PAGE - 1, true);
    stale.push(...page.map((s) => s.key).filter((id) => id.startsWith('source-') && !wanted.has(id)));
    if (page.length < SCHEDULER_PAGE) break;
  }
  let removed = 0;
  for (const id of stale) if (await queue.removeJobScheduler(id)) removed += 1;
  return { active: wanted.size, removed };
}
