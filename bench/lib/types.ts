/**
 * The contract between `pnpm bench` (bench/run.ts) and every `bench/*.bench.ts` module.
 * A module default-exports a `Bench`; it creates and drops its own databases and stops its own processes.
 */
export interface BenchRow {
  figure: string;
  ours: number;
  /** The same figure for the reference measured in the same run (hello-world route, psql \copy, a bare GROUP BY…). */
  baseline?: number;
  unit: string;
  /** ours ÷ baseline unless the bench states it otherwise; filled in by the harness when absent. */
  ratio?: number;
  /** Human-readable goal, e.g. '≥ 0.5' or '≤ 25 ms'. */
  goal?: string;
  pass?: boolean;
}

export interface BenchContext {
  /** Small sizes (~10 k rows) so that CI can run every bench in a minute or two. */
  smoke: boolean;
  /** `--key=value` flags from the command line, e.g. `--rows=1000000`. */
  args: Record<string, string>;
  log(msg: string): void;
  /** A fresh directory for this bench's files, removed afterwards. */
  tmpDir: string;
  /** A PostgreSQL URL with the right to create databases (its database is `postgres`). */
  adminUrl: string;
  redisUrl: string;
}

export interface Bench {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}
