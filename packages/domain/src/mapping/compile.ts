/**
 * compileMapping: a mapping document + one file's header row → a fast row normaliser (the contract in
 * canonical.ts). Columns resolve to indexes once; the per-row work is the readers in readers.ts plus the
 * cross-field rules of the docs/definitions.md (abandoned calls are never solved; nothing happens before creation).
 */
import type { CanonicalCase, CompiledMapping, NormaliseResult } from './canonical.ts';
import type { FieldName, FieldSource, MappingDocument } from './document.ts';
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
  timestampReader,
  toBoolean,
  toChannel,
  toCount,
  toTier,
  type Reader,
  type ReaderContext,
  type RowTimes,
  type TimestampReader,
} from './readers.ts';

export { MappingDocumentError } from './readers.ts';

export interface CompileOptions {
  /** The import's source time zone; the document's own `file.timeZone` wins over it. Default UTC. */
  timeZone?: string;
}

export const FIELD_LABELS: Record<FieldName, string> = {
  externalId: 'external id',
  site: 'site',
  queue: 'queue',
  channel: 'channel',
  tier: 'tier',
  customerId: 'customer id',
  agentId: 'agent id',
  createdAt: 'created at',
  firstResponseAt: 'first response',
  solvedAt: 'solved at',
  status: 'status',
  reopenCount: 'reopen count',
  handleSeconds: 'handle time',
  waitSeconds: 'wait time',
  answered: 'answered',
  abandoned: 'abandoned',
  csatScore: 'CSAT',
  csatAt: 'CSAT at',
  escalated: 'escalated',
  firstContactResolved: 'first contact resolved',
  updatedAt: 'updated at',
};

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

type Csat = { score: number; scale: 2 | 5 };

function csatReader(source: FieldSource, context: ReaderContext): Reader<Csat> {
  const scale = source.kind === 'column' ? (source.scale ?? 'auto') : 'auto';
  const words: Record<string, Csat> = { good: { score: 2, scale: 2 }, bad: { score: 1, scale: 2 } };
  const byScore: Csat[] = [1, 2, 3, 4, 5].map((score) => ({ score, scale: scale === 2 ? 2 : 5 }));
  let problem = '';
  const convert = (text: string): Csat | undefined => {
    const value = parseNumber(text);
    if (Number.isNaN(value)) {
      const word = words[text.toLowerCase()];
      if (word && scale !== 5) return word;
      problem = `CSAT: '${text}' is not a score (expected ${scale === 5 ? '1–5' : scale === 2 ? 'good/bad or 1–2' : '1–5 or good/bad'}; map other values, e.g. Offered → empty)`;
      return undefined;
    }
    const max = scale === 2 ? 2 : 5;
    if (!Number.isInteger(value)) problem = `CSAT: score ${text} is not a whole score`;
    else if (value < 1 || value > max) problem = `CSAT: score ${text} is outside the 1–${max} scale`;
    else return byScore[value - 1];
    return undefined;
  };
  return convertingReader('csatScore', source, context, convert, () => problem);
}

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
  const text = (field: FieldName): Reader<string> =>
    fields[field] ? textReader(field, fields[field], context) : () => null;
  const bool = (field: FieldName): Reader<boolean> =>
    fields[field]
      ? convertingReader(
          field,
          fields[field],
          context,
          toBoolean,
          (value) =>
            `${FIELD_LABELS[field]}: '${value}' is not a yes/no value (Y/N, yes/no, true/false, 1/0); add it to the value map`,
        )
      : () => null;
  const duration = (field: FieldName): Reader<number> =>
    fields[field] ? durationReader(field, FIELD_LABELS[field], fields[field], context) : () => null;
  const time = (field: FieldName): TimestampReader => {
    const source = fields[field];
    if (!source) return () => null;
    if (source.kind === 'offset' && (field === 'createdAt' || fields[source.base]?.kind === 'offset')) {
      throw new MappingDocumentError(
        `${field}: an offset needs a base that is read from the file (created at cannot be an offset)`,
      );
    }
    return timestampReader(field, FIELD_LABELS[field], source, context);
  };

  const readExternalId = text('externalId');
  const readSite = text('site');
  const readQueue = text('queue');
  const readCustomer = text('customerId');
  const readAgent = text('agentId');
  const readStatus = text('status');
  const readChannel = convertingReader(
    'channel',
    fields.channel,
    context,
    toChannel,
    (value) =>
      `channel: unknown channel '${value}' (expected voice, chat, email, web or social; map it in the value map)`,
  );
  const readTier = fields.tier
    ? convertingReader('tier', fields.tier, context, toTier, (value) => `tier: '${value}' is not 1 or 2`)
    : () => null;
  const readReopens = fields.reopenCount
    ? convertingReader(
        'reopenCount',
        fields.reopenCount,
        context,
        toCount,
        (value) => `reopen count: '${value}' is not a whole number ≥ 0`,
      )
    : () => null;
  const readHandle = duration('handleSeconds');
  const readWait = duration('waitSeconds');
  const readAnswered = bool('answered');
  const readAbandoned = bool('abandoned');
  const readEscalated = bool('escalated');
  const readFcr = bool('firstContactResolved');
  const readCsat = fields.csatScore ? csatReader(fields.csatScore, context) : () => null;
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
      : cellReader({ kind: 'column', column: vendor.column, optional: vendor.optional }, context);
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
  const row: RowTimes = { createdAt: null, firstResponseAt: null, solvedAt: null };

  const normalise = (cells: readonly string[], line: number): NormaliseResult => {
    errors.reset();
    const externalId = readExternalId(cells);
    const channel = readChannel(cells);
    const createdAt = readCreated(cells, row);
    row.createdAt = createdAt;
    row.firstResponseAt = firstOffset ? null : readFirstResponse(cells, row);
    row.solvedAt = solvedOffset ? null : readSolved(cells, row);
    if (firstOffset) row.firstResponseAt = readFirstResponse(cells, row);
    if (solvedOffset) row.solvedAt = readSolved(cells, row);
    const answered = readAnswered(cells);
    let abandoned = readAbandoned(cells);
    const csat = readCsat(cells);
    const value: CanonicalCase = {
      source: document.source,
      externalId: externalId ?? '',
      vendorField,
      vendorValue: readVendor(cells),
      site: readSite(cells),
      queue: readQueue(cells),
      channel: channel ?? 'email',
      tier: readTier(cells),
      customerId: readCustomer(cells),
      agentId: readAgent(cells),
      createdAt: new Date(createdAt ?? 0),
      firstResponseAt: null,
      solvedAt: null,
      status: readStatus(cells),
      reopenCount: readReopens(cells),
      handleSeconds: readHandle(cells),
      waitSeconds: readWait(cells),
      answered,
      abandoned,
      csatScore: csat?.score ?? null,
      csatScale: csat?.scale ?? null,
      csatAt: dateOrNull(readCsatAt(cells, row)),
      escalated: readEscalated(cells),
      firstContactResolved: readFcr(cells),
      updatedAt: dateOrNull(readUpdated(cells, row)),
      reported: null,
    };
    if (errors.failed) return reject(line, errors.column, errors.reason);
    if (externalId === null) return reject(line, columnOf('externalId'), 'external id: missing (blank)');
    if (createdAt === null) return reject(line, columnOf('createdAt'), 'created at: missing (blank)');
    if (channel === null) return reject(line, columnOf('channel'), 'channel: missing (blank)');
    // One of answered/abandoned is the complement of the other when only one is mapped.
    if (derivesAbandoned && answered !== null) value.abandoned = abandoned = !answered;
    if (derivesAnswered && abandoned !== null) value.answered = !abandoned;
    // docs/definitions.md: abandoned calls are never solved, and were never responded to.
    if (abandoned !== true) {
      const { firstResponseAt, solvedAt } = row;
      if (firstResponseAt !== null && firstResponseAt < createdAt) {
        return reject(
          line,
          columnOf('firstResponseAt'),
          `first response (${formatInstant(zone, firstResponseAt)}) is before creation (${formatInstant(zone, createdAt)})`,
        );
      }
      if (solvedAt !== null && solvedAt < createdAt) {
        return reject(
          line,
          columnOf('solvedAt'),
          `solved (${formatInstant(zone, solvedAt)}) is before creation (${formatInstant(zone, createdAt)})`,
        );
      }
      value.firstResponseAt = dateOrNull(firstResponseAt);
      value.solvedAt = dateOrNull(solvedAt);
    }
    if (reported.length > 0) value.reported = readReported(cells);
    return { ok: true, value };
  };

  const readReported = (cells: readonly string[]): Record<string, number | string> | null => {
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
