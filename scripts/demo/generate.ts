/**
 * Deterministic demo cases in the generic import format (one column per field of the canonical case record).
 * Pure: no clock, no I/O. The export is taken at the end of `endWeek` (Monday 00:00 UTC after it), so
 * nothing happens after that instant: later responses, solves and surveys are simply not in the file yet.
 */
import { addWeeks, type WeekStart } from '../../packages/domain/src/weeks.ts';
import { createRandom, type Random } from './random.ts';
import { DEMO_CHANNELS, DEMO_QUEUES, DEMO_VENDORS, type DemoVendor } from './vendors.ts';

export const DEMO_COLUMNS = [
  'external_id',
  'vendor',
  'site',
  'queue',
  'channel',
  'tier',
  'customer_id',
  'agent_id',
  'created_at',
  'first_response_at',
  'solved_at',
  'status',
  'reopen_count',
  'handle_seconds',
  'wait_seconds',
  'answered',
  'abandoned',
  'csat_score',
  'csat_scale',
  'csat_at',
  'escalated',
  'first_contact_resolved',
  'updated_at',
] as const;
export type DemoColumn = (typeof DEMO_COLUMNS)[number];
export type DemoRow = Record<DemoColumn, string>;

export interface DemoOptions {
  /** The last week in the file (a Monday, 'YYYY-MM-DD'). */
  endWeek: WeekStart;
  weeks?: number;
  seed?: number;
  /** Multiplies every vendor's weekly volume (benchmarks use large scales). */
  scale?: number;
  vendors?: readonly DemoVendor[];
  /**
   * When the export is taken (ms); default the Monday 00:00 UTC after `endWeek`. An earlier instant gives a
   * partial last week: cases created later are left out, the same cases with the same ids as a later export.
   */
  exportAtMs?: number;
}

export const DEFAULT_SEED = 20_261_116;
const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;
const DAY_WEIGHTS = [1.1, 1.1, 1.05, 1, 0.95, 0.5, 0.4] as const;
const CSAT_RESPONSE_RATE = { voice: 0.15, chat: 0.35, email: 0.22 } as const;

type DemoChannel = (typeof DEMO_CHANNELS)[number][0];

/** Header line then one line per case, each ending in '\n'. No value ever contains a comma or quote. */
export function* demoCsvLines(options: DemoOptions): Generator<string> {
  yield `${DEMO_COLUMNS.join(',')}\n`;
  for (const row of demoRows(options)) yield `${DEMO_COLUMNS.map((column) => row[column]).join(',')}\n`;
}

export function* demoRows(options: DemoOptions): Generator<DemoRow> {
  const { endWeek, weeks = 12, seed = DEFAULT_SEED, scale = 1, vendors = DEMO_VENDORS } = options;
  const exportAtMs = options.exportAtMs ?? Date.parse(`${addWeeks(endWeek, 1)}T00:00:00Z`);
  const random = createRandom(seed);
  const firstWeek = addWeeks(endWeek, -(weeks - 1));
  const totalCases = vendors.reduce((sum, v) => sum + v.weeklyCases, 0) * weeks * scale;
  const state: GeneratorState = {
    random,
    exportAtMs,
    sequence: 0,
    customerPool: Math.max(50, Math.round(totalCases * 1.5)),
  };

  for (const vendor of vendors) {
    const agentsPerSite = Math.max(8, Math.round((vendor.weeklyCases * scale) / 25));
    for (let index = 0; index < weeks; index++) {
      const weekStartMs = Date.parse(`${addWeeks(firstWeek, index)}T00:00:00Z`);
      const quality = clamp(vendor.quality + vendor.qualityTrendPerWeek * index + 0.02 * random.normal(), 0.05, 0.97);
      const count = Math.max(0, Math.round(vendor.weeklyCases * scale * (1 + 0.08 * random.normal())));
      for (let n = 0; n < count; n++) {
        const createdAtMs = weekStartMs + randomOffsetInWeekMs(random);
        const queue = random.weighted(DEMO_QUEUES);
        const customer = `CUS-${queue[0]}${String(random.int(1, state.customerPool)).padStart(6, '0')}`;
        const origin = makeCase(state, vendor, agentsPerSite, quality, queue, customer, createdAtMs);
        // Left out after the case is drawn, so an earlier export draws the same random sequence as a later one.
        if (createdAtMs >= exportAtMs) continue;
        yield origin.row;
        // A repeat contact: the same customer comes back about the same issue, more often at weaker vendors.
        if (origin.solvedAtMs !== null && random.chance(0.04 + (1 - quality) * 0.18)) {
          const repeatAtMs = origin.solvedAtMs + random.logNormal(1.5 * DAY_SECONDS, 0.9) * 1000;
          if (repeatAtMs < exportAtMs) {
            yield makeCase(state, vendor, agentsPerSite, quality, queue, customer, repeatAtMs).row;
          }
        }
      }
    }
  }
}

interface GeneratorState {
  random: Random;
  exportAtMs: number;
  sequence: number;
  customerPool: number;
}

function makeCase(
  state: GeneratorState,
  vendor: DemoVendor,
  agentsPerSite: number,
  quality: number,
  queue: string,
  customer: string,
  createdAtMs: number,
): { row: DemoRow; solvedAtMs: number | null } {
  const { random, exportAtMs } = state;
  const known = (ms: number | null): number | null => (ms !== null && ms < exportAtMs ? ms : null);
  const weakness = 1 - quality;
  const channel: DemoChannel = random.weighted(DEMO_CHANNELS);
  const site = random.pick(vendor.sites);
  const tier = random.chance(0.15) ? 2 : 1;
  state.sequence += 1;

  let firstResponseAtMs: number | null = null;
  let solvedAtMs: number | null = null;
  let handleSeconds: number | null = null;
  let waitSeconds: number | null = null;
  let answered: boolean | null = null;
  let abandoned: boolean | null = null;
  const tierFactor = tier === 2 ? 1.6 : 1;

  if (channel === 'email') {
    firstResponseAtMs = known(createdAtMs + random.logNormal((1.5 + weakness * 22) * HOUR_SECONDS, 0.9) * 1000);
    handleSeconds = Math.round(random.logNormal((360 + weakness * 240) * tierFactor, 0.6));
    if (firstResponseAtMs !== null) {
      solvedAtMs = known(firstResponseAtMs + random.logNormal((4 + weakness * 20) * HOUR_SECONDS, 1.1) * 1000);
    }
  } else {
    // Live contact: the caller waits in queue and hangs up when the wait outlasts their patience.
    const medianWait = channel === 'voice' ? 6 + weakness * 45 : 10 + weakness * 70;
    const wait = random.logNormal(medianWait, 1.1);
    const patience = random.chance(0.03) ? random.next() * 5 : random.exponential(channel === 'voice' ? 300 : 420);
    abandoned = wait > patience;
    answered = !abandoned;
    waitSeconds = Math.round(abandoned ? patience : wait);
    if (answered) {
      const medianHandle = (channel === 'voice' ? 300 + weakness * 200 : 480 + weakness * 300) * tierFactor;
      handleSeconds = Math.round(random.logNormal(medianHandle, 0.45));
      firstResponseAtMs = createdAtMs + waitSeconds * 1000;
      // docs/definitions.md: an answered call is solved at the end of the call.
      solvedAtMs = known(firstResponseAtMs + handleSeconds * 1000);
      firstResponseAtMs = known(firstResponseAtMs);
    }
  }

  let reopenCount = 0;
  if (solvedAtMs !== null && random.chance(0.03 + weakness * 0.15)) {
    reopenCount = random.chance(0.8) ? 1 : 2;
    solvedAtMs = known(solvedAtMs + random.logNormal(DAY_SECONDS, 0.8) * 1000 * reopenCount);
  }
  const escalated = random.chance(0.02 + weakness * 0.08 + (tier === 2 ? 0.1 : 0));

  let csatScore: number | null = null;
  let csatAtMs: number | null = null;
  const csatScale = channel === 'voice' ? 2 : 5;
  if (solvedAtMs !== null && random.chance(CSAT_RESPONSE_RATE[channel])) {
    csatAtMs = known(solvedAtMs + random.logNormal(3 * HOUR_SECONDS, 1) * 1000);
    const satisfied = random.chance(clamp(0.55 + quality * 0.4 - (reopenCount > 0 ? 0.25 : 0), 0.05, 0.98));
    if (csatScale === 2) csatScore = satisfied ? 2 : 1;
    else if (satisfied) csatScore = random.chance(0.75) ? 5 : 4;
    else
      csatScore = random.weighted([
        [3, 0.45],
        [2, 0.2],
        [1, 0.35],
      ] as const);
    if (csatAtMs === null) csatScore = null;
  }

  const status = abandoned ? 'abandoned' : solvedAtMs !== null ? 'solved' : 'open';
  const updatedAtMs = Math.max(createdAtMs, firstResponseAtMs ?? 0, solvedAtMs ?? 0, csatAtMs ?? 0);
  const row: DemoRow = {
    external_id: `DEMO-${String(state.sequence).padStart(8, '0')}`,
    vendor: vendor.name,
    site: site.name,
    queue,
    channel,
    tier: String(tier),
    customer_id: customer,
    agent_id: `${site.code}-A${String(random.int(1, agentsPerSite)).padStart(3, '0')}`,
    created_at: iso(createdAtMs),
    first_response_at: iso(firstResponseAtMs),
    solved_at: iso(solvedAtMs),
    status,
    reopen_count: String(reopenCount),
    handle_seconds: handleSeconds === null ? '' : String(handleSeconds),
    wait_seconds: waitSeconds === null ? '' : String(waitSeconds),
    answered: answered === null ? '' : String(answered),
    abandoned: abandoned === null ? '' : String(abandoned),
    // The generic preset reads a 2-point scale as the words good/bad (a bare 2 would be 2 of 5).
    csat_score: csatScore === null ? '' : csatScale === 2 ? (csatScore === 2 ? 'good' : 'bad') : String(csatScore),
    csat_scale: csatScore === null ? '' : String(csatScale),
    csat_at: csatScore === null ? '' : iso(csatAtMs),
    escalated: String(escalated),
    // Left empty on purpose: FCR is then derived from reopens and repeat contacts (docs/definitions.md: FCR).
    first_contact_resolved: '',
    updated_at: iso(updatedAtMs),
  };
  return { row, solvedAtMs };
}

/** Weekdays busier than weekends, office hours busier than nights. */
function randomOffsetInWeekMs(random: Random): number {
  const day = random.weighted(DAY_WEIGHTS.map((weight, index) => [index, weight] as const));
  const hour = random.weighted(Array.from({ length: 24 }, (_, h) => [h, h >= 7 && h <= 20 ? 3 : 1] as const));
  return ((day * 24 + hour) * HOUR_SECONDS + random.int(0, HOUR_SECONDS - 1)) * 1000;
}

/** ISO-8601 in UTC to the second, e.g. 2026-11-16T09:30:00Z; '' for no value. */
function iso(ms: number | null): string {
  return ms === null ? '' : `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
