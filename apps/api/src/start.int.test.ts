/**
 * The API started as deployed (`node apps/api/start.mjs`, from a bundle: packages/launch/start-bundled.mjs): it
 * answers, serves a route that reads the database, and leaves no copy of its bundle behind. The launcher's
 * stack traces and stops during start-up are held by apps/worker/src/entry.int.test.ts.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REDIS_URL } from '../../../test/db-urls.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { freePort } from '../../../test/ports.ts';
import { until } from '../../../test/waits.ts';

const START = fileURLToPath(new URL('../start.mjs', import.meta.url));
const ownTmp = mkdtempSync(path.join(tmpdir(), 'api-start-test-'));
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
  rmSync(ownTmp, { recursive: true, force: true });
});

it('serves from its bundle and removes the copy once loaded', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [START], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL,
      QUEUE_PREFIX: `api-start-test-${randomBytes(4).toString('hex')}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      UPLOAD_DIR: ownTmp,
      TMPDIR: ownTmp,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  try {
    const url = `http://127.0.0.1:${port}`;
    const crashed = exited.then(([code]) => {
      throw new Error(`the API exited (${String(code)}) before it was ready:\n${output}`);
    });
    const ready = until(
      'the API is ready',
      async () => (await fetch(`${url}/health/ready`).catch(() => null))?.ok === true,
      30_000,
    );
    await Promise.race([ready, crashed]);
    // A signed-out caller of a route that reads the database gets the API's problem document.
    const response = await fetch(`${url}/api/scorecards`);
    expect(response.status, output).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // The API's documentation: the generated spec, and the UI's files served from its package's folder.
    expect((await fetch(`${url}/api/docs/json`)).status, output).toBe(200);
    const page = await fetch(`${url}/api/docs/static/index.html`);
    expect(page.status, output).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    expect(readdirSync(ownTmp).filter((name) => name.startsWith('scorecard-api-'))).toEqual([]);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
});
