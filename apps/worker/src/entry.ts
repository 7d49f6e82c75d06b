import { fileURLToPath } from 'node:url';

/** What starts a worker process: `node <WORKER_ENTRY>` (apps/worker/start.mjs says why it is not main.ts under tsx). */
export const WORKER_ENTRY = fileURLToPath(new URL('../start.mjs', import.meta.url));
