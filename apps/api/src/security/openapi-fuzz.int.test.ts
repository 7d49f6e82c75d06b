/**
 * A fuzz test over every operation of the OpenAPI document the API itself serves. Each parameter
 * (path, query) and each JSON body property is either a plausible value (aimed at a seeded vendor, so that the
 * request reaches the code behind validation) or a random hostile one: week labels and dates of any year,
 * offsets and counts beyond every integer type, NULs, binary strings. No answer may be a 5xx.
 * Bounded (a fixed seed, a few runs per operation) so that it runs in well under a minute.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import { plausibleValue, type Fill } from './route-walk.ts';
import { recomputeSeeded, seedVendor } from './seed-vendors.ts';

const HOSTILE_RUNS_PER_FIELD = 4;
const MIXED_RUNS_PER_OPERATION = 4;
const SEED = 23;

interface Schema {
  type?: unknown;
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const pad = (n: number, width: number) =>
  n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0');
// Years at and past every edge (no year 0 in PostgreSQL, five digits past 9999) as often as random ones.
const years = fc.oneof(
  fc.constantFrom(0, 1, 1969, 1970, 2026, 2999, 3000, 9999, 10_000),
  fc.integer({ min: 0, max: 99_999 }),
);
const weekLabels = fc
  .tuple(years, fc.oneof(fc.constantFrom(1, 52, 53), fc.integer({ min: -1, max: 99 })))
  .map(([year, week]) => `${pad(year, 4)}-W${pad(week, 2)}`);
const days = fc
  .tuple(years, fc.integer({ min: 0, max: 13 }), fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 32 })))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const hugeNumbers = fc.oneof(
  fc.constantFrom('99999999999999999999', '-9223372036854775809', '2147483648', '9007199254740993', '1e308', 'NaN'),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
);
const nasty = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => `${s}\u0000${s}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 2_000 }),
);
const hostileText = fc.oneof(weekLabels, days, hugeNumbers, nasty);
const hostileJson = fc.oneof(
  hostileText,
  fc.double(),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(Number),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** A value of the right kind for the name where one exists (weeks get week-shaped junk, dates date-shaped). */
function hostileFor(name: string, json: boolean): fc.Arbitrary<unknown> {
  if (/week/i.test(name)) return fc.oneof(weekLabels, days, hostileText);
  if (/date|day|On$|At$|from|to$/i.test(name)) return fc.oneof(days, hostileText);
  if (/offset|limit|id$|Id$|count|weeks/i.test(name)) return fc.oneof(hugeNumbers, hostileText);
  return json ? hostileJson : hostileText;
}

/** route-walk's plausible value, brought within the schema's own bounds (a limit of 1,000 where 500 is the most). */
function plausible(name: string, schema: Schema, fill: Fill): unknown {
  const value = plausibleValue(name, schema, fill);
  if (typeof value !== 'number') return value;
  return Math.max(schema.minimum ?? -Infinity, Math.min(schema.maximum ?? Infinity, value));
}

function field(name: string, schema: Schema, fill: Fill, json: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(fc.constant(plausible(name, schema, fill)), hostileFor(name, json));
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** Encodes any string for a URL, lone surrogates included (sent as the invalid UTF-8 they would be). */
function urlText(value: unknown): string {
  const text = asText(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return `${encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))}%ED%A0%80`;
  }
}

let database: TestDatabase;
let app: FastifyInstance;
let admin: SignedInCaller;
let fill: Fill;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp(testConfig(database.url));
  const seed = await seedVendor(app.db, 'fuzz');
  await recomputeSeeded(app.db);
  admin = await callerAs(app, 'admin');
  fill = { vendorId: seed.vendorId, id: seed.ids[1] ?? seed.vendorId, week: seed.weeks[0]!, monday: seed.mondays[0]! };
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('OpenAPI-driven fuzz', () => {
  it('answers random parameters of every documented operation with no 5xx', { timeout: 120_000 }, async () => {
    const document = (await admin.get('/api/docs/json')).json() as OpenApi;
    const failures: string[] = [];
    let sent = 0;
    let operations = 0;
    for (const [template, methods] of Object.entries(document.paths)) {
      // Sign-out and password changes would end the session the suite runs on; uploads have their own suite.
      if (template.startsWith('/api/auth/') || template.startsWith('/api/docs')) continue;
      for (const [method, operation] of Object.entries(methods)) {
        const parameters = operation.parameters ?? [];
        const body = operation.requestBody?.content?.['application/json']?.schema;
        if (operation.requestBody && !body) continue; // multipart
        operations += 1;
        // Each field hostile on its own (the others plausible, so the request gets past them), then all mixed.
        const fields = [
          ...parameters.map((p) => ({ name: p.name, schema: p.schema ?? {}, json: false })),
          ...Object.entries(body?.properties ?? {}).map(([name, schema]) => ({ name, schema, json: true })),
        ];
        const plausibles = fields.map((f) => plausible(f.name, f.schema, fill));
        const samples = fields.flatMap((f, target) =>
          fc
            .sample(hostileFor(f.name, f.json), { numRuns: HOSTILE_RUNS_PER_FIELD, seed: SEED + target })
            .map((value) => plausibles.map((p, i) => (i === target ? value : p))),
        );
        const mixed = fc.tuple(...fields.map((f) => field(f.name, f.schema, fill, f.json)));
        samples.push(...fc.sample(mixed, { numRuns: MIXED_RUNS_PER_OPERATION, seed: SEED + operations }));
        for (const values of samples) {
          const input = {
            params: values.slice(0, parameters.length),
            body: Object.fromEntries(
              fields.slice(parameters.length).map((f, i) => [f.name, values[parameters.length + i]]),
            ),
          };
          let url = template;
          const query: string[] = [];
          parameters.forEach((p, i) => {
            const value = input.params[i];
            if (p.in === 'path') url = url.replace(`{${p.name}}`, urlText(value));
            else if (p.in === 'query') query.push(`${encodeURIComponent(p.name)}=${urlText(value)}`);
          });
          if (query.length) url += `?${query.join('&')}`;
          const response = await admin.inject({
            method: method.toUpperCase() as 'GET',
            url,
            ...(body ? { payload: input.body as Record<string, unknown> } : {}),
          });
          sent += 1;
          if (response.statusCode >= 500) {
            failures.push(
              `${method.toUpperCase()} ${url.slice(0, 160)} ${JSON.stringify(input.body).slice(0, 160)} → ${response.statusCode}`,
            );
          }
        }
        // An accepted change to the suite's own user (disabled, role changed) ends its session: sign in again.
        if ((await admin.get('/api/auth/me')).statusCode === 401) admin = await callerAs(app, 'admin');
      }
    }
    expect(operations).toBeGreaterThan(40);
    expect(sent).toBeGreaterThan(operations * MIXED_RUNS_PER_OPERATION);
    expect(failures).toEqual([]);
  });
});
