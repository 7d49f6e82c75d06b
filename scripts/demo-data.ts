/**
 * Writes the demo CSV (generic import format).
 *   pnpm demo:generate [--out demo.csv] [--seed 20261116] [--weeks 12] [--scale 1] [--end-week 2026-W47]
 * Without --end-week the file ends with the last complete ISO week (UTC) before today; without --out it
 * goes to stdout.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { lastCompleteWeek, parseWeekLabel } from '../packages/domain/src/weeks.ts';
import { DEFAULT_SEED, demoCsvLines } from './demo/generate.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    weeks: { type: 'string', default: '12' },
    scale: { type: 'string', default: '1' },
    'end-week': { type: 'string' },
  },
});

const endWeek = values['end-week'] ? parseWeekLabel(values['end-week']) : lastCompleteWeek(new Date(), 'UTC');
if (!endWeek) throw new Error(`--end-week must be an ISO week label such as 2026-W47, got ${values['end-week']}`);
const options = { endWeek, seed: Number(values.seed), weeks: Number(values.weeks), scale: Number(values.scale) };
for (const [name, value] of Object.entries(options)) {
  if (name !== 'endWeek' && !(Number.isFinite(value) && Number(value) > 0))
    throw new Error(`--${name} must be a positive number`);
}

await pipeline(Readable.from(demoCsvLines(options)), values.out ? createWriteStream(values.out) : process.stdout);
