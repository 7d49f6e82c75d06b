// @ts-check
/** Starts the API from a bundle of its TypeScript (packages/launch/start-bundled.mjs says why). */
import { URL } from 'node:url';
import { startBundled } from '@scorecard/launch/start-bundled';

await startBundled(new URL('./src/server.ts', import.meta.url), 'api');
