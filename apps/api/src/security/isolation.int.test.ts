/**
 * Vendor isolation through every door: every registered route, called as a vendor-A user with the ids,
 * weeks and vendorId of vendor B's objects, and with A's own vendorId (A's own pages, with every value of
 * every enumerated parameter: each metric's drill-down and CSV), must return nothing of B (status, headers
 * or body: B's name, case ids, agents, queues, calendar…), and change nothing of B. The seed makes A's
 * cases have repeat contacts handled by B, so FCR evidence naming B's case would be caught.
 * The route table comes from the app itself, so a new route is walked without touching this file.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import Type from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import type { RouteEntry } from '../plugins/auth.ts';
import {
  isWeekParam,
  pathsFor,
  plausibleBody,
  plausibleQueries,
  STATE_CHANGING,
  walkableRoutes,
  type Fill,
} from './route-walk.ts';
import {
  recomputeSeeded,
  seedVendor,
  unseededVendorTables,
  vendorFingerprint,
  type VendorSeed,
} from './seed-vendors.ts';

let database: TestDatabase;
let app: FastifyInstance;
let a: VendorSeed;
let b: VendorSeed;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  a = await seedVendor(app.db, 'alpha');
  b = await seedVendor(app.db, 'bravo');
  await recomputeSeeded(app.db);
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

interface WalkResult {
  findings: string[];
  requests: number;
  successes: number;
}

/**
 * Requests in flight at once. The walk waits on the database and Redis far more than it computes, so a few
 * at a time take a fraction of the sequential wall time; more would only queue on the test pool.
 */
const WALK_CONCURRENCY = 8;

async function eachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Calls every route in `routes` as `caller` aimed at `victim`; never throws, reports what leaked. */
async function walkAsVendor(
  target: FastifyInstance,
  routes: RouteEntry[],
  start: SignedInCaller,
  victim: VendorSeed,
  own: VendorSeed,
): Promise<WalkResult> {
  let caller = start;
  let renewing: Promise<SignedInCaller> | null = null;
  const result: WalkResult = { findings: [], requests: 0, successes: 0 };
  const fillFor = (seed: VendorSeed, week: number): Fill => ({
    vendorId: seed.vendorId,
    id: seed.ids[1] ?? seed.vendorId,
    week: seed.weeks[week]!,
    monday: seed.mondays[week]!,
  });
  const fill = fillFor(victim, 0);
  // The shared customer's contacts are in the second seeded week.
  const fills = [fill, fillFor(own, 0), fillFor(own, 1)];
  const candidates = (param: string) =>
    isWeekParam(param)
      ? [...victim.weeks, ...victim.mondays]
      : [...new Set([victim.vendorId, ...victim.ids, own.vendorId])].map(String);
  const requestsOf = (route: RouteEntry) =>
    pathsFor(route.url, candidates).flatMap((path) =>
      [...new Set([...plausibleQueries(route, fills), ''])].map((query) => ({ route, url: `${path}${query}` })),
    );
  /**
   * One request as the signed-in vendor user. A state-changing route (sign-out, password) may end the
   * session while others are in flight: a 401 is checked against `/api/auth/me`, and when the session is
   * gone a new one is signed in (once for all who saw it) and the request is made again with it.
   */
  const call = async ({ route, url }: { route: RouteEntry; url: string }) => {
    const body = STATE_CHANGING.has(route.method) && route.method !== 'DELETE' ? plausibleBody(route, fill) : undefined;
    for (let attempt = 1; ; attempt++) {
      const used = caller;
      const response = await used.inject({ method: route.method, url, ...(body ? { payload: body } : {}) });
      const sessionEnded =
        response.statusCode === 401 && attempt < 4 && (await used.get('/api/auth/me')).statusCode === 401;
      if (sessionEnded) {
        if (caller === used) {
          renewing ??= callerAs(target, 'vendor', { vendorId: start.vendorId! }).finally(() => (renewing = null));
          caller = await renewing;
        }
        continue;
      }
      result.requests += 1;
      if (response.statusCode < 300) result.successes += 1;
      if (response.statusCode >= 500) result.findings.push(`${route.method} ${url} answered ${response.statusCode}`);
      const text = `${JSON.stringify(response.headers)}\n${response.body}`;
      for (const marker of [victim.name, ...victim.markers]) {
        if (text.includes(marker))
          result.findings.push(`${route.method} ${url} (${response.statusCode}) returned ${marker}`);
      }
      return;
    }
  };
  // Reads first, all of them before any state-changing route could alter what they would see.
  const reads = routes.filter((r) => !STATE_CHANGING.has(r.method));
  const changes = routes.filter((r) => STATE_CHANGING.has(r.method));
  await eachConcurrently(reads.flatMap(requestsOf), WALK_CONCURRENCY, call);
  await eachConcurrently(changes.flatMap(requestsOf), WALK_CONCURRENCY, call);
  return result;
}

describe('vendor isolation', () => {
  it('seeds vendor B in every table that has a vendor (a new table must be added to seed-vendors.ts)', async () => {
    expect(await unseededVendorTables(app.db, b.vendorId)).toEqual([]);
  });

  // Every route with every enumerated value: minutes on a busy machine, not the 60 s of an ordinary test.
  it('lets a vendor-A user reach nothing of vendor B through any route', { timeout: 300_000 }, async () => {
    const routes = walkableRoutes(app.routeTable);
    expect(routes.length).toBeGreaterThan(5);
    const before = await vendorFingerprint(app.db, b.vendorId);
    const caller = await callerAs(app, 'vendor', { vendorId: a.vendorId });
    const result = await walkAsVendor(app, routes, caller, b, a);
    expect(result.findings).toEqual([]);
    // The walk must not have been vacuous: the signed-in vendor user got answers.
    expect(result.successes).toBeGreaterThan(0);
    expect(await vendorFingerprint(app.db, b.vendorId)).toBe(before);
  });

  it('still sees its own data where a route serves vendor data (the markers are findable)', async () => {
    const caller = await callerAs(app, 'vendor', { vendorId: a.vendorId });
    const me = await caller.get('/api/auth/me');
    expect(me.json().user.vendorName).toBe(a.name);
  });
});

describe('the isolation suite itself', () => {
  // One more app for both checks: building one compiles every route's schemas, seconds on a busy machine.
  let extra: FastifyInstance;
  beforeAll(async () => {
    extra = await buildApp(testConfig(database.url));
  });
  afterAll(async () => {
    await extra?.close();
  });

  it('refuses to start an app with a route that declares no access', () => {
    expect(() => extra.get('/api/forgot-access', async () => 'oops')).toThrow(/declares no config.access/);
  });

  it('catches a route that leaks through a path parameter or a vendorId query', async () => {
    const leaky = extra.withTypeProvider();
    // Deliberately unscoped: reads by id and by vendorId without request.scope.
    leaky.get(
      '/api/leaky/:id',
      { config: { access: 'read' }, schema: { params: Type.Object({ id: Type.Integer() }) } },
      async (request) => {
        const { id } = request.params as { id: number };
        return sql`SELECT name FROM vendors WHERE id = ${id}`.execute(extra.db).then((r) => r.rows);
      },
    );
    leaky.get(
      '/api/leaky-list',
      {
        config: { access: 'read' },
        schema: { querystring: Type.Object({ vendorId: Type.Optional(Type.Integer()) }) },
      },
      async (request) => {
        const { vendorId } = request.query as { vendorId?: number };
        return sql`SELECT external_id FROM cases WHERE vendor_id = ${vendorId ?? 0}`
          .execute(extra.db)
          .then((r) => r.rows);
      },
    );
    await extra.ready();
    const routes = walkableRoutes(extra.routeTable).filter((r) => r.url.startsWith('/api/leaky'));
    expect(routes).toHaveLength(2);
    const caller = await callerAs(extra, 'vendor', { vendorId: a.vendorId });
    const { findings } = await walkAsVendor(extra, routes, caller, b, a);
    expect(findings.some((f) => f.startsWith(`GET /api/leaky/${b.vendorId} `))).toBe(true);
    expect(findings.some((f) => f.startsWith(`GET /api/leaky-list?vendorId=${b.vendorId} `))).toBe(true);
  });
});
