/**
 * The inputs that answered 500 (20 responses, 6 causes) each answer 400 with a problem
 * document: a week past the supported years, an offset beyond every integer type, the date 0000-01-01, a dry run
 * of a file with an unclosed quote, a NUL in an upload's file name, and malformed multipart bodies.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { multipart } from '../../../../test/imports.ts';
import { buildApp } from '../app.ts';

const FAR_WEEK = '9999-W52';
const HUGE_OFFSET = '99999999999999999999';
const YEAR_ZERO = '0000-01-01';
const plusDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let database: TestDatabase;
let app: FastifyInstance;
let ops: SignedInCaller;
let vendorId: number;
let planId: number;
let itemId: number;
let importId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  ops = await callerAs(app, 'ops');
  vendorId = (await ops.post('/api/vendors', { name: 'Acme' })).json<{ id: number }>().id;
  const plan = await ops.post('/api/plans', {
    vendorId,
    baselineWeek: '2026-W40',
    dueDate: plusDays(60),
    ownerUserId: ops.userId,
    metrics: [{ metric: 'csat', targetValue: 80, baselineValue: 70 }],
  });
  expect(plan.statusCode, plan.body).toBe(201);
  planId = plan.json<{ plan: { id: number } }>().plan.id;
  const meeting = await ops.post(`/api/plans/${planId}/meetings`, {
    heldOn: plusDays(-1),
    attendees: ['Pat'],
    notes: 'n',
    items: [{ description: 'Do it', ownerUserId: ops.userId, dueDate: plusDays(7) }],
  });
  expect(meeting.statusCode, meeting.body).toBe(201);
  itemId = meeting.json<{ items: { id: number }[] }>().items[0]!.id;
  const row = await database.db
    .insertInto('imports')
    .values({
      file_name: 'x.csv',
      stored_path: '/nonexistent',
      file_bytes: 1,
      sha256: 'a'.repeat(64),
      mapping_sha256: 'b'.repeat(64),
      status: 'failed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  importId = row.id;
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

const file = 'id,created,team,channel\nA1,2026-11-16 09:00:00,Acme,email\n';
const multipartOf = (name: string, content: string) => multipart({}, { name, content });
const boundaryOf = (headers: InjectOptions['headers']) => String(headers!['content-type']).split('boundary=')[1]!;

const cases: [string, () => InjectOptions][] = [
  ['scorecard of a far week', () => ({ method: 'GET', url: `/api/scorecards?week=${FAR_WEEK}` })],
  [
    'trends ending in a far week',
    () => ({ method: 'GET', url: `/api/vendors/${vendorId}/trends?endWeek=${FAR_WEEK}` }),
  ],
  [
    'report preview of a far week',
    () => ({ method: 'GET', url: `/api/reports/preview?vendorId=${vendorId}&week=${FAR_WEEK}` }),
  ],
  [
    'plan prefill of a far week',
    () => ({ method: 'GET', url: `/api/plans/prefill?vendorId=${vendorId}&metric=csat&week=${FAR_WEEK}` }),
  ],
  [
    'plan with a far baseline week',
    () => ({
      method: 'POST',
      url: '/api/plans',
      payload: {
        vendorId,
        baselineWeek: FAR_WEEK,
        dueDate: plusDays(60),
        ownerUserId: ops.userId,
        metrics: [{ metric: 'csat', targetValue: 80, baselineValue: 70 }],
      },
    }),
  ],
  ['deliveries at a huge offset', () => ({ method: 'GET', url: `/api/reports/deliveries?offset=${HUGE_OFFSET}` })],
  ['imports at a huge offset', () => ({ method: 'GET', url: `/api/imports?offset=${HUGE_OFFSET}` })],
  [
    'rejects at a huge offset',
    () => ({ method: 'GET', url: `/api/imports/${importId}/rejects?offset=${HUGE_OFFSET}` }),
  ],
  [
    'meeting held in year 0',
    () => ({
      method: 'POST',
      url: `/api/plans/${planId}/meetings`,
      payload: { heldOn: YEAR_ZERO, attendees: ['Pat'], notes: 'n', items: [] },
    }),
  ],
  [
    'item due in year 0',
    () => ({ method: 'PATCH', url: `/api/plan-items/${itemId}`, payload: { dueDate: YEAR_ZERO } }),
  ],
  [
    'calendar holiday in year 0',
    () => ({
      method: 'POST',
      url: '/api/calendars',
      payload: { name: 'C', timeZone: 'UTC', hours: [], holidays: [YEAR_ZERO] },
    }),
  ],
  [
    'calendar holiday list in year 0',
    () => ({
      method: 'POST',
      url: '/api/calendars',
      payload: { name: 'C', timeZone: 'UTC', hours: [], holidayList: `${YEAR_ZERO} New Year` },
    }),
  ],
  [
    'dry run of an unclosed quote',
    () => ({
      method: 'POST',
      url: '/api/imports/dry-run',
      ...multipartOf('q.csv', `${file}A2,"2026-11-16,Acme,email\n`),
    }),
  ],
  ['upload named with a NUL', () => ({ method: 'POST', url: '/api/imports', ...multipartOf('a\u0000.csv', file) })],
  [
    'multipart without a boundary',
    () => ({
      method: 'POST',
      url: '/api/imports',
      payload: multipartOf('a.csv', file).payload,
      headers: { 'content-type': 'multipart/form-data' },
    }),
  ],
  [
    'multipart with the wrong boundary',
    () => ({
      method: 'POST',
      url: '/api/imports',
      payload: multipartOf('a.csv', file).payload,
      headers: { 'content-type': 'multipart/form-data; boundary=not-the-one' },
    }),
  ],
  [
    'truncated multipart',
    () => {
      const body = multipartOf('a.csv', file);
      return {
        method: 'POST',
        url: '/api/imports',
        payload: (body.payload as Buffer).subarray(0, 90 + boundaryOf(body.headers).length),
        headers: body.headers,
      };
    },
  ],
];

describe('bad input answers 400', () => {
  it.each(cases)('%s', async (_label, request) => {
    const response = await ops.inject(request());
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('says in words what a week label must be', async () => {
    const response = await ops.get(`/api/scorecards?week=${FAR_WEEK}`);
    expect(response.json<{ detail: string }>().detail).toBe(
      'querystring/week must be an ISO week label such as 2026-W47, in the years 1970–2999',
    );
  });

  it('names the line of an unclosed quote in a dry run', async () => {
    const response = await ops.inject({
      method: 'POST',
      url: '/api/imports/dry-run',
      ...multipartOf('q.csv', `${file}A2,"2026-11-16,Acme,email\nA3,2026-11-16,Acme,email\n`),
    });
    expect(response.json<{ detail: string }>().detail).toMatch(/Line 3: a quoted field is opened and never closed/);
  });

  // A1's channel holds a line break, so A2 starts on physical line 4, whichever line ending the file uses.
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('names the line of an unclosed quote after a quoted line break (%s)', async (_, eol) => {
    const lines = [
      'id,created,team,channel',
      `A1,2026-11-16 09:00:00,Acme,"email${eol}and chat"`,
      'A2,"2026-11-16,Acme,email',
      'A3,2026-11-16,Acme,email',
      '',
    ];
    const response = await ops.inject({
      method: 'POST',
      url: '/api/imports/dry-run',
      ...multipartOf('q.csv', lines.join(eol)),
    });
    expect(response.json<{ detail: string }>().detail).toMatch(/Line 4: a quoted field is opened and never closed/);
  });

  it('names the bound a dry run exceeds', async () => {
    const small = await buildApp(testConfig(database.url, { IMPORT_MAX_RECORD_BYTES: '1024' }));
    try {
      const caller = await callerAs(small, 'ops');
      const response = await caller.inject({
        method: 'POST',
        url: '/api/imports/dry-run',
        ...multipartOf('long.csv', `${file}A2,2026-11-16,Acme,${'x'.repeat(5_000)}\n`),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        bound: 'IMPORT_MAX_RECORD_BYTES',
        detail: expect.stringMatching(/Line 3: a row or field is longer than 1024 characters/),
      });
    } finally {
      await small.close();
    }
  });
});
