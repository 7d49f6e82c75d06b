/**
 * Each role × each state-changing route of the route table: roles the route's access admits get anything
 * but 401/403 (a 404 for an object outside a vendor's scope is fine); the others get 403. Anonymous callers
 * get 401 on every non-public route.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { anonymous, callerAs, type Caller } from '../../../../test/http.ts';
import { mayAccess, ROLES, type Role } from '../auth/access.ts';
import { buildApp } from '../app.ts';
import type { RouteEntry } from '../plugins/auth.ts';
import {
  isWeekParam,
  pathsFor,
  plausibleBody,
  plausibleQuery,
  STATE_CHANGING,
  walkableRoutes,
  type Fill,
} from './route-walk.ts';
import { recomputeSeeded, seedVendor, type VendorSeed } from './seed-vendors.ts';

let database: TestDatabase;
let app: FastifyInstance;
let own: VendorSeed;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  own = await seedVendor(app.db, 'matrix');
  await recomputeSeeded(app.db);
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

function requestFor(route: RouteEntry): { url: string; payload?: Record<string, unknown> } {
  const fill: Fill = {
    vendorId: own.vendorId,
    id: own.ids[1] ?? own.vendorId,
    week: own.weeks[0]!,
    monday: own.mondays[0]!,
  };
  const [path] = pathsFor(route.url, (param) => [
    isWeekParam(param) ? own.weeks[0]! : String(own.ids[1] ?? own.vendorId),
  ]);
  const url = `${path}${plausibleQuery(route, fill)}`;
  return route.method === 'DELETE' ? { url } : { url, payload: plausibleBody(route, fill) };
}

describe('role matrix', () => {
  it('admits exactly the roles each state-changing route declares', async () => {
    const routes = walkableRoutes(app.routeTable).filter((r) => STATE_CHANGING.has(r.method));
    expect(routes.length).toBeGreaterThan(3);
    const signIn = (role: Role) => callerAs(app, role, role === 'vendor' ? { vendorId: own.vendorId } : {});
    const callers = new Map<Role, Caller>();
    for (const role of ROLES) callers.set(role, await signIn(role));
    const wrong: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        const caller = callers.get(role)!;
        const { url, payload } = requestFor(route);
        const response = await caller.inject({ method: route.method, url, ...(payload ? { payload } : {}) });
        // A public route (sign-in) answers for itself: its 401 is a wrong password, not an access decision.
        const allowed = mayAccess(role, route.access);
        const ok =
          route.access === 'public' ||
          (allowed ? response.statusCode !== 401 && response.statusCode !== 403 : response.statusCode === 403);
        if (!ok || response.statusCode >= 500) {
          wrong.push(
            `${role} ${route.method} ${url} (access ${route.access}): ${response.statusCode} ${response.body.slice(0, 160)}`,
          );
        }
        // Archiving the seeded vendor refuses its users: restored, so the next role's call is judged on access.
        await app.db.updateTable('vendors').set({ archived_at: null }).where('id', '=', own.vendorId).execute();
        // Sign-out, a password reset of this very user or a role change may end the caller's session.
        if ((await caller.get('/api/auth/me')).statusCode === 401) callers.set(role, await signIn(role));
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every non-public route', async () => {
    const routes = walkableRoutes(app.routeTable).filter((r) => r.access !== 'public');
    const wrong: string[] = [];
    for (const route of routes) {
      const { url, payload } = requestFor(route);
      const response = await anonymous(app).inject({
        method: route.method,
        url,
        ...(payload && route.method !== 'GET' ? { payload } : {}),
      });
      if (response.statusCode !== 401) wrong.push(`${route.method} ${url}: ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
