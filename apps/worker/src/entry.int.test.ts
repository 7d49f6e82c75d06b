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
import { WORKER_ARGS, WORKER_ENTRY } from './entry.ts';

const ownTmp = mkdtempSync(path.join(tmpdir(), 'worker-entry-test-'));
afterAll(() => rmSync(ownTmp, { recursive: true, force: true }));

function startWorker() {
  const child = spawn(process.execPath, WORKER_ARGS, {
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
  const started = { child, output: '', exited: once(child, 'exit') };
  child.stdout.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  return started;
}

it('runs from a bundle it removes once loaded, with stack traces naming TypeScript lines', async () => {
  const started = startWorker();
  try {
    await until('the worker listens on its queues', async () => started.output.includes('listening on'), 30_000);
    await until('a failed query prints its stack', async () => /\.ts:\d+:\d+\)/.test(started.output), 30_000);
    const frames = [...started.output.matchAll(/\((\/[^():]+\.ts):(\d+):\d+\)/g)].map((match) => match[1]!);
    expect(frames.length).toBeGreaterThan(0);
    const repo = path.resolve(path.dirname(WORKER_ENTRY), '../..');
    for (const file of frames) {
      expect(file.startsWith(repo), file).toBe(true);
      expect(existsSync(file), file).toBe(true);
    }
    await until('the bundle is removed', async () => readdirSync(ownTmp).length === 0);
  } finally {
    started.child.kill('SIGTERM');
    await started.exited;
  }
});

it('removes its copy when stopped before the worker has started', async () => {
  const started = startWorker();
  try {
    await until('the copy is made', async () => readdirSync(ownTmp).length > 0);
    started.child.kill('SIGTERM');
    const [code, signal] = (await started.exited) as [number | null, NodeJS.Signals | null];
    expect(code === 0 || signal === 'SIGTERM', `exit ${code} ${signal}: ${started.output}`).toBe(true);
    expect(readdirSync(ownTmp)).toEqual([]);
  } finally {
    started.child.kill('SIGKILL');
  }
});
