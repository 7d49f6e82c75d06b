/**
 * Dashboard: gzip size of the JavaScript the first page (the scorecard) loads, and the time from
 * navigation start to the scorecard table painted with data, in headless chromium against the real API
 * serving the production build. Goals: ≤ 250 KB gzip, ≤ 1 s. Flags: --scale (demo volume multiplier,
 * default 1 ≈ 20 k cases; smoke 0.5), --runs (page loads measured, default 7; smoke 3).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { createUser } from '../apps/api/src/auth/users.service.ts';
import { createDb } from '../packages/db/src/database.ts';
import { migrateToLatest } from '../packages/db/src/migrate.ts';
import { recompute } from '../packages/db/src/metrics/recompute.ts';
import { launchChromium } from '../test/browser.ts';
import { numberArg } from './lib/flags.ts';
import { freePort } from '../test/ports.ts';
import { startNodeServer, type ServerProcess } from './lib/processes.ts';
import { seedDemoCases } from './lib/seed-cases.ts';
import type { Bench } from './lib/types.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_DIR = path.join(ROOT, 'apps/web');
const END_WEEK = '2026-11-16';
const JS_GZIP_GOAL_KB = 250;
const PAINT_GOAL_MS = 1000;
const USER = { email: 'bench@example.test', password: 'bench password for the dashboard' };

const bench: Bench = {
  name: 'dashboard',
  description: 'first-page JS gzip size and time to first scorecard paint in chromium',
  async run(ctx) {
    const scale = numberArg(ctx.args, 'scale', ctx.smoke ? 0.5 : 1);
    const runs = numberArg(ctx.args, 'runs', ctx.smoke ? 3 : 7);
    const distDir = path.join(ctx.tmpDir, 'web-dist');
    execFileSync(
      path.join(WEB_DIR, 'node_modules/.bin/vite'),
      ['build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        cwd: WEB_DIR,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );

    const database = await createBenchDatabase(ctx.adminUrl);
    let server: ServerProcess | undefined;
    const browser = await launchChromium();
    try {
      const { db } = createDb({ url: database.url, maxConnections: 4 });
      try {
        await migrateToLatest(db);
        const seeded = await seedDemoCases(db, { endWeek: END_WEEK, scale });
        ctx.log(`seeded ${seeded.cases} cases`);
        await recompute(db, { kind: 'all' });
        await createUser(db, { email: USER.email, name: 'Bench', role: 'admin', password: USER.password });
      } finally {
        await db.destroy();
      }
      const port = await freePort();
      server = await startNodeServer({
        file: path.join(ROOT, 'apps/api/start.mjs'),
        port,
        env: {
          DATABASE_URL: database.url,
          REDIS_URL: ctx.redisUrl,
          QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'warn',
          UPLOAD_DIR: ctx.tmpDir,
          WEB_DIST_DIR: distDir,
        },
        readyPath: '/health/ready',
        log: (line) => ctx.log(line),
      });

      const scripts = new Set<string>();
      const paintsMs: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        // A fresh context each time: no HTTP cache, so every run loads all of the first page's code.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const signIn = await context.request.post(`${server.url}/api/auth/sign-in`, { data: USER });
        if (!signIn.ok()) throw new Error(`sign-in answered ${signIn.status()}`);
        const page = await context.newPage();
        page.on('request', (request) => {
          if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
        });
        await page.goto(`${server.url}/`);
        await page.locator('[data-testid="scorecard-table"] tbody tr').first().waitFor({ timeout: 30_000 });
        await page.waitForFunction(() => performance.getEntriesByName('scorecard-painted').length > 0);
        const paintMs = await page.evaluate(
          () => performance.getEntriesByName('scorecard-painted')[0]?.startTime ?? Number.NaN,
        );
        paintsMs.push(paintMs);
        await context.close();
      }
      const jsGzipBytes = [...scripts].reduce(
        (sum, pathname) => sum + gzipSync(readFileSync(path.join(distDir, pathname))).length,
        0,
      );
      const sorted = [...paintsMs].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
      const worst = sorted[sorted.length - 1] ?? Number.NaN;
      ctx.log(
        `first page scripts: ${[...scripts].join(', ')}; paints (ms): ${paintsMs.map((p) => Math.round(p)).join(', ')}`,
      );
      return [
        {
          figure: 'first page JS (gzip)',
          ours: jsGzipBytes / 1024,
          unit: 'KB',
          goal: `≤ ${JS_GZIP_GOAL_KB} KB`,
          pass: jsGzipBytes / 1024 <= JS_GZIP_GOAL_KB,
        },
        {
          figure: 'first scorecard paint, median',
          ours: median,
          unit: 'ms',
          goal: `≤ ${PAINT_GOAL_MS} ms`,
          pass: median <= PAINT_GOAL_MS,
        },
        { figure: 'first scorecard paint, worst', ours: worst, unit: 'ms' },
      ];
    } finally {
      await browser.close();
      await server?.stop();
      await database.drop();
    }
  },
};

export default bench;

async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `scorecard_bench_web_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
