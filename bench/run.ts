/**
 * `pnpm bench [--smoke] [--only <name>] [--<key>=<value>…]`: runs every bench/*.bench.ts in turn, prints one
 * table and writes bench/results/latest.json with the machine's details. A bench that throws is reported as
 * failed; in --smoke mode (CI) that makes the exit code non-zero.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ADMIN_URL, REDIS_URL } from '../test/db-urls.ts';
import { parseFlags, type Flags } from './lib/flags.ts';
import { formatTable, type TableRow } from './lib/table.ts';
import type { Bench, BenchRow } from './lib/types.ts';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.json');

interface BenchOutcome {
  name: string;
  description: string;
  file: string;
  durationMs: number;
  rows: BenchRow[];
  error?: string;
}

async function loadBenches(): Promise<{ file: string; bench: Bench }[]> {
  const files = (await readdir(BENCH_DIR)).filter((f) => f.endsWith('.bench.ts')).sort();
  const loaded: { file: string; bench: Bench }[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as { default?: Partial<Bench> };
    const bench = module.default;
    if (!bench || typeof bench.name !== 'string' || typeof bench.run !== 'function') {
      throw new Error(`${file} must default-export { name, description, run(ctx) }`);
    }
    loaded.push({ file, bench: bench as Bench });
  }
  return loaded;
}

async function runBench(file: string, bench: Bench, flags: Flags): Promise<BenchOutcome> {
  const tmpDir = await mkdtemp(path.join(os.tmpdir(), `scorecard-bench-${bench.name}-`));
  const started = performance.now();
  const outcome: BenchOutcome = { name: bench.name, description: bench.description, file, durationMs: 0, rows: [] };
  console.log(`\n▶ ${bench.name}: ${bench.description}`);
  try {
    const rows = await bench.run({
      smoke: flags.smoke,
      args: flags.args,
      log: (msg) => console.log(`  [${bench.name}] ${msg}`),
      tmpDir,
      adminUrl: ADMIN_URL,
      redisUrl: REDIS_URL,
    });
    outcome.rows = rows.map((row) => ({
      ...row,
      ratio: row.ratio ?? (row.baseline ? row.ours / row.baseline : undefined),
    }));
  } catch (error) {
    outcome.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`  [${bench.name}] FAILED: ${outcome.error}`);
  } finally {
    outcome.durationMs = Math.round(performance.now() - started);
    await rm(tmpDir, { recursive: true, force: true });
  }
  return outcome;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const all = await loadBenches();
  const selected = flags.only
    ? all.filter(({ bench, file }) => bench.name === flags.only || file === `${flags.only}.bench.ts`)
    : all;
  if (selected.length === 0) {
    console.error(`no benchmark named ${flags.only}; available: ${all.map((b) => b.bench.name).join(', ') || 'none'}`);
    return 2;
  }

  const outcomes: BenchOutcome[] = [];
  for (const { file, bench } of selected) outcomes.push(await runBench(file, bench, flags));

  const table: TableRow[] = outcomes.flatMap((o) =>
    o.error
      ? [
          {
            bench: o.name,
            figure: `failed: ${o.error.split('\n')[0] ?? ''}`.slice(0, 100),
            ours: Number.NaN,
            unit: '',
            pass: false,
          },
        ]
      : o.rows.map((row) => ({ bench: o.name, ...row })),
  );
  console.log(`\n${formatTable(table)}\n`);

  const cpus = os.cpus();
  const report = {
    date: new Date().toISOString(),
    smoke: flags.smoke,
    args: flags.args,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryBytes: os.totalmem(),
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    },
    benches: outcomes,
  };
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results written to ${path.relative(process.cwd(), RESULTS_FILE)}`);

  const failed = outcomes.filter((o) => o.error);
  if (failed.length) console.error(`${failed.length} benchmark(s) failed: ${failed.map((o) => o.name).join(', ')}`);
  return flags.smoke && failed.length ? 1 : 0;
}

process.exitCode = await main();
