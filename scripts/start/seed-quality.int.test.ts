/** The demo's quality seed runs through the real API and fills the weekly quality figures. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addWeeks, weekLabel, weekOf } from '../../packages/domain/src/weeks.ts';
import { createUser } from '../../apps/api/src/auth/users.service.ts';
import { buildApp } from '../../apps/api/src/app.ts';
import { createTestDatabase, testConfig, type TestDatabase } from '../../test/harness.ts';
import { ApiClient } from './api-client.ts';
import { REVIEWS_PER_WEEK, seedQuality } from './seed-quality.ts';

let database: TestDatabase;
let app: FastifyInstance;
let baseUrl: string;
const endWeek = addWeeks(weekOf(new Date(), 'UTC'), -1);

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const vendors = await database.db
    .insertInto('vendors')
    .values([{ name: 'Acme' }, { name: 'Globex' }])
    .returning('id')
    .execute();
  const cases = vendors.flatMap((v) =>
    Array.from({ length: 4 * 40 }, (_, i) => ({
      source: 'generic' as const,
      external_id: `${v.id}-${i}`,
      vendor_id: v.id,
      queue: i % 2 ? 'Billing' : 'Orders',
      channel: 'email',
      escalated: i % 10 === 0,
      created_at: new Date(Date.parse(`${addWeeks(endWeek, -Math.floor(i / 40))}T09:00:00Z`) + (i % 40) * 3_600_000),
    })),
  );
  await database.db.insertInto('cases').values(cases).execute();
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

it('loads forms, reviews, disputes and escalation reviews', async () => {
  const password = randomBytes(12).toString('hex');
  await createUser(app.db, {
    email: 'demo-admin@test.example',
    name: 'Admin',
    role: 'admin',
    vendorId: null,
    password,
  });
  const api = new ApiClient(baseUrl);
  await api.signIn('demo-admin@test.example', password);
  const lines: string[] = [];
  await seedQuality(api, baseUrl, endWeek, (line) => lines.push(line));
  expect(lines.join('\n')).toContain('reviews');
  const weekly = await api.get(`/api/quality/weekly?week=${weekLabel(endWeek)}`);
  const vendors = (weekly.body as { vendors: { qualityScore: { n: number; value: number } }[] }).vendors;
  expect(vendors.map((v) => v.qualityScore.n)).toEqual([REVIEWS_PER_WEEK, REVIEWS_PER_WEEK]);
  // The same figures reach the scorecard's quality column (metric catalogue, weekly_quality_parts).
  const scorecard = await api.get(`/api/scorecards?week=${weekLabel(endWeek)}`);
  const rows = (scorecard.body as { vendors: { metrics: Record<string, { value: number | null; sample: number }> }[] })
    .vendors;
  expect(rows.map((r) => r.metrics.quality_score!.sample)).toEqual([REVIEWS_PER_WEEK, REVIEWS_PER_WEEK]);
  for (const [i, row] of rows.entries()) {
    expect(row.metrics.quality_score!.value).toBeCloseTo(vendors[i]!.qualityScore.value, 9);
  }
  const disputes = await api.get('/api/quality/disputes');
  expect((disputes.body as unknown[]).length).toBeGreaterThan(0);
});
