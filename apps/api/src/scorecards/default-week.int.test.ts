/**
 * With no week asked for, pages open on the newest complete week with data in the reporting
 * zone; the current week is served on request and marked partial.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { MetricCase } from '@scorecard/domain/metrics/case-facts';
import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';
import { recompute } from '@scorecard/db/metrics/recompute';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type Caller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';

const DAY_MS = 86_400_000;
/** Monday 00:00 UTC of the week holding `instant`, worked out by hand (getUTCDay: Sunday 0). */
function mondayUtc(instant: Date): Date {
  const midnight = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  return new Date(midnight - ((instant.getUTCDay() + 6) % 7) * DAY_MS);
}
/** ISO week label of a Monday: the ISO year is the year of that week's Thursday. */
function isoLabel(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const currentMonday = mondayUtc(new Date());
const lastMonday = new Date(currentMonday.getTime() - 7 * DAY_MS);
const current = isoLabel(currentMonday);
const lastComplete = isoLabel(lastMonday);

let database: TestDatabase;
let app: FastifyInstance;
let viewer: Caller;
let vendorId: number;

function emailCase(id: number, createdAt: Date): MetricCase {
  return {
    id,
    vendorId,
    queue: 'Buyer',
    channel: 'email',
    tier: 1,
    site: null,
    customerId: null,
    createdAt,
    firstResponseAt: null,
    solvedAt: null,
    reopenCount: 0,
    handleSeconds: null,
    waitSeconds: null,
    answered: null,
    abandoned: null,
    csatScore: null,
    csatScale: null,
    csatAt: null,
    escalated: null,
    firstContactResolved: null,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  await database.db.updateTable('organisation_settings').set({ reporting_time_zone: 'UTC' }).execute();
  ({ id: vendorId } = await database.db
    .insertInto('vendors')
    .values({ name: 'Alpha' })
    .returning('id')
    .executeTakeFirstOrThrow());
  // Three cases in the last complete week, one in the current week (created at its very start).
  await insertCases(database.db, [
    emailCase(1, new Date(lastMonday.getTime() + DAY_MS)),
    emailCase(2, new Date(lastMonday.getTime() + 2 * DAY_MS)),
    emailCase(3, new Date(lastMonday.getTime() + 3 * DAY_MS)),
    emailCase(4, new Date(currentMonday.getTime() + 60_000)),
  ]);
  await recompute(database.db, { kind: 'all' });
  viewer = await callerAs(app, 'viewer');
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('the default week', () => {
  it('opens the scorecard on the last complete week though the current week has data', async () => {
    const body = (await viewer.get('/api/scorecards')).json<Record<string, unknown>>();
    expect(body).toMatchObject({ week: lastComplete, currentWeek: current, partial: false });
    expect(body.availableWeeks).toEqual([current, lastComplete]);
  });

  it('serves the current week on request, marked partial', async () => {
    const body = (await viewer.get(`/api/scorecards?week=${current}`)).json<Record<string, unknown>>();
    expect(body).toMatchObject({ week: current, currentWeek: current, partial: true });
  });

  it('lists the cases of the default week when the drill-down names no week, and says which week', async () => {
    const response = await viewer.get('/api/cases');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ week: lastComplete, total: 3 });
  });

  it('opens a vendor trend on the last complete week', async () => {
    const body = (await viewer.get(`/api/vendors/${vendorId}/trends?weeks=12`)).json<{ weeks: string[] }>();
    expect(body.weeks.at(-1)).toBe(lastComplete);
  });
});
