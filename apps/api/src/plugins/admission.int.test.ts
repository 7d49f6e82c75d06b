/**
 * Admission control: with HTTP_MAX_IN_FLIGHT requests held open (their bodies not yet sent, so they stay
 * past onRequest), the next request is answered 503 with Retry-After at once; once they end, it is admitted.
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { buildApp } from '../app.ts';

const MAX_IN_FLIGHT = 2;
let database: TestDatabase;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url, { HTTP_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT) }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

/** A sign-in whose body never arrives: admitted, then waiting for its body. */
function heldRequest(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
        () => resolve(socket),
      );
    });
    socket.on('error', reject);
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('admission control', () => {
  it('answers 503 with Retry-After beyond the in-flight limit, and admits again once requests end', async () => {
    const port = Number(new URL(base).port);
    const held = await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, () => heldRequest(port)));
    const refused = await until(
      () => fetch(`${base}/api/scorecards`),
      (r) => r.status === 503,
    );
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(((await refused.json()) as { title: string }).title).toBe('The server is busy');
    // The liveness probe still answers: a busy process is not a dead one.
    expect((await fetch(`${base}/health/live`)).status).toBe(200);

    for (const socket of held) socket.destroy();
    const admitted = await until(
      () => fetch(`${base}/api/scorecards`),
      (r) => r.status !== 503,
    );
    expect(admitted.status).toBe(401);
  });
});
