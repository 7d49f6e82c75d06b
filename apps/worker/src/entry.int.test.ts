/**
 * The worker started as in production (`node apps/worker/start.mjs`): it runs from a bundle it removes once
 * loaded, and its stack traces still name our TypeScript files and lines.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { databaseUrl, REDIS_URL } from '../../../test/db-urls.ts';
import { until } from '../../../test/waits.ts';
import { WORKER_ENTRY } from './entry.ts';

const ownTmp = mkdtempSync(path.join(tmpdir(), 'worker-entry-test-'));
afterAll(() => rmSync(ownTmp, { recursive: true, force: true }));

it('runs from a bundle it removes once loaded, with stack traces naming TypeScript lines', async () => {
  const child = spawn(process.execPath, [WORKER_ENTRY], {
    env: {
      ...process.env,
      // A database that does not exist: the worker starts, and each scheduling query fails with a stack trace.
      DATABASE_URL: databaseUrl(`scorecard_absent_${randomBytes(4).toString('hex')}`),
      REDIS_URL,
      QUEUE_PREFIX: `entry-test-${randomBytes(4).toString('hex')}`,
      TMPDIR: ownTmp,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await until('the worker listens on its queues', async () => output.includes('listening on queues'), 30_000);
    await until('a failed query prints its stack', async () => /\.ts:\d+:\d+\)/.test(output), 30_000);
    const frames = [...output.matchAll(/\((\/[^():]+\.ts):(\d+):\d+\)/g)].map((match) => match[1]!);
    expect(frames.length).toBeGreaterThan(0);
    const repo = path.resolve(path.dirname(WORKER_ENTRY), '../..');
    for (const file of frames) {
      expect(file.startsWith(repo), file).toBe(true);
      expect(existsSync(file), file).toBe(true);
    }
    await until('the bundle is removed', async () => readdirSync(ownTmp).length === 0);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});
