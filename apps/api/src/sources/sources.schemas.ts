/**
 * Import sources over HTTP. Settings are validated per kind against packages/domain/src/sources/kinds.ts; secrets
 * are accepted on create and update and never appear in any answer (only `hasSecrets`).
 */
import type { SourceRow } from '@scorecard/db/sources/sources';
import { SOURCE_KINDS } from '@scorecard/domain/sources/kinds';
import Type from 'typebox';
import { ImportStatus, LiteralUnion } from '../http/schemas.ts';

const Problem = { $ref: 'ProblemDocument#' } as const;
export const problems = { 400: Problem, 404: Problem, 409: Problem, 503: Problem };

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const Kind = LiteralUnion(SOURCE_KINDS);
// The values migrations/0018_import_sources.sql allows for a source run.
const RUN_TRIGGERS = ['schedule', 'manual'] as const;
const RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Zone = Type.String({ minLength: 1, maxLength: 64 });
// Five or six cron fields (BullMQ's cron-parser); checked for real when the scheduler is applied.
const Cron = Type.String({ minLength: 9, maxLength: 120, pattern: '^\\S+( \\S+){4,5}$' });
const Settings = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'Connection settings of the kind (sftp: host, port, username, folder, pattern, hostKeySha256, ' +
    'doneFolder; s3: endpoint, region, bucket, prefix, pattern; zendesk: baseUrl, email, startTime).',
});
const Secrets = Type.Record(Type.String(), Type.String(), {
  description:
    'Write-only credentials (sftp: password and/or privateKey, passphrase; s3: accessKeyId, ' +
    'secretAccessKey; zendesk: apiToken). Stored encrypted; never returned.',
});

export const SourceInput = Type.Object(
  {
    name: Name,
    kind: Kind,
    settings: Settings,
    secrets: Secrets,
    presetKey: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    timeZone: Type.Optional(Zone),
    cron: Cron,
    scheduleTimeZone: Type.Optional(Zone),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SourcePatch = Type.Object(
  {
    name: Type.Optional(Name),
    settings: Type.Optional(Settings),
    secrets: Type.Optional(Secrets),
    presetKey: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    timeZone: Type.Optional(Zone),
    cron: Type.Optional(Cron),
    scheduleTimeZone: Type.Optional(Zone),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

const Timestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const Source = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Kind,
  settings: Type.Record(Type.String(), Type.Unknown()),
  hasSecrets: Type.Boolean(),
  presetKey: Type.String(),
  timeZone: Type.String(),
  cron: Type.String(),
  scheduleTimeZone: Type.String(),
  enabled: Type.Boolean(),
  // paused: not enabled; failing: SOURCE_FAILURE_ALERT_AFTER or more failed pulls in a row; ok otherwise.
  health: LiteralUnion(['ok', 'failing', 'paused']),
  consecutiveFailures: Type.Integer(),
  lastRunAt: Timestamp,
  lastSuccessAt: Timestamp,
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextRunAt: Timestamp,
});

export const SourceRunSchema = Type.Object({
  id: Type.Integer(),
  trigger: LiteralUnion(RUN_TRIGGERS),
  status: LiteralUnion(RUN_STATUSES),
  itemsFound: Type.Integer(),
  importsCreated: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Timestamp,
});

export const SourceImport = Type.Object({
  importId: Type.Integer(),
  item: Type.String({ description: 'The file (path | size | mtime, key | ETag) or Zendesk page cursor' }),
  pulledAt: Type.String({ format: 'date-time' }),
  fileName: Type.String(),
  status: ImportStatus,
  rowsRead: Type.Integer(),
  rowsLoaded: Type.Integer(),
  rowsReplaced: Type.Integer(),
  rowsSkipped: Type.Integer(),
  rowsRejected: Type.Integer(),
  error: Type.Union([Type.String(), Type.Null()]),
});

export const SourceDetail = Type.Intersect([
  Source,
  Type.Object({ runs: Type.Array(SourceRunSchema), imports: Type.Array(SourceImport) }),
]);

export function toSource(row: SourceRow, failingAfter: number, nextRunAt: Date | null) {
  const health: 'ok' | 'failing' | 'paused' = !row.enabled
    ? 'paused'
    : row.consecutive_failures >= failingAfter
      ? 'failing'
      : 'ok';
  return {
    id: row.id,
    name: row.name,
    // The table's CHECK holds kind to SOURCE_KINDS.
    kind: row.kind as (typeof SOURCE_KINDS)[number],
    settings: row.settings as Record<string, unknown>,
    hasSecrets: row.secret_ciphertext !== null,
    presetKey: row.preset_key,
    timeZone: row.time_zone,
    cron: row.cron,
    scheduleTimeZone: row.schedule_time_zone,
    enabled: row.enabled,
    health,
    consecutiveFailures: row.consecutive_failures,
    lastRunAt: row.last_run_at?.toISOString() ?? null,
    lastSuccessAt: row.last_success_at?.toISOString() ?? null,
    lastError: row.last_error,
    nextRunAt: nextRunAt?.toISOString() ?? null,
  };
}
