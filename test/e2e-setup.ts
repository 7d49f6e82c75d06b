/**
 * Builds the dashboard once per e2e run into a temporary folder (never apps/web/dist, which a developer
 * may be serving) and hands its path to the browser tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    webDistDir: string;
  }
}

const WEB_DIR = path.resolve(import.meta.dirname, '../apps/web');

export default function setup(project: TestProject): () => void {
  const outDir = mkdtempSync(path.join(tmpdir(), 'scorecard-web-'));
  execFileSync(
    path.join(WEB_DIR, 'node_modules/.bin/vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: WEB_DIR,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  project.provide('webDistDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
