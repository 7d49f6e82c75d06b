export interface Flags {
  smoke: boolean;
  only: string | null;
  args: Record<string, string>;
}

/** `--smoke`, `--only <name>` (or `--only=<name>`), and any `--<key>=<value>`; anything else is an error. */
export function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { smoke: false, only: null, args: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--smoke') flags.smoke = true;
    else if (arg === '--only') flags.only = argv[++i] ?? null;
    else if (arg.startsWith('--only=')) flags.only = arg.slice('--only='.length);
    else if (/^--[\w-]+=/.test(arg)) {
      const [key = '', ...value] = arg.slice(2).split('=');
      flags.args[key] = value.join('=');
    } else if (arg !== '--') throw new Error(`unknown argument ${arg}: use --smoke, --only <name> or --<key>=<value>`);
  }
  return flags;
}

/** A positive number from `args[key]`, or `fallback`; throws on anything else so a typo never runs a wrong size. */
export function numberArg(args: Record<string, string>, key: string, fallback: number): number {
  const raw = args[key];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${key} must be a positive number, got ${raw}`);
  return value;
}

/** Comma-separated positive numbers from `args[key]` (`--sizes=100000,1000000`), or `fallback`; throws otherwise. */
export function numberListArg(args: Record<string, string>, key: string, fallback: readonly number[]): number[] {
  const raw = args[key];
  if (raw === undefined) return [...fallback];
  return raw.split(',').map((item) => numberArg({ [key]: item.trim() }, key, Number.NaN));
}
