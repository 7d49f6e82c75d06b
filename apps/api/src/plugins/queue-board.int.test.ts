import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { anonymous, callerAs, signIn, type SignedInCaller } from '../../../../test/http.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/sessions.ts';
import { buildApp } from '../app.ts';
import { QUEUE_BOARD_PREFIX } from './queue-board.ts';

let database: TestDatabase;
let app: FastifyInstance;
let admin: SignedInCaller;
const callers: Record<'ops' | 'viewer' | 'vendor', SignedInCaller> = {} as never;

const BOARD_PAGE = QUEUE_BOARD_PREFIX;
const BOARD_API = `${QUEUE_BOARD_PREFIX}/api/queues`;
const PAUSE_METRICS = `${QUEUE_BOARD_PREFIX}/api/queues/metrics/pause`;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const vendor = await database.db
    .insertInto('vendors')
    .values({ name: 'Board Vendor' })
    .returning('id')
    .executeTakeFirstOrThrow();
  admin = await callerAs(app, 'admin');
  callers.ops = await callerAs(app, 'ops');
  callers.viewer = await callerAs(app, 'viewer');
  callers.vendor = await callerAs(app, 'vendor', { vendorId: vendor.id });
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('queue board', () => {
  it('shows admins the board page and its assets', async () => {
    const page = await admin.get(BOARD_PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Scorecard queues');
    const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    const asset = await admin.get(`${QUEUE_BOARD_PREFIX}/${script}`);
    expect(asset.statusCode).toBe(200);
  });

  it('lists every queue of the app to admins through its API', async () => {
    const response = await admin.get(BOARD_API);
    expect(response.statusCode).toBe(200);
    const names = (response.json() as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect(names).toEqual(Object.keys(app.queues).sort());
  });

  it.each(['ops', 'viewer', 'vendor'] as const)('refuses %s users with 403', async (role) => {
    for (const url of [BOARD_PAGE, BOARD_API]) {
      const response = await callers[role].get(url);
      expect(response.statusCode, url).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain('metrics');
    }
    const pause = await callers[role].put(PAUSE_METRICS);
    expect(pause.statusCode).toBe(403);
    expect(await app.queues.metrics.isPaused()).toBe(false);
  });

  it('refuses anonymous callers with 401', async () => {
    for (const url of [BOARD_PAGE, BOARD_API, `${QUEUE_BOARD_PREFIX}/static/js/anything.js`]) {
      const response = await anonymous(app).get(url);
      expect(response.statusCode, url).toBe(401);
      expect(response.json()).toMatchObject({ status: 401, type: 'urn:scorecard:problem:unauthenticated' });
    }
  });

  it('checks CSRF on its state-changing routes for cookie sessions', async () => {
    const { cookie } = await signIn(app, admin.email, admin.password);
    const withoutToken = await app.inject({
      method: 'PUT',
      url: PAUSE_METRICS,
      headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json()).toMatchObject({ detail: expect.stringContaining(CSRF_HEADER) });
    expect(await app.queues.metrics.isPaused()).toBe(false);

    const withToken = await admin.put(PAUSE_METRICS);
    expect(withToken.statusCode).toBe(200);
    expect(await app.queues.metrics.isPaused()).toBe(true);
    expect((await admin.put(`${QUEUE_BOARD_PREFIX}/api/queues/metrics/resume`)).statusCode).toBe(200);
    expect(await app.queues.metrics.isPaused()).toBe(false);
  });

  it("lets the board's own page act without the token: the browser says it is same-origin", async () => {
    const { cookie } = await signIn(app, admin.email, admin.password);
    const pause = (site: string) =>
      app.inject({
        method: 'PUT',
        url: PAUSE_METRICS,
        headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'sec-fetch-site': site },
      });
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect((await pause(site)).statusCode, site).toBe(403);
      expect(await app.queues.metrics.isPaused()).toBe(false);
    }
    expect((await pause('same-origin')).statusCode).toBe(200);
    expect(await app.queues.metrics.isPaused()).toBe(true);
    expect((await admin.put(`${QUEUE_BOARD_PREFIX}/api/queues/metrics/resume`)).statusCode).toBe(200);
  });

  it('accepts Fetch Metadata for the board only: other routes still need the token', async () => {
    const { cookie } = await signIn(app, admin.email, admin.password);
    const response = await app.inject({
      method: 'POST',
      url: '/api/recompute',
      headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ detail: expect.stringContaining(CSRF_HEADER) });
  });

  it('lists its routes in the route table as admin-only', () => {
    const boardRoutes = app.routeTable.filter((route) => route.url.startsWith(QUEUE_BOARD_PREFIX));
    expect(boardRoutes.length).toBeGreaterThan(10);
    expect(boardRoutes.every((route) => route.access === 'admin')).toBe(true);
  });
});
