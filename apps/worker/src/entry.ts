import { fileURLToPath } from 'node:url';

/** The file that starts a worker process (packages/launch/start-bundled.mjs says why it is not main.ts under tsx). */
export const WORKER_ENTRY = fileURLToPath(new URL('../start.mjs', import.meta.url));

/**
 * `node` arguments that start a worker process. A 4 MB semi-space keeps the young generation of the worker's own
 * thread at 8 MB instead of V8's 32: 45 MB less at the peak of a threaded import (docs/scaling.md, "The worker's
 * memory"). V8 reads it only when the process starts, so it cannot be set from start.mjs.
 */
export const WORKER_ARGS = ['--max-semi-space-size=4', WORKER_ENTRY];
