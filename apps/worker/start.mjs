// @ts-check
/** Starts the worker from a bundle of its TypeScript (packages/launch/start-bundled.mjs says why). */
import { URL } from 'node:url';
import { startBundled } from '@scorecard/launch/start-bundled';

await startBundled(new URL('./src/main.ts', import.meta.url), 'worker');
