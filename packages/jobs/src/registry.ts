/**
 * The one job registry: queue names, each job's payload schema and default options.
 * The API only enqueues; the worker parses every payload against these schemas before its handler runs.
 */
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';

export const REMOVE_ON_COMPLETE_AGE_SECONDS = 7 * 24 * 3600;
export const REMOVE_ON_FAIL_AGE_SECONDS = 30 * 24 * 3600;

const WeekStart = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const RecomputeScope = Type.Union([
  Type.Object({ kind: Type.Literal('all') }),
  Type.Object({ kind: Type.Literal('since'), week: WeekStart }),
  // The last `weeks` weeks up to the current one, resolved when the job runs (the nightly scheduler's scope).
  Type.Object({ kind: Type.Literal('recent'), weeks: Type.Integer({ minimum: 1, maximum: 104 }) }),
  Type.Object({
    kind: Type.Literal('vendor-weeks'),
    vendorWeeks: Type.Array(Type.Object({ vendorId: Type.Integer({ minimum: 1 }), week: WeekStart }), {
      maxItems: 100_000,
    }),
  }),
]);
export type RecomputeScope = Static<typeof RecomputeScope>;

const defaults: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: REMOVE_ON_COMPLETE_AGE_SECONDS },
  removeOnFail: { age: REMOVE_ON_FAIL_AGE_SECONDS },
};

export const jobs = {
  'import-file': {
    queue: 'imports',
    payload: Type.Object({ importId: Type.Integer({ minimum: 1 }) }),
    options: { ...defaults, attempts: 5 },
  },
  recompute: {
    queue: 'metrics',
    payload: Type.Object({ scope: RecomputeScope, reason: Type.String({ maxLength: 200 }) }),
    options: defaults,
  },
  // The previous week's report of one vendor (`week` given: that week; `deliveryId`: a resend row).
  'send-report': {
    queue: 'reports',
    payload: Type.Object({
      vendorId: Type.Integer({ minimum: 1 }),
      week: Type.Optional(WeekStart),
      deliveryId: Type.Optional(Type.Integer({ minimum: 1 })),
    }),
    // SMTP trouble is usually brief: 6 tries over about 2.5 minutes, then `failed` for a person to resend.
    options: { ...defaults, attempts: 6, backoff: { type: 'exponential', delay: 5_000 } },
  },
  // Decides active improvement plans (achieved / missed); after every recompute (its vendors) and daily (all).
  'evaluate-plans': {
    queue: 'metrics',
    payload: Type.Object({
      vendorIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10_000 })),
      reason: Type.String({ maxLength: 200 }),
    }),
    options: defaults,
  },
  // Deletes expired sign-in sessions (hourly): an expired session is refused anyway, its row only lingers.
  'purge-sessions': {
    queue: 'maintenance',
    payload: Type.Object({ reason: Type.String({ maxLength: 200 }) }),
    options: defaults,
  },
} as const satisfies Record<string, { queue: QueueName; payload: TSchema; options: JobsOptions }>;

export const QUEUE_NAMES = ['imports', 'metrics', 'reports', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = Static<(typeof jobs)[N]['payload']>;

/**
 * Job ids of an import and of the recompute it enqueues: deterministic, so a retry cannot queue either twice.
 * They carry the import's creation instant because import ids restart at 1 when a database is recreated,
 * while Redis keeps finished jobs (and their ids) for days.
 */
export function importJobIds(importId: number, createdAt: Date): { importFile: string; recompute: string } {
  const key = `${importId}-${createdAt.getTime()}`;
  return { importFile: `import-${key}`, recompute: `recompute-import-${key}` };
}

export class InvalidJobPayload extends Error {
  override name = 'InvalidJobPayload';
}

/** Never returns an unchecked value: throws InvalidJobPayload listing what is wrong. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const schema = jobs[name].payload;
  if (!Value.Check(schema, data)) {
    const problems = [...Value.Errors(schema, data)].map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new InvalidJobPayload(`Invalid ${name} payload: ${problems.join('; ')}`);
  }
  return data as JobPayload<N>;
}

export type Queues = Record<QueueName, Queue>;

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  return Object.fromEntries(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection, prefix })])) as Queues;
}

/** Validates before it enqueues, so a bad payload fails at the caller, not later in the worker. */
export async function enqueue<N extends JobName>(
  queues: Queues,
  name: N,
  payload: JobPayload<N>,
  options: JobsOptions = {},
) {
  const definition = jobs[name];
  parsePayload(name, payload);
  return queues[definition.queue].add(name, payload, { ...definition.options, ...options });
}

export interface ReportScheduleSpec {
  vendorId: number;
  cron: string;
  timeZone: string;
  enabled: boolean;
}

/** Stable per vendor, so upserting again replaces the scheduler instead of adding a second one. */
export function reportSchedulerId(vendorId: number): string {
  return `report-${vendorId}`;
}

/** The repeat options and job template of a vendor's report scheduler (the cron runs in the vendor's zone). */
export function reportSchedulerDefinition(spec: ReportScheduleSpec) {
  const definition = jobs['send-report'];
  return {
    repeat: { pattern: spec.cron, tz: spec.timeZone },
    template: { name: 'send-report' as const, data: { vendorId: spec.vendorId }, opts: definition.options },
  };
}

/** Creates, updates or (when disabled) removes the vendor's scheduler; takes effect at once. */
export async function applyReportSchedule(queues: Queues, spec: ReportScheduleSpec): Promise<void> {
  const queue = queues[jobs['send-report'].queue];
  if (!spec.enabled) {
    await queue.removeJobScheduler(reportSchedulerId(spec.vendorId));
    return;
  }
  const { repeat, template } = reportSchedulerDefinition(spec);
  await queue.upsertJobScheduler(reportSchedulerId(spec.vendorId), repeat, template);
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}

/**
 * Redis connection options for BullMQ. Workers block on Redis and must retry forever;
 * producers (the API) fail fast so a request gets a 503 instead of hanging while Redis is down.
 */
export function redisConnection(url: string, role: 'producer' | 'worker'): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    ...(role === 'worker' ? { maxRetriesPerRequest: null } : { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
  };
}
