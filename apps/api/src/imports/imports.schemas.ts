import Type from 'typebox';
import { ImportStatus, PageQuery, type PageLimits } from '../http/schemas.ts';
import type { ImportRow } from '@scorecard/db/imports/imports';

const Problem = { $ref: 'ProblemDocument#' } as const;
export const problems = {
  400: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  415: Problem,
  422: Problem,
  503: Problem,
};

export const UnmappedValue = Type.Object({ field: Type.String(), value: Type.String(), caseCount: Type.Integer() });

export const ImportSummary = Type.Object({
  id: Type.Integer(),
  fileName: Type.String(),
  fileBytes: Type.Integer(),
  status: ImportStatus,
  /** What the file's rows become: cases (help-desk exports) or quality reviews (QA exports). */
  kind: Type.Union([Type.Literal('cases'), Type.Literal('reviews')]),
  source: Type.Union([Type.String(), Type.Null()]),
  presetKey: Type.Union([Type.String(), Type.Null()]),
  presetVersion: Type.Union([Type.Integer(), Type.Null()]),
  sourceTimeZone: Type.String(),
  /** SPEC: rowsRead = rowsLoaded (distinct cases) + rowsReplaced + rowsSkipped + rowsRejected once succeeded. */
  rowsRead: Type.Integer(),
  rowsLoaded: Type.Integer({ description: 'Distinct cases loaded (while running: rows staged so far)' }),
  rowsReplaced: Type.Integer({ description: 'Rows replaced by a later row with the same id in the same file' }),
  rowsSkipped: Type.Integer({ description: "Rows left out by the mapping's skip rule" }),
  rowsRejected: Type.Integer(),
  rowsWarned: Type.Integer({ description: 'Loaded rows with an optional field left empty (see warnings)' }),
  /** False for imports that succeeded before row accounting (migration 0016): their duplicates counted as loaded. */
  rowsAccounted: Type.Boolean(),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  duplicateOf: Type.Union([Type.Integer(), Type.Null()]),
  /** Why a duplicate was not processed (null for any other status). */
  duplicateReason: Type.Union([Type.String(), Type.Null()]),
});

export const ImportDetail = Type.Intersect([
  ImportSummary,
  Type.Object({
    unmapped: Type.Array(UnmappedValue),
    archivedVendors: Type.Array(
      Type.Object({ vendorId: Type.Integer(), vendorName: Type.String(), caseCount: Type.Integer() }),
      {
        description:
          'Cases attributed to vendors archived when the import committed: loaded and counted in their history, ' +
          'not on current scorecards until the vendor is restored',
      },
    ),
    /** The mapping document the import used (a snapshot: later preset edits do not change it). */
    mapping: Type.Union([Type.Unknown(), Type.Null()]),
  }),
]);

export const Accepted = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('duplicate')]),
  duplicateOf: Type.Optional(Type.Integer()),
  duplicateReason: Type.Optional(Type.String()),
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
/** One page of the imports list, of an import's rejects, or of its accounted rows. */
export const IMPORTS_PAGE: PageLimits = { maxLimit: 500, defaultLimit: 50 };
export const Page = Type.Object(PageQuery(IMPORTS_PAGE));

export const Reject = Type.Object({
  line: Type.Integer(),
  column: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
  raw: Type.String(),
});

export function toSummary(row: ImportRow) {
  return {
    id: row.id,
    fileName: row.file_name,
    fileBytes: row.file_bytes,
    status: row.status,
    kind: row.kind as 'cases' | 'reviews',
    source: row.source,
    presetKey: row.preset_key,
    presetVersion: row.preset_version,
    sourceTimeZone: row.source_time_zone,
    rowsRead: row.rows_read,
    rowsLoaded: row.rows_loaded,
    rowsReplaced: row.rows_replaced,
    rowsSkipped: row.rows_skipped,
    rowsRejected: row.rows_rejected,
    rowsWarned: row.rows_warned,
    rowsAccounted: row.rows_accounted,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    duplicateOf: row.duplicate_of,
    duplicateReason: duplicateReason(row),
  };
}

/**
 * Why an import is a duplicate, or null when it is not one. An import is (file bytes, how they are read): the
 * same bytes with the same mapping document and source time zone as a live import are not processed again.
 */
export function duplicateReason(row: Pick<ImportRow, 'status' | 'duplicate_of' | 'mapping'>): string | null {
  if (row.status !== 'duplicate' || row.duplicate_of === null) return null;
  // Recorded before migration 0012: decided on the bytes alone, before a mapping was resolved.
  if (row.mapping === null) return `Same file as import #${row.duplicate_of}.`;
  return (
    `Same file read with the same mapping and time zone as import #${row.duplicate_of}; ` +
    'change the preset or mapping to import it again.'
  );
}

/** A replaced or skipped row, or a warning: line, the column at fault (warnings only), what happened. */
export const AccountedRow = Type.Object({
  line: Type.Integer(),
  column: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
});

const Loose = Type.Record(Type.String(), Type.Unknown());
export const DryRun = Type.Object({
  file: Type.Object({
    gzip: Type.Boolean(),
    encoding: Type.String(),
    delimiter: Type.String(),
    delimiterReason: Type.String(),
    headerRow: Type.Integer(),
  }),
  headers: Type.Array(Type.String()),
  presets: Type.Array(
    Type.Object({
      key: Type.String(),
      name: Type.String(),
      score: Type.Number(),
      matchedColumns: Type.Array(Type.String()),
      missingColumns: Type.Array(Type.String()),
      missingOptional: Type.Array(Type.String()),
      unreadColumns: Type.Array(Type.String()),
      reason: Type.String(),
    }),
  ),
  preset: Type.Union([Type.Object({ key: Type.String(), version: Type.Integer() }), Type.Null()]),
  mapping: Type.Union([Loose, Type.Null()]),
  suggestion: Loose,
  missingColumns: Type.Array(Type.String()),
  rowsRead: Type.Integer(),
  rows: Type.Array(Type.Object({ line: Type.Integer(), case: Loose })),
  rejects: Type.Array(Reject),
  warnings: Type.Array(AccountedRow),
  skipped: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
  accounting: Type.Union([
    Type.Object({
      complete: Type.Boolean(),
      rowsRead: Type.Integer(),
      rowsLoaded: Type.Integer(),
      rowsReplaced: Type.Integer(),
      rowsSkipped: Type.Integer(),
      rowsRejected: Type.Integer(),
      rowsWarned: Type.Integer(),
      duplicates: Type.Object({
        ids: Type.Integer({ description: 'External ids that more than one row carries' }),
        examples: Type.Array(Type.Object({ externalId: Type.String(), lines: Type.Array(Type.Integer()) })),
      }),
    }),
    Type.Null(),
  ]),
  unusedMappedColumns: Type.Array(Type.String()),
  unreadColumns: Type.Array(Type.String()),
});
