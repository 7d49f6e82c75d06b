// @ts-check
/**
 * Starts a process of ours (the API, the worker: each app's start.mjs) from one esbuild bundle of its TypeScript
 * rather than through tsx's loader, which keeps its own esbuild thread and a transpiled copy of every module in
 * the process: about 55 MB of resident memory at rest, and tsx's name-keeping helper runs on every call of a
 * function defined inside another (docs/scaling.md, "The worker's memory" and "The API's per-request cost").
 * Only our TypeScript (the app and the workspace packages) is bundled; every package from node_modules is
 * imported from the file it resolves to, as it would be without the bundle. Bundling takes a fraction of a
 * second, so a process is always what its source says, with no build step to forget.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const RESOLVING = Symbol('resolving a package');

/** @type {import('esbuild').Plugin} */
const bundleOwnSourceOnly = {
  name: 'bundle-own-source-only',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === RESOLVING || args.path.startsWith('@scorecard/')) return undefined;
      if (isBuiltin(args.path)) return { external: true };
      // pnpm gives each package only its own dependencies, so a package is found from its importer, not the bundle.
      const found = await bundler.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: RESOLVING,
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: pathToFileURL(found.path).href, external: true };
    });
    // A module that finds files beside itself (the migrations) keeps its own import.meta.url, not the bundle's.
    bundler.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

/**
 * Bundles `entry` and imports the bundle; resolves once the entry module has run (a server keeps the process
 * alive after that). `name` names the temporary copy (`scorecard-<name>-*` under TMPDIR) and errors.
 * @param {URL} entry
 * @param {string} name
 */
export async function startBundled(entry, name) {
  // Each process imports its own copy and removes it once loaded, so starts never race. The folder is named by its
  // real path: Node imports the file by it, and the source map's paths lead from there back to the TypeScript.
  const folder = await realpath(await mkdtemp(path.join(tmpdir(), `scorecard-${name}-`)));
  const file = path.join(folder, `${name}.mjs`);
  const removeCopy = () => rmSync(folder, { recursive: true, force: true });
  // Stopped before the process has taken over its signals, the start still removes its copy (a SIGKILL cannot).
  /** @param {NodeJS.Signals} signal */
  const stopWhileStarting = (signal) => {
    removeCopy();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('SIGINT', stopWhileStarting);
  process.once('SIGTERM', stopWhileStarting);
  try {
    const bundle = await build({
      entryPoints: [fileURLToPath(entry)],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      // Node's own choice of a package's file: its `import` export or `main`, never esbuild's extra `module`.
      conditions: [],
      mainFields: ['main'],
      sourcemap: 'inline',
      sourcesContent: false,
      write: false,
      logLevel: 'silent',
      plugins: [bundleOwnSourceOnly],
    });
    // esbuild's service would otherwise sit idle beside the process (the worker's thread pool starts it again when an
    // import needs it).
    await stop();
    const [output] = bundle.outputFiles;
    if (!output) throw new Error(`esbuild returned no bundle of the ${name}.`);
    await writeFile(file, output.text);
    // Stack traces name the TypeScript lines, as under tsx.
    process.setSourceMapsEnabled(true);
    await import(pathToFileURL(file).href);
  } finally {
    process.off('SIGINT', stopWhileStarting);
    process.off('SIGTERM', stopWhileStarting);
    removeCopy();
  }
}
