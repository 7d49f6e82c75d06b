/**
 * Hostile input through every route of the route table that takes input (path parameters, query strings,
 * JSON bodies) and through the import upload: every answer is a 4xx problem document or an accepted 2xx,
 * never a 5xx, never a stack or SQL; a refused request changes no row of any table.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '@scorecard/config';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig, type TestDatabase } from '../../../../test/harness.ts';
import { callerAs, type SignedInCaller } from '../../../../test/http.ts';
import { buildApp } from '../app.ts';
import type { RouteEntry } from '../plugins/auth.ts';
import { HOSTILE_BODIES, HOSTILE_UPLOADS, HOSTILE_VALUES } from './hostile-inputs.ts';
import {
  pathParams,
  pathsFor,
  plausibleBody,
  plausibleQuery,
  schemaProperties,
  STATE_CHANGING,
  walkableRoutes,
  type Fill,
} from './route-walk.ts';
import { recomputeSeeded, seedVendor, type VendorSeed } from './seed-vendors.ts';

let database: TestDatabase;
let config: Config;
let app: FastifyInstance;
let admin: SignedInCaller;
let seed: VendorSeed;
let fill: Fill;

beforeAll(async () => {
  database = await createTestDatabase();
  config = testConfig(database.url);
  app = await buildApp(config);
  seed = await seedVendor(app.db, 'hostile');
  await recomputeSeeded(app.db);
  admin = await callerAs(app, 'admin');
  fill = { vendorId: seed.vendorId, id: seed.ids[1] ?? seed.vendorId, week: seed.weeks[0]!, monday: seed.mondays[0]! };
});
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

async function rowCounts(): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'kysely%' ORDER BY 1`.execute(
    app.db,
  );
  const selects = tables.map((t) => sql`(SELECT count(*)::int FROM ${sql.table(t.name)}) AS ${sql.ref(t.name)}`);
  const { rows } = await sql<Record<string, number>>`SELECT ${sql.join(selects)}`.execute(app.db);
  return rows[0]!;
}

/** Encodes any string for a URL, including lone surrogates (sent as the invalid UTF-8 they would be). */
function urlText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
  }
}

const problems: string[] = [];
let refused = 0;
let counts: Record<string, number>;

/** Sends one hostile request and records what is wrong with its answer. */
async function send(label: string, request: Parameters<SignedInCaller['inject']>[0]): Promise<LightMyRequestResponse> {
  const response = await admin.inject(request);
  const where = `${label}: ${request.method} ${JSON.stringify(request.url).slice(0, 120)}`;
  if (response.statusCode >= 500)
    problems.push(`${where} answered ${response.statusCode} ${response.body.slice(0, 200)}`);
  if (response.statusCode >= 400) {
    refused += 1;
    if (!String(response.headers['content-type']).includes('application/problem+json'))
      problems.push(`${where} is not a problem document`);
    if (
      /\n\s+at |node_modules|syntax error at or near|violates .* constraint|duplicate key value|invalid input syntax for type|out of range for type|relation ".+" does not exist/.test(
        response.body,
      )
    ) {
      problems.push(`${where} leaks internals: ${response.body.slice(0, 200)}`);
    }
    const after = await rowCounts();
    if (JSON.stringify(after) !== JSON.stringify(counts)) problems.push(`${where} was refused but changed rows`);
  } else {
    counts = await rowCounts(); // accepted: its rows are legitimate
  }
  // An accepted password reset or disabling of the suite's own user ends its session: sign in again.
  if (request.method !== 'GET' && (await admin.get('/api/auth/me')).statusCode === 401) {
    admin = await callerAs(app, 'admin');
    counts = await rowCounts();
  }
  return response;
}

function takesInput(route: RouteEntry): boolean {
  return (
    pathParams(route.url).length > 0 ||
    Object.keys(schemaProperties(route.schema, 'querystring')).length > 0 ||
    Object.keys(schemaProperties(route.schema, 'body')).length > 0
  );
}

describe('hostile input', () => {
  // Thousands of requests, each followed by a row count of every table.
  it(
    'answers every hostile parameter, query and body with a 4xx problem (or accepts it), never a 5xx',
    { timeout: 600_000 },
    async () => {
      // Sign-out and password change would end the session the suite runs on.
      const routes = walkableRoutes(app.routeTable).filter((r) => takesInput(r) && r.url !== '/api/auth/password');
      expect(routes.length).toBeGreaterThan(3);
      counts = await rowCounts();
      let sent = 0;
      for (const route of routes) {
        const method = route.method as 'POST';
        const plainPath = pathsFor(route.url, () => [String(fill.id)])[0]!;
        const hasBody = STATE_CHANGING.has(route.method) && route.method !== 'DELETE';
        const baseBody = hasBody ? plausibleBody(route, fill) : undefined;
        const queryNames = Object.keys(schemaProperties(route.schema, 'querystring'));
        const bodyNames = Object.keys(schemaProperties(route.schema, 'body'));
        for (const [label, value] of HOSTILE_VALUES) {
          if (pathParams(route.url).length > 0) {
            const url = route.url.replace(/:([A-Za-z0-9_]+)/g, () => urlText(value)) + plausibleQuery(route, fill);
            await send(`path ${label}`, { method, url, ...(baseBody ? { payload: baseBody } : {}) });
            sent += 1;
          }
          if (queryNames.length > 0) {
            const query = queryNames.map((name) => `${name}=${urlText(value)}`).join('&');
            await send(`query ${label}`, {
              method,
              url: `${plainPath}?${query}`,
              ...(baseBody ? { payload: baseBody } : {}),
            });
            sent += 1;
          }
          if (hasBody && bodyNames.length > 0) {
            for (const name of bodyNames) {
              const payload = { ...baseBody, [name]: value };
              await send(`body.${name} ${label}`, { method, url: plainPath + plausibleQuery(route, fill), payload });
              sent += 1;
            }
          }
        }
        if (hasBody) {
          for (const [label, { payload, contentType }] of HOSTILE_BODIES) {
            await send(label, {
              method,
              url: plainPath + plausibleQuery(route, fill),
              payload,
              headers: { 'content-type': contentType },
            });
            sent += 1;
          }
        }
      }
      expect(problems).toEqual([]);
      expect(sent).toBeGreaterThanOrEqual(100);
      expect(refused).toBeGreaterThan(sent / 2);
      // The suite ran signed in throughout (a lost session would turn every answer into a harmless 401).
      expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
    },
  );

  it('answers hostile uploads with a 4xx or accepts them without writing outside the upload folder', async (context) => {
    const upload = app.routeTable.find((r) => r.method === 'POST' && r.url === '/api/imports');
    if (!upload) context.skip();
    problems.length = 0;
    counts = await rowCounts();
    const boundary = 'hostile-boundary-7d1f';
    for (const [label, { fileName, content }] of HOSTILE_UPLOADS) {
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const response = await send(`upload ${label}`, {
        method: 'POST',
        url: '/api/imports',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      if (response.statusCode < 300) {
        const stored = await app.db
          .selectFrom('imports')
          .select(['stored_path', 'file_name'])
          .where('id', '=', response.json().id)
          .executeTakeFirstOrThrow();
        expect(path.resolve(stored.stored_path).startsWith(path.resolve(config.uploads.dir) + path.sep)).toBe(true);
        // eslint-disable-next-line no-control-regex -- a NUL must never reach a stored file name
        expect(stored.file_name).not.toMatch(/[/\\\u0000]/);
      }
    }
    expect(existsSync('/tmp/evil.csv')).toBe(false);
    expect(problems).toEqual([]);
  });
});
