/**
 * The set-up contract: when PostgreSQL or Redis cannot be reached, `pnpm start` says which and how to get it,
 * within seconds. Closed ports stand in for a stopped server.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { ADMIN_URL, databaseUrl, REDIS_URL } from '../../test/db-urls.ts';
import { unreachableServices } from './preflight.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('unreachableServices', () => {
  it('finds nothing wrong when both answer', async () => {
    expect(await unreachableServices({ database: ADMIN_URL, redis: REDIS_URL })).toEqual([]);
  });

  it('names each one that does not answer, why, and how to start it', async () => {
    const [pgPort, redisPort] = [await closedPort(), await closedPort()];
    const started = Date.now();
    const problems = await unreachableServices({
      database: `postgres://postgres:secret@127.0.0.1:${pgPort}/scorecard`,
      redis: `redis://127.0.0.1:${redisPort}`,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      new RegExp(`^PostgreSQL cannot be reached at 127\\.0\\.0\\.1:${pgPort} \\(.*ECONNREFUSED`),
    );
    expect(problems[0]).toContain('pg_ctlcluster');
    expect(problems[0]).not.toContain('secret');
    expect(problems[1]).toMatch(
      new RegExp(`^Redis cannot be reached at 127\\.0\\.0\\.1:${redisPort} \\(.*ECONNREFUSED`),
    );
    expect(problems[1]).toContain('redis-server');
  });
});

describe('pnpm start without Redis', () => {
  it('stops within seconds, saying Redis cannot be reached, before building or starting anything', async () => {
    const redisPort = await closedPort();
    // Were the check missing, start would create and migrate this database: a throwaway name, dropped below.
    const database = `scorecard_preflight_${process.pid}`;
    const started = Date.now();
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/start.ts'],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            DATABASE_URL: databaseUrl(database),
            REDIS_URL: `redis://127.0.0.1:${redisPort}`,
            PORT: '0',
          },
          timeout: 60_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? ((error.code as number | undefined) ?? null) : 0, stdout, stderr }),
      );
    });
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    const created = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
    expect(created.rowCount).toBe(0);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Redis cannot be reached at 127.0.0.1:${redisPort}`);
    expect(result.stderr).not.toContain('PostgreSQL cannot be reached');
    expect(result.stdout).not.toContain('building the dashboard');
    // Node and tsx start-up included; the probe itself gives up after 3 s.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
