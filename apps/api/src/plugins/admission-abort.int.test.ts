/**
 * Admission control when clients go away: many requests whose sockets are destroyed at different points
 * (before the handler runs, while it awaits the database, while the response is being sent) must each give
 * back their place, so the in-flight count returns to zero and later requests are admitted.
 */
import { Readable } from 'node:stream';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { buildApp } from '../app.ts';

const MAX_IN_FLIGHT = 8;
const DROPPED_EACH_WAY = 12;
const LARGE = 'x'.repeat(16 * 1024 * 1024);
let database: TestDatabase;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  database = await createTestDatabase();
  // Enough room for every dropped request at once: they must be admitted to leak anything.
  app = await buildApp(testConfig(database.url, { HTTP_MAX_IN_FLIGHT: String(4 * DROPPED_EACH_WAY) }));
  // Test routes: one that waits on the database, one whose answer is far larger than a socket buffer.
  app.get('/test/slow', { config: { access: 'public' } }, async () => {
    await sql`SELECT pg_sleep(0.3)`.execute(app.db);
    return { slept: true };
  });
  app.post('/test/slow', { config: { access: 'public' } }, async (request) => {
    await sql`SELECT pg_sleep(0.3)`.execute(app.db);
    return { echoed: request.body };
  });
  app.get('/test/large', { config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/plain').send(LARGE),
  );
  app.get('/test/stream', { config: { access: 'public' } }, async (_request, reply) => {
    async function* chunks() {
      for (let i = 0; i < 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        yield Buffer.alloc(64 * 1024, 120);
      }
    }
    return reply.type('text/plain').send(Readable.from(chunks()));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `request` on a new connection and resolves once it is written, with the socket. */
function send(request: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request, () => resolve(socket)));
    socket.on('error', reject);
  });
}
const get = (url: string) => `GET ${url} HTTP/1.1\r\nHost: x\r\n\r\n`;

/** Until `app.admission.inFlight` is `expected` (what it is after at most `timeoutMs`). */
async function inFlightSettles(expected: number, timeoutMs = 10_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (app.admission.inFlight !== expected && Date.now() < deadline) await sleep(20);
  return app.admission.inFlight;
}

describe('admission control with dropped connections', () => {
  it('gives back the place of every request whose client went away, however far it got', async () => {
    const drops: Promise<void>[] = [];
    for (let i = 0; i < DROPPED_EACH_WAY; i++) {
      // Before the handler: admitted, still waiting for a body that never comes.
      drops.push(
        send(
          'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n{',
        ).then(async (socket) => {
          await sleep(50);
          socket.destroy();
        }),
      );
      // Right away: the request may be gone before it reaches onRequest, or just after.
      drops.push(send(get('/test/slow')).then((socket) => void socket.destroy()));
      // While the handler awaits the database (pg_sleep 0.3 s).
      drops.push(
        send(get('/test/slow')).then(async (socket) => {
          await sleep(100);
          socket.destroy();
        }),
      );
      // While the handler awaits the database, its body read to the end.
      drops.push(
        send(
          'POST /test/slow HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
        ).then(async (socket) => {
          await sleep(100);
          socket.destroy();
        }),
      );
      // During the send: the client reads the first bytes of a 16 MB answer, or of a stream, and hangs up.
      drops.push(
        send(get('/test/large')).then(
          (socket) =>
            new Promise<void>((resolve) => {
              socket.once('data', () => {
                socket.destroy();
                resolve();
              });
            }),
        ),
      );
      drops.push(
        send(get('/test/stream')).then(
          (socket) =>
            new Promise<void>((resolve) => {
              socket.once('data', () => {
                socket.destroy();
                resolve();
              });
            }),
        ),
      );
    }
    await Promise.all(drops);
    expect(await inFlightSettles(0)).toBe(0);

    // Later requests are admitted: as many at once as the limit allows, all answered.
    const answers = await Promise.all(
      Array.from({ length: MAX_IN_FLIGHT }, () => fetch(`http://127.0.0.1:${port}/test/slow`)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array.from({ length: MAX_IN_FLIGHT }, () => 200));
    expect(await inFlightSettles(0)).toBe(0);
  });
});
