/**
 * The one place that reads the environment. Everything else receives a `Config`.
 * Defaults work on a developer machine with PostgreSQL and Redis on localhost.
 */
import { availableParallelism } from 'node:os';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

const Env = Type.Object({
  DATABASE_URL: Type.String({ default: 'postgres://postgres@127.0.0.1:5432/scorecard' }),
  // A streaming replica of DATABASE_URL the API reads scorecards, trends and drill-downs from once it has
  // replayed what they must show (docs/scaling.md "Read replicas"). Empty: every read goes to the primary.
  DATABASE_READ_URL: Type.String({ default: '' }),
  // A read the replica has not answered within this long is made again on the primary, and the replica is
  // left alone for a back-off (a hung or overloaded replica); its reads take at most a few hundred ms.
  DATABASE_READ_TIMEOUT_MS: Type.Integer({ default: 5_000, minimum: 100 }),
  REDIS_URL: Type.String({ default: 'redis://127.0.0.1:6379' }),
  QUEUE_PREFIX: Type.String({ default: 'scorecard', pattern: '^[A-Za-z0-9_-]+$' }),
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  PUBLIC_URL: Type.String({ default: '' }),
  LOG_LEVEL: Type.String({ default: 'info', pattern: '^(fatal|error|warn|info|debug|trace|silent)$' }),
  UPLOAD_DIR: Type.String({ default: '.uploads' }),
  UPLOAD_MAX_BYTES: Type.Integer({ default: 512 * 1024 * 1024, minimum: 1 }),
  // Bounds on what one uploaded file may expand to while it is read (dry run and import alike).
  IMPORT_MAX_RECORD_BYTES: Type.Integer({ default: 4 * 1024 * 1024, minimum: 1024 }),
  IMPORT_MAX_DECOMPRESSED_BYTES: Type.Integer({ default: 8 * 1024 * 1024 * 1024, minimum: 1024 }),
  IMPORT_MAX_COMPRESSION_RATIO: Type.Integer({ default: 200, minimum: 2 }),
  // A file at least this large (decompressed size unknown: the stored size) is parsed and normalised by
  // IMPORT_PARALLEL_THREADS worker threads, in blocks of IMPORT_PARALLEL_BLOCK_BYTES; smaller files by one.
  IMPORT_PARALLEL_MIN_BYTES: Type.Integer({ default: 8 * 1024 * 1024, minimum: 0 }),
  IMPORT_PARALLEL_THREADS: Type.Integer({ default: Math.min(availableParallelism(), 4), minimum: 1, maximum: 64 }),
  // Small blocks keep each thread's live rows few: 4 MiB blocks made a thread 30% slower (GC) and the worker 1 GB.
  IMPORT_PARALLEL_BLOCK_BYTES: Type.Integer({ default: 128 * 1024, minimum: 1 }),
  // How often the worker looks for imports whose job was lost (a Redis restart, a job that gave up).
  IMPORT_RECONCILE_INTERVAL_MS: Type.Integer({ default: 60_000, minimum: 1_000 }),
  WORKER_CONCURRENCY: Type.Integer({ default: 2, minimum: 1, maximum: 64 }),
  // How soon a job of a killed worker is noticed and retried (BullMQ lockDuration / stalledInterval).
  WORKER_LOCK_MS: Type.Integer({ default: 30_000, minimum: 1_000 }),
  WORKER_STALLED_INTERVAL_MS: Type.Integer({ default: 30_000, minimum: 1_000 }),
  WEB_DIST_DIR: Type.String({ default: '' }),
  SESSION_TTL_HOURS: Type.Integer({ default: 12, minimum: 1 }),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  SMTP_HOST: Type.String({ default: '127.0.0.1' }),
  SMTP_PORT: Type.Integer({ default: 1025, minimum: 1, maximum: 65535 }),
  SMTP_SECURE: Type.Boolean({ default: false }),
  SMTP_USER: Type.String({ default: '' }),
  SMTP_PASSWORD: Type.String({ default: '' }),
  SMTP_FROM: Type.String({ default: 'Scorecard <scorecard@localhost>' }),
  // 32 random bytes, base64: encrypts import sources' passwords, keys and tokens (AES-256-GCM). Empty: sources
  // cannot store secrets. Generate with `openssl rand -base64 32`.
  SOURCE_SECRET_KEY: Type.String({ default: '', pattern: '^$|^[A-Za-z0-9+/]{43}=$' }),
  // A source failing this many pulls in a row is shown as failing and ops/admin users get one email.
  SOURCE_FAILURE_ALERT_AFTER: Type.Integer({ default: 3, minimum: 1, maximum: 100 }),
  // How long a Zendesk pull waits for one page's import to commit before the pull fails.
  SOURCE_PAGE_TIMEOUT_MS: Type.Integer({ default: 10 * 60_000, minimum: 1_000 }),
  // When the worker evaluates the alert rules besides after each recompute (cron, reporting time zone).
  ALERT_EVALUATION_CRON: Type.String({ default: '0 * * * *', minLength: 9, maxLength: 100 }),
  // How long the client waits for the server at each step; a send that times out after DATA is `unknown`.
  SMTP_TIMEOUT_MS: Type.Integer({ default: 30_000, minimum: 100 }),
  // Admission control: requests handled at once per API process; more are answered 503 with Retry-After.
  HTTP_MAX_IN_FLIGHT: Type.Integer({ default: 256, minimum: 1 }),
  // Sign-in attempts (each costs an argon2 hash) per minute: per IP across accounts, and for all callers.
  SIGN_IN_PER_IP_PER_MINUTE: Type.Integer({ default: 60, minimum: 1 }),
  SIGN_IN_GLOBAL_PER_MINUTE: Type.Integer({ default: 600, minimum: 1 }),
});
type Env = Static<typeof Env>;

export interface Config {
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly publicUrl: string;
    readonly maxInFlight: number;
  };
  /**
   * `readUrl`: the read replica, or null when every read goes to `url` (the primary); `readTimeoutMs`: how long
   * a replica read may take before the primary answers it.
   */
  readonly db: { readonly url: string; readonly readUrl: string | null; readonly readTimeoutMs: number };
  readonly redis: { readonly url: string; readonly queuePrefix: string };
  readonly log: { readonly level: string };
  readonly uploads: { readonly dir: string; readonly maxBytes: number };
  readonly imports: {
    readonly maxRecordBytes: number;
    readonly maxDecompressedBytes: number;
    readonly maxCompressionRatio: number;
    readonly reconcileIntervalMs: number;
    /** Files of at least `minBytes` are read by `threads` threads in blocks of about `blockBytes`. */
    readonly parallel: { readonly minBytes: number; readonly threads: number; readonly blockBytes: number };
  };
  readonly worker: { readonly concurrency: number; readonly lockMs: number; readonly stalledIntervalMs: number };
  readonly web: { readonly distDir: string };
  readonly auth: {
    readonly sessionTtlHours: number;
    readonly cookieSecure: boolean;
    readonly signInPerIpPerMinute: number;
    readonly signInGlobalPerMinute: number;
  };
  readonly smtp: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly user: string;
    readonly password: string;
    readonly from: string;
    readonly timeoutMs: number;
  };
  readonly sources: {
    /** The 32-byte AES-256-GCM key, or null when none is configured. */
    readonly secretKey: Buffer | null;
    readonly failureAlertAfter: number;
    readonly pageTimeoutMs: number;
  };
  readonly alerts: { readonly evaluationCron: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Never returns a partial config: throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(Env.properties)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const converted = Value.Convert(Env, Value.Default(Env, known));
  if (!Value.Check(Env, converted)) {
    const problems = new Set(
      [...Value.Errors(Env, converted)].map((e) => `${e.instancePath.replace(/^\//, '') || '(root)'}: ${e.message}`),
    );
    throw new ConfigError(`Invalid configuration:\n  ${[...problems].join('\n  ')}`);
  }
  return toConfig(converted);
}

function toConfig(e: Env): Config {
  const publicUrl = e.PUBLIC_URL || `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`;
  return deepFreeze({
    http: { host: e.HOST, port: e.PORT, publicUrl, maxInFlight: e.HTTP_MAX_IN_FLIGHT },
    db: { url: e.DATABASE_URL, readUrl: e.DATABASE_READ_URL || null, readTimeoutMs: e.DATABASE_READ_TIMEOUT_MS },
    redis: { url: e.REDIS_URL, queuePrefix: e.QUEUE_PREFIX },
    log: { level: e.LOG_LEVEL },
    uploads: { dir: e.UPLOAD_DIR, maxBytes: e.UPLOAD_MAX_BYTES },
    imports: {
      maxRecordBytes: e.IMPORT_MAX_RECORD_BYTES,
      maxDecompressedBytes: e.IMPORT_MAX_DECOMPRESSED_BYTES,
      maxCompressionRatio: e.IMPORT_MAX_COMPRESSION_RATIO,
      reconcileIntervalMs: e.IMPORT_RECONCILE_INTERVAL_MS,
      parallel: {
        minBytes: e.IMPORT_PARALLEL_MIN_BYTES,
        threads: e.IMPORT_PARALLEL_THREADS,
        blockBytes: e.IMPORT_PARALLEL_BLOCK_BYTES,
      },
    },
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      lockMs: e.WORKER_LOCK_MS,
      stalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS,
    },
    web: { distDir: e.WEB_DIST_DIR },
    auth: {
      sessionTtlHours: e.SESSION_TTL_HOURS,
      cookieSecure: e.COOKIE_SECURE,
      signInPerIpPerMinute: e.SIGN_IN_PER_IP_PER_MINUTE,
      signInGlobalPerMinute: e.SIGN_IN_GLOBAL_PER_MINUTE,
    },
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.SMTP_FROM,
      timeoutMs: e.SMTP_TIMEOUT_MS,
    },
    sources: {
      secretKey: e.SOURCE_SECRET_KEY ? Buffer.from(e.SOURCE_SECRET_KEY, 'base64') : null,
      failureAlertAfter: e.SOURCE_FAILURE_ALERT_AFTER,
      pageTimeoutMs: e.SOURCE_PAGE_TIMEOUT_MS,
    },
    alerts: { evaluationCron: e.ALERT_EVALUATION_CRON },
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    // A Buffer cannot be frozen (typed arrays refuse it); it is only ever read.
    if (child && typeof child === 'object' && !Buffer.isBuffer(child)) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
