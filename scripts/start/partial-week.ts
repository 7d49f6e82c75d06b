/**
 * The demo's current week so far: the demo export is taken now, so the current week is partial,
 * and split in two files at the middle of the week so far. Two imports give two alert evaluations on the
 * week-to-date figures (the pending period), so `pnpm start` shows projections and an alert without waiting
 * for the hourly evaluation. Both files come from one generator run: the same cases as one export.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { DEFAULT_SEED, DEMO_COLUMNS, demoRows } from '../demo/generate.ts';
import { weekOf } from '../../packages/domain/src/weeks.ts';
import type { ApiClient } from './api-client.ts';

/** Writes the 12 complete weeks plus the current week up to `now`; returns the two files in upload order. */
export async function writeDemoExports(
  now: Date,
  completeWeeks: number,
  paths: [string, string],
): Promise<{ splitAt: Date }> {
  const currentWeek = weekOf(now, 'UTC');
  const weekStartMs = Date.parse(`${currentWeek}T00:00:00Z`);
  const splitAt = new Date(weekStartMs + (now.getTime() - weekStartMs) / 2);
  const files = paths.map((p) => createWriteStream(p));
  const header = `${DEMO_COLUMNS.join(',')}\n`;
  for (const file of files) file.write(header);
  const rows = demoRows({
    endWeek: currentWeek,
    weeks: completeWeeks + 1,
    seed: DEFAULT_SEED,
    exportAtMs: now.getTime(),
  });
  for (const row of rows) {
    const file = Date.parse(row.created_at) < splitAt.getTime() ? files[0]! : files[1]!;
    if (!file.write(`${DEMO_COLUMNS.map((column) => row[column]).join(',')}\n`)) await once(file, 'drain');
  }
  await Promise.all(files.map((file) => new Promise((resolve) => file.end(resolve))));
  return { splitAt };
}

/** One organisation-wide rule on every contract metric: the week-to-date status turns at risk or missed. */
export async function createDemoAlertRule(api: ApiClient, log: (message: string) => void): Promise<void> {
  const response = await api.post('/api/alerts/rules', {
    name: 'Week to date at risk',
    vendorId: null,
    metric: null,
    condition: 'status',
    threshold: null,
    minSample: null,
    emailTo: [],
    webhookUrl: null,
    enabled: true,
  });
  if (response.status !== 201)
    throw new Error(`creating the demo alert rule: ${response.status} ${JSON.stringify(response.body)}`);
  log('alerts: rule "Week to date at risk" on every vendor and contract metric');
}
