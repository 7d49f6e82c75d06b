/**
 * Zendesk incremental ticket export, cursor based (GET /api/v2/incremental/tickets/cursor.json). Each page
 * becomes one import read by the Zendesk preset, and the source's cursor moves past a page only once that
 * import has committed. So a pull killed at any point resumes from the last committed page: a page handed to
 * the pipeline but not yet committed is found by its item (the cursor it was requested with) and awaited, not
 * fetched again; a page never handed over is fetched again. Nothing is skipped and nothing is counted twice.
 * 429 answers are waited out for their Retry-After.
 */
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { findImport } from '@scorecard/db/imports/imports';
import { advanceCursor, findItem, findSource } from '@scorecard/db/sources/sources';
import { ZendeskSecrets, ZendeskSettings } from '@scorecard/domain/sources/kinds';
import { zendeskPageCsv, type ZendeskPage } from '@scorecard/domain/sources/zendesk-tickets';
import { ensureImportJob, importPulledFile } from './import-pulled.ts';
import type { PullContext, PullCounts } from './pull.ts';
import { readSecrets, readSettings } from './secrets.ts';
import { storeStream } from './stored-file.ts';

const PAGE_SIZE = 1000;
const MAX_RATE_LIMIT_WAITS = 10;
// Zendesk asks for up to a minute or so; anything far longer is better left to the next scheduled run.
const MAX_RETRY_AFTER_MS = 5 * 60_000;
const IMPORT_POLL_MS = 200;
const REQUEST_TIMEOUT_MS = 60_000;

export async function pullZendesk(context: PullContext, counts: PullCounts): Promise<void> {
  const { db, config } = context;
  const settings = readSettings(context.source, ZendeskSettings);
  const secrets = readSecrets(config, context.source, ZendeskSecrets);
  const authorization = `Basic ${Buffer.from(`${settings.email}/token:${secrets.apiToken}`).toString('base64')}`;
  for (;;) {
    // The cursor is read again for every page: it is the only state carried between pages.
    const source = await findSource(db, context.source.id);
    if (!source) return;
    const cursor = source.cursor;
    const itemKey = cursor ? `cursor:${cursor}` : `start:${settings.startTime}`;
    let item = await findItem(db, source.id, itemKey);
    if (!item) {
      const page = await fetchPage(settings.baseUrl, authorization, cursor, settings.startTime);
      counts.itemsFound += 1;
      if (page.tickets.length > 0) {
        const stored = await storeStream(
          config.uploads.dir,
          `zendesk-${itemKey.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80)}.csv`,
          Readable.from([zendeskPageCsv(page)]),
        );
        const outcome = await importPulledFile(context, source, itemKey, stored, {
          nextCursor: page.after_cursor,
          endOfStream: page.end_of_stream,
        });
        if (outcome.kind !== 'taken') counts.importsCreated += 1;
        item = await findItem(db, source.id, itemKey);
      } else {
        // An empty page carries no cases: nothing to commit before the cursor moves.
        if (page.after_cursor)
          await advanceCursor(db, { sourceId: source.id, fromCursor: cursor, nextCursor: page.after_cursor });
        if (page.end_of_stream || !page.after_cursor) return;
        continue;
      }
    }
    if (!item) throw new Error(`The page at ${itemKey} was recorded and then vanished.`);
    await awaitCommitted(context, item.import_id, config.sources.pageTimeoutMs);
    if (item.next_cursor) {
      await advanceCursor(db, { sourceId: source.id, fromCursor: cursor, nextCursor: item.next_cursor });
    }
    if (item.end_of_stream !== false || !item.next_cursor) return;
  }
}

/** Waits until the page's import has committed its cases; throws when it failed or took too long. */
async function awaitCommitted(context: PullContext, importId: number, timeoutMs: number): Promise<void> {
  await ensureImportJob(context, importId);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await findImport(context.db, importId);
    if (!row) throw new Error(`Import ${importId} of a Zendesk page no longer exists.`);
    if (row.status === 'succeeded') return;
    if (row.status === 'failed') throw new Error(`The import ${importId} of a Zendesk page failed: ${row.error ?? ''}`);
    if (Date.now() > deadline)
      throw new Error(`The import ${importId} of a Zendesk page did not commit within ${timeoutMs} ms.`);
    await sleep(IMPORT_POLL_MS);
  }
}

export async function fetchPage(
  baseUrl: string,
  authorization: string,
  cursor: string | null,
  startTime: number,
): Promise<ZendeskPage> {
  const url = new URL('/api/v2/incremental/tickets/cursor.json', baseUrl);
  if (cursor) url.searchParams.set('cursor', cursor);
  else url.searchParams.set('start_time', String(startTime));
  url.searchParams.set('per_page', String(PAGE_SIZE));
  url.searchParams.set('include', 'metric_sets,groups');
  for (let waits = 0; ; waits += 1) {
    const answer = await fetch(url, {
      headers: { authorization, accept: 'application/json' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (answer.status === 429 && waits < MAX_RATE_LIMIT_WAITS) {
      await answer.body?.cancel();
      await sleep(retryAfterMs(answer.headers.get('retry-after')));
      continue;
    }
    if (!answer.ok) {
      await answer.body?.cancel();
      throw new Error(`Zendesk answered ${answer.status} ${answer.statusText} for ${url.pathname}.`);
    }
    const page = (await answer.json()) as Partial<ZendeskPage>;
    if (!Array.isArray(page.tickets) || typeof page.end_of_stream !== 'boolean') {
      throw new Error('Zendesk answered with a body that is not an incremental ticket export page.');
    }
    return {
      ...page,
      tickets: page.tickets,
      end_of_stream: page.end_of_stream,
      after_cursor: page.after_cursor ?? null,
    };
  }
}

/** Retry-After in seconds or as an HTTP date; absent or unreadable: one minute (Zendesk's window). */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  const seconds = header === null ? Number.NaN : Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : header ? Date.parse(header) - now : Number.NaN;
  return Math.min(Math.max(Number.isFinite(ms) ? ms : 60_000, 0), MAX_RETRY_AFTER_MS);
}
