/**
 * compileMapping: a mapping document + one file's header row → a fast row normaliser (the contract in
 * canonical.ts). Columns resolve to indexes once; the per-row work is the readers in readers.ts plus the
 * cross-field rules of the docs/definitions.md (abandoned calls are never solved; nothing happens before creation).
 */
import {
  TEXT_LIMITS,
  type CanonicalCase,
  type CompiledMapping,
  type NormaliseResult,
  type RowWarning,
} from './canonical.ts';
import { compileCondition, describeCondition, type RowTest } from './conditions.ts';
import { applyStatedScale, csatReader, csatScaleReader } from './csat.ts';
import { FIELD_LABELS, RowOutcome } from './row-outcome.ts';
import type { FieldName, MappingDocument } from './document.ts';
import { parseNumber } from './parse/timestamp.ts';
import { formatInstant, resolveZone } from './parse/zone.ts';
import {
  cellReader,
  convertingReader,
  durationReader,
  MappingDocumentError,
  primaryColumn,
  RowErrors,
  textReader,
  toBoolean,
  toChannel,
  toCount,
  toTier,
  type Reader,
  type ReaderContext,
} from './readers.ts';
import { timestampReader, type RowTimes } from './timestamps.ts';

export { MappingDocumentError } from './readers.ts';
export { FIELD_LABELS } from './row-outcome.ts';

export interface CompileOptions {
  /** The import's source time zone; the document's own `file.timeZone` wins over it. Default UTC. */
  timeZone?: string;
}

/** Headers match by exact text; a header with stray spaces around it matches its trimmed text. */
export function headerIndex(headers: readonly string[]): (column: string) => number {
  const exact = new Map<string, number>();
  const trimmed = new Map<string, number>();
  headers.forEach((header, index) => {
    if (!exact.has(header)) exact.set(header, index);
    const key = header.trim();
    if (!trimmed.has(key)) trimmed.set(key, index);
  });
  return (column) => exact.get(column) ?? trimmed.get(column.trim()) ?? -1;
}

const NO_WARNINGS: readonly RowWarning[] = Object.freeze([]);
type Cells = readonly string[];
type TextField = keyof typeof TEXT_LIMITS & FieldName;

/** Throws MappingDocumentError for a document that cannot work (bad zone, unsupported source kind). */
export function compileMapping(
  document: MappingDocument,
  headers: readonly string[],
  options: CompileOptions = {},
): CompiledMapping {
  const zoneName = document.file?.timeZone ?? options.timeZone ?? 'UTC';
  const zone = resolveZone(zoneName);
  if (!zone)
    throw new MappingDocumentError(`unknown time zone '${zoneName}' (expected an IANA name such as Europe/Berlin)`);
  const find = headerIndex(headers);
  const missing = new Set<string>();
  const errors = new RowErrors();
  const outcome = new RowOutcome();
  const context: ReaderContext = {
    errors,
    zone,
    dateFormat: document.file?.dateFormat ?? 'iso',
    pivotYear: document.file?.pivotYear ?? 70,
    fileNulls: document.file?.nulls ?? [],
    indexOf(column, optional) {
      const index = find(column);
      if (index < 0 && !optional) missing.add(column);
      return index;
    },
  };
  const fields = document.fields;
  const conditions = new Map<FieldName, RowTest>(
    Object.entries(document.when ?? {}).flatMap(([field, condition]) =>
      condition ? [[field as FieldName, compileCondition(condition, context)] as const] : [],
    ),
  );
  const skips = (document.skip ?? []).map((condition) => ({
    test: compileCondition(condition, context),
    reason: `skipped by rule: ${describeCondition(condition)}`,
  }));

  /** The field's reader behind its condition, with a bad value turned into a reject or a warning. */
  const guard =
    <T>(field: FieldName, read: (cells: Cells, row: RowTimes) => T | null) =>
    (cells: Cells, row: RowTimes): T | null => {
      const when = conditions.get(field);
      if (when && !when(cells)) return null;
      const value = read(cells, row);
      if (!errors.failed) return value;
      errors.reset();
      outcome.fail(field, errors.column, errors.reason);
      return null;
    };
  const limited = (field: TextField | 'vendorValue', column: string | null, read: Reader<string>): Reader<string> => {
    const limit = TEXT_LIMITS[field];
    const label = field === 'vendorValue' ? 'vendor' : FIELD_LABELS[field];
    return (cells) => {
      const value = read(cells);
      if (value === null || value.length <= limit) return value;
      outcome.fail(field, column, `${label}: ${value.length} characters is over the limit of ${limit}`);
      return null;
    };
  };
  const text = (field: TextField): Reader<string> => {
    const source = fields[field];
    if (!source) return () => null;
    const read = guard(field, textReader(field, source, context));
    return limited(field, primaryColumn(source), (cells) => read(cells, row));
  };
  const converted = <T>(
    field: FieldName,
    convert: (text: string) => T | undefined,
    problem: (text: string) => string,
  ) => {
    const source = fields[field];
    return source ? guard(field, convertingReader(field, source, context, convert, problem)) : () => null;
  };
  const bool = (field: FieldName) =>
    converted(
      field,
      toBoolean,
      (value) =>
        `${FIELD_LABELS[field]}: '${value}' is not a yes/no value (Y/N, yes/no, true/false, 1/0); add it to the value map`,
    );
  const duration = (field: FieldName) => {
    const source = fields[field];
    return source ? guard(field, durationReader(field, FIELD_LABELS[field], source, context)) : () => null;
  };
  const time = (field: FieldName) => {
    const source = fields[field];
    if (!source) return () => null;
    if (source.kind === 'offset' && (field === 'createdAt' || fields[source.base]?.kind === 'offset')) {
      throw new MappingDocumentError(
        `${field}: an offset needs a base that is read from the file (created at cannot be an offset)`,
      );
    }
    if (source.kind === 'date-time' && source.after && (field === 'createdAt' || source.after === field)) {
      throw new MappingDocumentError(`${field}: 'after' must name another, earlier timestamp (created at has none)`);
    }
    return guard(field, timestampReader(field, FIELD_LABELS[field], source, context));
  };

  const row: RowTimes = { createdAt: null, firstResponseAt: null, solvedAt: null };
  const readExternalId = text('externalId');
  const readSite = text('site');
  const readQueue = text('queue');
  const readCustomer = text('customerId');
  const readAgent = text('agentId');
  const readStatus = text('status');
  const readChannel = converted(
    'channel',
    toChannel,
    (value) =>
      `channel: unknown channel '${value}' (expected voice, chat, email, web or social; map it in the value map)`,
  );
  const readTier = converted('tier', toTier, (value) => `tier: '${value}' is not 1 or 2`);
  const readReopens = converted(
    'reopenCount',
    toCount,
    (value) => `reopen count: '${value}' is not a whole number ≥ 0`,
  );
  const readHandle = duration('handleSeconds');
  const readWait = duration('waitSeconds');
  const readAnswered = bool('answered');
  const readAbandoned = bool('abandoned');
  const readEscalated = bool('escalated');
  const readFcr = bool('firstContactResolved');
  const readCsat = fields.csatScore ? guard('csatScore', csatReader(fields.csatScore, context)) : () => null;
  const readCsatScale = fields.csatScale ? guard('csatScale', csatScaleReader(fields.csatScale, context)) : () => null;
  const readCreated = time('createdAt');
  const readUpdated = time('updatedAt');
  const readCsatAt = time('csatAt');
  // Offsets read the row's other timestamps, so non-offset timestamps are computed first.
  const firstOffset = fields.firstResponseAt?.kind === 'offset';
  const solvedOffset = fields.solvedAt?.kind === 'offset';
  const readFirstResponse = time('firstResponseAt');
  const readSolved = time('solvedAt');

  const vendor = document.vendor;
  const vendorField = vendor ? (vendor.kind === 'column' ? vendor.column : '(constant)') : null;
  const readVendor: Reader<string> = !vendor
    ? () => null
    : vendor.kind === 'constant'
      ? () => vendor.value
      : limited(
          'vendorValue',
          vendor.column,
          cellReader({ kind: 'column', column: vendor.column, optional: vendor.optional }, context),
        );
  const reported = Object.entries(document.reported ?? {}).map(([key, figure]) => ({
    key,
    numeric: figure.type === 'number',
    read: cellReader({ kind: 'column', column: figure.column, optional: figure.optional }, context),
  }));
  const columnOf = (field: FieldName): string | null => {
    const source = fields[field];
    return source ? primaryColumn(source) : null;
  };
  const derivesAbandoned = !fields.abandoned && !!fields.answered;
  const derivesAnswered = !fields.answered && !!fields.abandoned;

  /** SPEC: nothing happens before creation. A bad optional timestamp is dropped, not the case. */
  const notBeforeCreation = (field: 'firstResponseAt' | 'solvedAt', createdAt: number): number | null => {
    const at = row[field];
    if (at === null || at >= createdAt) return at;
    const what = field === 'solvedAt' ? 'solved' : 'first response';
    outcome.warn(
      columnOf(field),
      `${what} (${formatInstant(zone, at)}) is before creation (${formatInstant(zone, createdAt)})`,
    );
    return null;
  };

  const normalise = (cells: Cells, line: number): NormaliseResult => {
    for (const skip of skips) if (skip.test(cells)) return { ok: false, skip: { line, reason: skip.reason } };
    errors.reset();
    outcome.reset(line);
    const externalId = readExternalId(cells);
    const channel = readChannel(cells, row);
    const createdAt = readCreated(cells, row);
    row.createdAt = createdAt;
    row.firstResponseAt = firstOffset ? null : readFirstResponse(cells, row);
    row.solvedAt = solvedOffset ? null : readSolved(cells, row);
    if (firstOffset) row.firstResponseAt = readFirstResponse(cells, row);
    if (solvedOffset) row.solvedAt = readSolved(cells, row);
    const answered = readAnswered(cells, row);
    let abandoned = readAbandoned(cells, row);
    let csat = readCsat(cells, row);
    const statedScale = fields.csatScale ? readCsatScale(cells, row) : null;
    if (csat && statedScale) {
      const read = applyStatedScale(csat, statedScale);
      if (typeof read === 'string') outcome.reject(columnOf('csatScale'), read);
      else csat = read;
    } else if (csat && fields.csatScale && outcome.warnings?.some((w) => w.column === columnOf('csatScale'))) {
      // The row states a scale that cannot be read: its score cannot be read either.
      csat = null;
    }
    const value: CanonicalCase = {
      source: document.source,
      externalId: externalId ?? '',
      vendorField,
      vendorValue: readVendor(cells),
      site: readSite(cells),
      queue: readQueue(cells),
      channel: channel ?? 'email',
      tier: readTier(cells, row),
      customerId: readCustomer(cells),
      agentId: readAgent(cells),
      createdAt: new Date(createdAt ?? 0),
      firstResponseAt: null,
      solvedAt: null,
      status: readStatus(cells),
      reopenCount: readReopens(cells, row),
      handleSeconds: readHandle(cells, row),
      waitSeconds: readWait(cells, row),
      answered,
      abandoned,
      csatScore: csat?.score ?? null,
      csatScale: csat?.scale ?? null,
      csatAt: dateOrNull(readCsatAt(cells, row)),
      escalated: readEscalated(cells, row),
      firstContactResolved: readFcr(cells, row),
      updatedAt: dateOrNull(readUpdated(cells, row)),
      reported: null,
    };
    if (outcome.rejected) return reject(line, outcome.column, outcome.reason);
    if (externalId === null) return reject(line, columnOf('externalId'), 'external id: missing (blank)');
    if (createdAt === null) return reject(line, columnOf('createdAt'), 'created at: missing (blank)');
    if (channel === null) return reject(line, columnOf('channel'), 'channel: missing (blank)');
    // One of answered/abandoned is the complement of the other when only one is mapped.
    if (derivesAbandoned && answered !== null) value.abandoned = abandoned = !answered;
    if (derivesAnswered && abandoned !== null) value.answered = !abandoned;
    // docs/definitions.md: abandoned calls are never solved, and were never responded to.
    if (abandoned !== true) {
      value.firstResponseAt = dateOrNull(notBeforeCreation('firstResponseAt', createdAt));
      value.solvedAt = dateOrNull(notBeforeCreation('solvedAt', createdAt));
    }
    if (reported.length > 0) value.reported = readReported(cells);
    return { ok: true, value, warnings: outcome.warnings ?? NO_WARNINGS };
  };

  const readReported = (cells: Cells): Record<string, number | string> | null => {
    let figures: Record<string, number | string> | null = null;
    for (const figure of reported) {
      const text = figure.read(cells);
      if (text === null) continue;
      const number = figure.numeric ? parseNumber(text) : Number.NaN;
      (figures ??= {})[figure.key] = Number.isNaN(number) ? text : number;
    }
    return figures;
  };

  return { missingColumns: [...missing], normalise };
}

function dateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

function reject(line: number, column: string | null, reason: string): NormaliseResult {
  return { ok: false, reject: { line, column, reason } };
}
