/**
 * A loopback HTTP server speaking Zendesk's incremental ticket export (cursor based): pages chained by
 * `after_cursor`, the last with `end_of_stream: true`. It logs every request, can answer a cursor with 429 +
 * Retry-After once, and can hold a cursor's request open (to kill a worker while it waits on it).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZendeskPage, ZendeskTicket } from '@scorecard/domain/sources/zendesk-tickets';

export interface ZendeskPeer {
  baseUrl: string;
  /** `start:<start_time>` or `cursor:<cursor>` per request, in order, with the time it arrived. */
  requests: { key: string; at: number; authorization: string | undefined }[];
  rateLimitOnce(key: string, retryAfterSeconds: number): void;
  /** The next request for `key` is held until `release()`; resolves when it arrives. */
  hold(key: string): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

export function ticketsFor(prefix: string, n: number, group: { id: number; name: string }): ZendeskTicket[] {
  return Array.from({ length: n }, (_, i) => ({
    id: Number(`${prefix}${String(i + 1).padStart(3, '0')}`),
    created_at: `2026-11-${String(16 + (i % 5)).padStart(2, '0')}T09:00:00Z`,
    updated_at: '2026-11-21T09:00:00Z',
    status: 'solved',
    group_id: group.id,
    via: { channel: i % 2 ? 'chat' : 'email' },
    satisfaction_rating: { score: i % 3 === 0 ? 'good' : 'unoffered' },
  }));
}

/**
 * `pages[0]` answers `start_time`, `pages[i]` answers the cursor `c<i>`; each page points at the next; a cursor past
 * the last page answers an empty end-of-stream page.
 */
export async function startZendeskPeer(pages: Pick<ZendeskPage, 'tickets' | 'groups'>[]): Promise<ZendeskPeer> {
  const requests: ZendeskPeer['requests'] = [];
  const limited = new Map<string, number>();
  let held: { key: string; arrived: () => void; pending?: () => void } | null = null;

  function answer(key: string, response: ServerResponse) {
    const index = key.startsWith('start:') ? 0 : Number(key.slice('cursor:c'.length));
    const page = pages[index];
    // Past the last page: nothing new yet, and the same cursor to poll with next time (as Zendesk answers).
    const body: ZendeskPage = page
      ? { ...page, after_cursor: `c${index + 1}`, end_of_stream: index === pages.length - 1 }
      : { tickets: [], after_cursor: `c${index}`, end_of_stream: true };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://peer');
    if (url.pathname !== '/api/v2/incremental/tickets/cursor.json') {
      response.writeHead(404).end();
      return;
    }
    const cursor = url.searchParams.get('cursor');
    const key = cursor ? `cursor:${cursor}` : `start:${url.searchParams.get('start_time')}`;
    requests.push({ key, at: Date.now(), authorization: request.headers.authorization });
    const retryAfter = limited.get(key);
    if (retryAfter !== undefined) {
      limited.delete(key);
      response.writeHead(429, { 'retry-after': String(retryAfter) }).end('{"error":"APIRateLimitExceeded"}');
      return;
    }
    if (held?.key === key) {
      const hold = held;
      hold.pending = () => answer(key, response);
      hold.arrived();
      return;
    }
    answer(key, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    rateLimitOnce: (key, seconds) => limited.set(key, seconds),
    hold: (key) => new Promise<void>((arrived) => (held = { key, arrived })),
    release() {
      const pending = held?.pending;
      held = null;
      pending?.();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
