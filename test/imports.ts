/** Helpers for the import integration tests: multipart bodies and waiting for an import to finish. */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { InjectOptions } from 'fastify';
import type { Db } from '../packages/db/src/database.ts';
import type { MappingDocument } from '../packages/ingest/src/mapping.ts';
import { importJobIds } from '../packages/jobs/src/registry.ts';
import type { Caller } from './http.ts';

/** A multipart/form-data body: text fields first (the API reads them before the file), then `file`. */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; content: Buffer | string; type?: string },
): Pick<InjectOptions, 'payload' | 'headers'> {
  const boundary = `----scorecard${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(
  caller: Caller,
  file: { name: string; content: Buffer | string; type?: string },
  fields: Record<string, string> = {},
) {
  return caller.inject({ method: 'POST', url: '/api/imports', ...multipart(fields, file) });
}

export interface ImportView {
  id: number;
  status: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  error: string | null;
  unmapped: { field: string; value: string; caseCount: number }[];
  [key: string]: unknown;
}

/** Polls GET /api/imports/:id until it leaves queued/running, or throws after `timeoutMs`. */
export async function waitForImport(caller: Caller, id: number, timeoutMs = 30_000): Promise<ImportView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await caller.get(`/api/imports/${id}`);
    const view = response.json() as ImportView;
    if (view.status !== 'queued' && view.status !== 'running') return view;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${view.status} after ${timeoutMs} ms`);
    await delay(100);
  }
}

/** A BullMQ job as far as waiting for it goes (test/ resolves no bare package names). */
interface FinishingJob<Events> {
  waitUntilFinished(events: Events, timeoutMs: number): Promise<unknown>;
}

/** The recompute job an import enqueued (just after its commit), once it has finished. */
export async function waitForImportRecompute<Events, J extends FinishingJob<Events>>(
  db: Db,
  metrics: { getJob(id: string): Promise<J | undefined> },
  events: Events,
  importId: number,
  timeoutMs = 60_000,
): Promise<J> {
  const { created_at } = await db
    .selectFrom('imports')
    .select('created_at')
    .where('id', '=', importId)
    .executeTakeFirstOrThrow();
  const jobId = importJobIds(importId, created_at).recompute;
  const deadline = Date.now() + timeoutMs;
  let job = await metrics.getJob(jobId);
  while (!job) {
    if (Date.now() > deadline) throw new Error(`no recompute job for import ${importId}`);
    await delay(100);
    job = await metrics.getJob(jobId);
  }
  await job.waitUntilFinished(events, timeoutMs);
  return job;
}

/** The generic-format mapping most import tests read their files with: columns id, created, team, channel, queue. */
export const TEAM_MAPPING: MappingDocument = {
  source: 'generic',
  vendor: { kind: 'column', column: 'team' },
  fields: {
    externalId: { kind: 'column', column: 'id' },
    createdAt: { kind: 'column', column: 'created' },
    channel: { kind: 'column', column: 'channel' },
    queue: { kind: 'column', column: 'queue' },
  },
};
