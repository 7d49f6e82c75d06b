/**
 * The one job registry: queue names, each job's payload schema and default options.
 * The API only enqueues; the worker parses every payload against these schemas before its handler runs.
 */
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';

export const REMOVE_ON_COMPLETE_AGE_SECONDS = 7 * 24 * 3600;
export const REMOVE_ON_FAIL_AGE_SECONDS = 30 * 24 * 3600;
// A reconcile pass runs every minute or so; a day of them is history enough.
const RECONCILE_KEEP_SECONDS = 24 * 3600;

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
  // Finds imports left queued or running with no live job (a Redis that lost them, a job that gave up).
  'reconcile-imports': {
    queue: 'imports',
    payload: Type.Object({}),
    // Runs again on its schedule anyway: a failed pass is not worth a retry.
    options: { ...defaults, attempts: 1, removeOnComplete: { age: RECONCILE_KEEP_SECONDS } },
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
  // One pull of an import source (scheduled or "run now"). Not retried: the next scheduled run is the retry, and
  // a run that fails counts towards the source's failure streak. A pull killed mid-way is resumed by BullMQ's
  // stalled-job check and continues from what is committed.
  'pull-source': {
    queue: 'sources',
    payload: Type.Object({
      sourceId: Type.Integer({ minimum: 1 }),
      trigger: Type.Union([Type.Literal('schedule'), Type.Literal('manual')]),
    }),
    options: { ...defaults, attempts: 1 },
  },
  // Alert rules on the week-to-date figures: after every recompute (its vendors) and hourly (all).
  'evaluate-alerts': {
    queue: 'metrics',
    payload: Type.Object({
      vendorIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10_000 })),
      reason: Type.String({ maxLength: 200 }),
    }),
    options: defaults,
  },
  // One alert to one recipient (email) or webhook; the row in alert_deliveries is claimed before sending.
  'deliver-alert': {
    queue: 'reports',
    payload: Type.Object({ deliveryId: Type.Integer({ minimum: 1 }) }),
    // A receiver that is down gets 8 tries over about 20 minutes (5 s doubling), then the delivery is failed.
    options: { ...defaults, attempts: 8, backoff: { type: 'exponential', delay: 5_000 } },
  },
  // Deletes expired sign-in sessions (hourly): an expired session is refused anyway, its row only lingers.
  'purge-sessions': {
    queue: 'maintenance',
    payload: Type.Object({ reason: Type.String({ maxLength: 200 }) }),
    options: defaults,
  },
} as const satisfies Record<string, { queue: QueueName; payload: TSchema; options: JobsOptions }>;

// Pulls have a queue of their own: a Zendesk pull waits for each page's import, which runs on `imports`.
export const QUEUE_NAMES = ['imports', 'metrics', 'reports', 'sources', 'maintenance'] as const;
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

/** BullMQ states in which a job will still run (or is running): its import is not stranded. */
const LIVE_JOB_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** The state of an import's job: 'unknown' when Redis has no such job (lost, or removed by age). */
export async function importJobState(queues: Queues, importId: number, createdAt: Date) {
  const state = await queues[jobs['import-file'].queue].getJobState(importJobIds(importId, createdAt).importFile);
  return { state, live: LIVE_JOB_STATES.has(state) };
}

/**
 * Queues the import's job again under its deterministic id, unless a live one exists ('live'); a finished
 * job of that id is removed first, since BullMQ ignores an add whose id it still holds.
 */
export async function requeueImportJob(queues: Queues, importId: number, createdAt: Date): Promise<'live' | 'queued'> {
  const { state, live } = await importJobState(queues, importId, createdAt);
  if (live) return 'live';
  const jobId = importJobIds(importId, createdAt).importFile;
  if (state !== 'unknown') await queues[jobs['import-file'].queue].remove(jobId);
  await enqueue(queues, 'import-file', { importId }, { jobId });
  return 'queued';
}

export const RECONCILE_IMPORTS_ID = 'reconcile-imports';

/** Idempotent (stable id): every `everyMs` one reconcile pass; upserted again whenever Redis comes back empty. */
export async function scheduleImportReconciler(queues: Queues, everyMs: number) {
  const { options } = jobs['reconcile-imports'];
  return queues[jobs['reconcile-imports'].queue].upsertJobScheduler(
    RECONCILE_IMPORTS_ID,
    { every: everyMs },
    { name: 'reconcile-imports', data: {}, opts: options },
  );
}

/**
 * Deterministic per delivery row and attempt count (its creation instant included, as for imports: ids restart
 * with a database): enqueuing a new delivery twice queues one job, while a delivery a crashed worker left
 * claimed (its attempts went up) gets a fresh job once its claim lease has passed.
 */
export function alertDeliveryJobId(deliveryId: number, createdAt: Date, attempts: number): string {
  return `alert-delivery-${deliveryId}-${createdAt.getTime()}-${attempts}`;
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

export interface SourceScheduleSpec {
  sourceId: number;
  cron: string;
  timeZone: string;
  enabled: boolean;
}

/** Stable per source, so upserting again replaces the scheduler instead of adding a second one. */
export function sourceSchedulerId(sourceId: number): string {
  return `source-${sourceId}`;
}

/** Creates, updates or (paused or deleted: `enabled` false) removes the source's scheduler; at once. */
export async function applySourceSchedule(queues: Queues, spec: SourceScheduleSpec): Promise<void> {
  const definition = jobs['pull-source'];
  const queue = queues[definition.queue];
  if (!spec.enabled) {
    await queue.removeJobScheduler(sourceSchedulerId(spec.sourceId));
    return;
  }
  await queue.upsertJobScheduler(
    sourceSchedulerId(spec.sourceId),
    { pattern: spec.cron, tz: spec.timeZone },
    {
      name: 'pull-source',
      data: { sourceId: spec.sourceId, trigger: 'schedule' as const },
      opts: definition.options,
    },
  );
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
