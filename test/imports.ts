/** Helpers for the import integration tests: multipart bodies and waiting for an import to finish. */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { InjectOptions } from 'fastify';
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
