/**
 * Brings BullMQ's job schedulers in line with the database on worker start: one `report-<vendorId>` per
 * vendor with an enabled schedule (stored or default), none for disabled or deleted vendors. The API
 * applies single changes at once; this repairs whatever happened while Redis was unreachable or flushed.
 */
import type { Db } from '@scorecard/db/database';
import { listReportSchedules } from '@scorecard/db/reports/schedules';
import { applyReportSchedule, jobs, reportSchedulerId, type Queues } from '@scorecard/jobs';

const SCHEDULER_PAGE = 500;

export async function reconcileReportSchedulers(db: Db, queues: Queues): Promise<{ active: number; removed: number }> {
  const schedules = await listReportSchedules(db);
  for (const s of schedules) {
    await applyReportSchedule(queues, { vendorId: s.vendorId, cron: s.cron, timeZone: s.timeZone, enabled: s.enabled });
  }
  const wanted = new Set(schedules.filter((s) => s.enabled).map((s) => reportSchedulerId(s.vendorId)));
  const queue = queues[jobs['send-report'].queue];
  // Collect first, remove after: removing while paging would shift the pages.
  const stale: string[] = [];
  for (let start = 0; ; start += SCHEDULER_PAGE) {
    const page = await queue.getJobSchedulers(start, start + SCHEDULER_PAGE - 1, true);
    stale.push(...page.map((s) => s.key).filter((id) => id.startsWith('report-') && !wanted.has(id)));
    if (page.length < SCHEDULER_PAGE) break;
  }
  let removed = 0;
  for (const id of stale) if (await queue.removeJobScheduler(id)) removed += 1;
  return { active: wanted.size, removed };
}
