/**
 * `pnpm start`: the whole system on one machine with demo data. Migrates the database, builds the dashboard,
 * starts the API and the worker as children (logs prefixed), and on an empty database loads the demo through
 * the public API. Ctrl-C stops everything. `--dev` runs the children with --watch and Vite's dev server instead
 * of a build. Respects PORT, DATABASE_URL, REDIS_URL and every other variable of packages/config.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../packages/config/src/config.ts';
import { createDb } from '../packages/db/src/database.ts';
import { ensureDatabase } from '../packages/db/src/ensure-database.ts';
import { migrateToLatest } from '../packages/db/src/migrate.ts';
import { WORKER_ARGS } from '../apps/worker/src/entry.ts';
import { lastCompleteWeek, weekLabel } from '../packages/domain/src/weeks.ts';
import { ApiClient, waitFor } from './start/api-client.ts';
import { run, startChild, stopAll, type Child } from './start/children.ts';
import { DEMO_ADMIN } from './start/demo-admin.ts';
import { writeDemoExports } from './start/partial-week.ts';
import { seedDemo } from './start/seed.ts';
import { unreachableServices } from './start/preflight.ts';
import { localSourceKey } from './start/source-key.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEMO_WEEKS = 12;
const READY_TIMEOUT_MS = 90_000;
const CREATE_ADMIN_CLI = path.join(ROOT, 'apps/api/src/users/create-admin.cli.ts');

const dev = process.argv.includes('--dev');
const config = loadConfig();
// The launcher forwards its environment to the children, which read it through packages/config; request logs
// stay quiet unless LOG_LEVEL asks for them, so that the demo's own progress lines remain readable.
const childEnv: NodeJS.ProcessEnv = {
  LOG_LEVEL: 'warn',

  ...process.env,
  WEB_DIST_DIR: path.join(ROOT, 'apps/web/dist'),
  SOURCE_SECRET_KEY: process.env.SOURCE_SECRET_KEY || localSourceKey(config.uploads.dir),
};
const startedAtMs = Date.now();
const say = (message: string) =>
  console.log(`[start]  ${((Date.now() - startedAtMs) / 1000).toFixed(0).padStart(4)} s  ${message}`);
const children: Child[] = [];
let stopping = false;

async function main(): Promise<void> {
  say(`database ${redact(config.db.url)}, redis ${redact(config.redis.url)}`);
  const unreachable = await unreachableServices({ database: config.db.url, redis: config.redis.url });
  if (unreachable.length > 0) {
    for (const problem of unreachable) console.error(`[start]  ${problem}`);
    process.exit(1);
  }
  await ensureDatabase(config.db.url);
  const { db } = createDb({ url: config.db.url, maxConnections: 1 });
  let hasCases: boolean;
  try {
    const applied = await migrateToLatest(db);
    say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
    hasCases = (await db.selectFrom('cases').select('id').limit(1).executeTakeFirst()) !== undefined;
  } finally {
    await db.destroy();
  }

  const withAuth = existsSync(CREATE_ADMIN_CLI);
  if (withAuth) {
    await run(
      process.execPath,
      [
        '--import',
        'tsx',
        CREATE_ADMIN_CLI,
        '--email',
        DEMO_ADMIN.email,
        '--password',
        DEMO_ADMIN.password,
        '--name',
        DEMO_ADMIN.name,
      ],
      { env: childEnv, cwd: ROOT },
    );
  }

  const hasWeb = existsSync(path.join(ROOT, 'apps/web/index.html'));
  if (hasWeb && !dev) {
    say('building the dashboard (apps/web)');
    await run('pnpm', ['--filter', '@scorecard/web', 'build'], { env: childEnv, cwd: ROOT });
  }
  // --watch follows the modules tsx loads; started, the API and the worker run from bundles
  // (packages/launch/start-bundled.mjs).
  const watched = (file: string) => ['--watch', '--import', 'tsx', file];
  const apiArgs = dev ? watched('apps/api/src/server.ts') : ['apps/api/start.mjs'];
  children.push(startChild('api', process.execPath, apiArgs, { env: childEnv, cwd: ROOT }));
  const worker = dev ? watched('apps/worker/src/main.ts') : WORKER_ARGS;
  children.push(startChild('worker', process.execPath, worker, { env: childEnv, cwd: ROOT }));
  if (hasWeb && dev)
    children.push(startChild('web', 'pnpm', ['--filter', '@scorecard/web', 'dev'], { env: childEnv, cwd: ROOT }));
  for (const child of children) {
    void child.exited.then((code) => {
      if (!stopping) void shutdown(`${child.name} exited (${code})`, 1);
    });
  }

  const baseUrl = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${config.http.port}`;
  await waitFor(
    `${baseUrl}/health/ready`,
    async () =>
      (await fetch(`${baseUrl}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )) || undefined,
    { timeoutMs: READY_TIMEOUT_MS },
  );
  const api = new ApiClient(baseUrl);
  const signedIn = withAuth && (await api.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password));

  if (hasCases) say('the database already has cases; demo data not loaded again');
  else {
    const now = new Date();
    const endWeek = lastCompleteWeek(now, 'UTC');
    const csvPaths: [string, string] = [
      path.join(tmpdir(), `scorecard-demo-${endWeek}-1.csv`),
      path.join(tmpdir(), `scorecard-demo-${endWeek}-2.csv`),
    ];
    const { splitAt } = await writeDemoExports(now, DEMO_WEEKS, csvPaths);
    say(
      `loading demo data (${DEMO_WEEKS} weeks to ${weekLabel(endWeek)} and the current week so far, in two exports split at ${splitAt.toISOString()}) through POST /api/imports`,
    );
    await seedDemo(api, { csvPaths, endWeek, weeks: DEMO_WEEKS, log: say });
  }

  const dashboardUrl = dev ? 'http://127.0.0.1:5173' : config.http.publicUrl;
  console.log('');
  say(`Scorecard is running: ${dashboardUrl}${hasWeb ? '' : ' (no dashboard build yet: API only)'}`);
  say(`API documentation:   ${config.http.publicUrl}/api/docs`);
  if (signedIn) say(`sign in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`);
  say('Ctrl-C stops the API and the worker.');
}

async function shutdown(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say(`${reason}: stopping`);
  await stopAll(children);
  process.exit(exitCode);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal, 0));

main().catch((error: unknown) => {
  console.error(`[start]  ${error instanceof Error ? error.message : String(error)}`);
  void shutdown('start failed', 1);
});
