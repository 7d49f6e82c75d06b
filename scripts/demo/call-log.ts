/**
 * Bank-ACD-shaped call logs, the shape real bank call centres export: tab-separated with CRLF, one
 * row per call, a call identified by its IVR line AND call number (each line numbers its own calls, so a call
 * number alone repeats), the date as `YYMMDD` and times of day in separate columns, service start and
 * service seconds, calls that end (or are even answered) after midnight while the row keeps the arrival date,
 * and outcomes AGENT (served), HANG (abandoned in the queue) and PHANTOM (a ghost call: no caller).
 * Deterministic for a seed. The tests of the import read the metrics' expected values from this text.
 */
import { createRandom } from './random.ts';

export const CALL_LOG_HEADERS = [
  'vru+line',
  'call_id',
  'customer_id',
  'priority',
  'type',
  'date',
  'vru_entry',
  'vru_exit',
  'vru_time',
  'q_start',
  'q_exit',
  'q_time',
  'outcome',
  'ser_start',
  'ser_exit',
  'ser_time',
  'server',
] as const;

export interface CallLogOptions {
  seed: number;
  /** First day of the log, `YYYY-MM-DD` (wall date in the log's own zone). */
  firstDay: string;
  days: number;
  callsPerDay: number;
  /** IVR lines; every line numbers its calls from the same first number, so call numbers repeat across lines. */
  lines?: readonly string[];
  /** Rows written a second time at the end of the file, as exporters do on overlapping extracts. */
  repeatedRows?: number;
}

const DAY_SECONDS = 86_400;
const TYPES = ['PS', 'NW', 'NE', 'IN'] as const;

export function generateCallLog(options: CallLogOptions): string {
  const random = createRandom(options.seed);
  const lines = options.lines ?? ['AA0101', 'AA0102', 'AA0103'];
  const nextCall = new Map(lines.map((line) => [line, 33_116]));
  const rows: string[][] = [];
  const [year, month, day] = options.firstDay.split('-').map(Number) as [number, number, number];
  for (let d = 0; d < options.days; d++) {
    const date = new Date(Date.UTC(year, month - 1, day + d));
    const yymmdd = `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
    for (let c = 0; c < options.callsPerDay; c++) {
      const line = random.pick(lines);
      const callId = nextCall.get(line)!;
      nextCall.set(line, callId + 1);
      // One call in ten arrives in the last ten minutes of the day, so service and ends cross midnight.
      const entry = random.chance(0.1)
        ? random.int(DAY_SECONDS - 600, DAY_SECONDS - 1)
        : random.int(0, DAY_SECONDS - 1);
      const vruSeconds = random.int(1, 40);
      const outcome = random.weighted([
        ['AGENT', 0.78],
        ['HANG', 0.16],
        ['PHANTOM', 0.06],
      ] as const);
      // Waits straddle the 20 s threshold and the 5 s short-abandon cut-off on purpose.
      const queueSeconds = outcome === 'PHANTOM' ? 0 : Math.min(900, Math.round(random.exponential(25)));
      const qStart = entry + vruSeconds;
      const qExit = qStart + queueSeconds;
      const served = outcome === 'AGENT';
      const serviceSeconds = served ? random.int(30, 900) : 0;
      rows.push([
        line,
        String(callId),
        String(random.int(10_000_000, 99_999_999)),
        String(random.int(0, 2)),
        random.pick(TYPES),
        yymmdd,
        clock(entry),
        clock(qStart),
        String(vruSeconds),
        clock(qStart),
        clock(qExit),
        String(queueSeconds),
        outcome,
        served ? clock(qExit) : '0:00:00',
        served ? clock(qExit + serviceSeconds) : '0:00:00',
        String(serviceSeconds),
        served ? random.pick(['MICHAL', 'DORIT', 'ANAT', 'AVI', 'YITZ']) : 'NO_SERVER',
      ]);
    }
  }
  for (let r = 0; r < (options.repeatedRows ?? 0); r++) rows.push([...random.pick(rows)]);
  return [CALL_LOG_HEADERS.join('\t'), ...rows.map((row) => row.join('\t')), ''].join('\r\n');
}

/** A time of day `H:MM:SS` (no leading zero on the hour), wrapping past midnight as a wall clock does. */
function clock(secondsOfDay: number): string {
  const s = ((secondsOfDay % DAY_SECONDS) + DAY_SECONDS) % DAY_SECONDS;
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
