/**
 * The mapping document: data (never code) that says where each field of the canonical case comes from.
 * Validated with TypeBox like every API payload; `compileMapping` turns it into a fast row normaliser.
 * Reference with examples: docs/imports.md.
 */
import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { SOURCES } from './canonical.ts';

export const DATE_FORMATS = ['iso', 'dmy', 'mdy', 'ymd', 'excel', 'dd-mon-yy'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];
export const DURATION_UNITS = ['ms', 's', 'min', 'h', 'hms'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const DateFormatSchema = Type.Enum(DATE_FORMATS);
const DurationUnitSchema = Type.Enum(DURATION_UNITS);
const Header = Type.String({ minLength: 1, maxLength: 500 });

/** A value read from one column (exact header text), after null sentinels and the optional value map. */
export const ColumnSource = Type.Object(
  {
    kind: Type.Literal('column'),
    column: Header,
    /** The column may be absent from a file: the field is then null instead of the file being refused. */
    optional: Type.Optional(Type.Boolean()),
    /** Cell values that mean "no value" for this field, in addition to blank and the file's `nulls`. */
    nulls: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
    /** Raw value → value (null = no value); keys match trimmed and case-insensitively. */
    map: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()]))),
    /** What a value missing from `map` becomes; without it the raw value passes through. */
    default: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    /** Timestamps: overrides the file's `dateFormat` for this column. */
    format: Type.Optional(DateFormatSchema),
    /** Durations: the unit of the cells. */
    unit: Type.Optional(DurationUnitSchema),
    /** CSAT: 5 for 1–5 scores, 2 for good/bad, `auto` accepts both (digits → 5, good/bad → 2). */
    scale: Type.Optional(Type.Union([Type.Literal(5), Type.Literal(2), Type.Literal('auto')])),
  },
  { additionalProperties: false },
);
export type ColumnSource = Static<typeof ColumnSource>;

const ConstantSource = Type.Object(
  { kind: Type.Literal('constant'), value: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]) },
  { additionalProperties: false },
);
/**
 * A timestamp from a date column and a time-of-day column (`9:12:58`, `14:05`, `2:05 PM`), plus optional
 * durations (service start + service seconds). With `after`, a time of day earlier than that field's value
 * belongs to the next day (a call that ends after midnight carries the date it started on).
 */
const DateTimeSource = Type.Object(
  {
    kind: Type.Literal('date-time'),
    date: ColumnSource,
    time: ColumnSource,
    add: Type.Optional(Type.Array(ColumnSource, { minItems: 1, maxItems: 10 })),
    after: Type.Optional(Type.Union([Type.Literal('createdAt'), Type.Literal('firstResponseAt')])),
  },
  { additionalProperties: false },
);
/** Text of several columns: `{vru+line}-{call_id}`; `{` and `}` enclose an exact header, `{{` and `}}` are literal braces. */
const TemplateSource = Type.Object(
  { kind: Type.Literal('template'), template: Type.String({ minLength: 3, maxLength: 1000 }) },
  { additionalProperties: false },
);
/** Another timestamp field plus durations, e.g. first response = created + wait. */
const OffsetSource = Type.Object(
  {
    kind: Type.Literal('offset'),
    base: Type.Union([Type.Literal('createdAt'), Type.Literal('firstResponseAt'), Type.Literal('solvedAt')]),
    add: Type.Array(ColumnSource, { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);
/** Sum of duration columns, e.g. handle = talk + hold + wrap. */
const SumSource = Type.Object(
  { kind: Type.Literal('sum'), parts: Type.Array(ColumnSource, { minItems: 1, maxItems: 10 }) },
  { additionalProperties: false },
);
/** The first of several columns that has a value, e.g. Freshdesk resolved time, else closed time. */
const FirstSource = Type.Object(
  {
    kind: Type.Literal('first'),
    of: Type.Array(Type.Union([ColumnSource, DateTimeSource]), { minItems: 1, maxItems: 10 }),
  },
  { additionalProperties: false },
);

export const FieldSource = Type.Union([
  ColumnSource,
  ConstantSource,
  DateTimeSource,
  OffsetSource,
  SumSource,
  FirstSource,
  TemplateSource,
]);
export type FieldSource = Static<typeof FieldSource>;

const optional = Type.Optional(FieldSource);
export const MappingFields = Type.Object(
  {
    externalId: FieldSource,
    createdAt: FieldSource,
    channel: FieldSource,
    site: optional,
    queue: optional,
    tier: optional,
    customerId: optional,
    agentId: optional,
    firstResponseAt: optional,
    solvedAt: optional,
    status: optional,
    reopenCount: optional,
    handleSeconds: optional,
    waitSeconds: optional,
    answered: optional,
    abandoned: optional,
    csatScore: optional,
    /** The scale the file states per row (`2` or `5`); a score that contradicts it rejects the row. */
    csatScale: optional,
    csatAt: optional,
    escalated: optional,
    firstContactResolved: optional,
    updatedAt: optional,
  },
  { additionalProperties: false },
);
export type MappingFields = Static<typeof MappingFields>;
export type FieldName = keyof MappingFields;

export const FileOptions = Type.Object(
  {
    delimiter: Type.Optional(
      Type.Union([Type.Literal('auto'), Type.Literal(','), Type.Literal(';'), Type.Literal('\t')]),
    ),
    encoding: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('utf-8'), Type.Literal('windows-1252')])),
    /** 1-based line of the header row (exports with a title block above the table). */
    headerRow: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    /** IANA zone of timestamps without an offset; default: the import's option, else UTC. */
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    dateFormat: Type.Optional(DateFormatSchema),
    /** Two-digit years below the pivot are 20yy, the others 19yy (default 70). */
    pivotYear: Type.Optional(Type.Integer({ minimum: 0, maximum: 99 })),
    /** Cell values that mean "no value" in every column (e.g. `-`, `1900-01-01 00:00:00`). */
    nulls: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type FileOptions = Static<typeof FileOptions>;

const ReportedFigure = Type.Object(
  {
    column: Header,
    optional: Type.Optional(Type.Boolean()),
    type: Type.Union([Type.Literal('number'), Type.Literal('text')]),
  },
  { additionalProperties: false },
);

/** True for a row whose cell in `column` (trimmed, any case) is one of `in`. */
export const Condition = Type.Object(
  {
    column: Header,
    in: Type.Array(Type.String({ maxLength: 500 }), { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type Condition = Static<typeof Condition>;

export const MappingDocument = Type.Object(
  {
    source: Type.Enum(SOURCES),
    file: Type.Optional(FileOptions),
    /** The attribution key: vendorField = the column header, vendorValue = the cell. */
    vendor: Type.Optional(
      Type.Union([
        Type.Object(
          { kind: Type.Literal('column'), column: Header, optional: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        Type.Object(
          { kind: Type.Literal('constant'), value: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
      ]),
    ),
    fields: MappingFields,
    /** A field takes its value only on rows that meet its condition; elsewhere it is empty. */
    when: Type.Optional(
      Type.Partial(Type.Record(Type.KeyOf(MappingFields), Condition), { additionalProperties: false }),
    ),
    /** A row that meets any of these conditions is skipped by rule: counted, not loaded, not rejected. */
    skip: Type.Optional(Type.Array(Condition, { minItems: 1, maxItems: 20 })),
    /** The help desk's own figures, kept in `CanonicalCase.reported` under these keys. */
    reported: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' }), ReportedFigure)),
  },
  { additionalProperties: false },
);
export type MappingDocument = Static<typeof MappingDocument>;

/** Never throws; lists every schema violation as `path: message` (the first 20). */
export function validateDocument<T extends TSchema>(
  schema: T,
  value: unknown,
): { ok: true; document: Static<T> } | { ok: false; errors: string[] } {
  if (Value.Check(schema, value)) return { ok: true, document: value };
  const errors = [...Value.Errors(schema, value)]
    .slice(0, 20)
    .map((error) => `${error.instancePath || '/'}: ${error.message}`);
  return { ok: false, errors };
}

export const validateMappingDocument = (value: unknown) => validateDocument(MappingDocument, value);

/** Adds the columns one field source reads to `required` or `optional` (a column may be left out of the file). */
export function addSourceColumns(source: FieldSource, required: Set<string>, optional: Set<string>): void {
  const visit = (inner: FieldSource) => addSourceColumns(inner, required, optional);
  switch (source.kind) {
    case 'column':
      (source.optional ? optional : required).add(source.column);
      return;
    case 'date-time':
      visit(source.date);
      visit(source.time);
      source.add?.forEach(visit);
      return;
    case 'offset':
      source.add.forEach(visit);
      return;
    case 'sum':
      source.parts.forEach(visit);
      return;
    case 'first':
      source.of.forEach(visit);
      return;
    case 'template':
      for (const column of templateColumns(source.template)) required.add(column);
      return;
    case 'constant':
      return;
  }
}

/** Every column a document reads, split by whether a file must have it. */
export function documentColumns(document: MappingDocument): { required: string[]; optional: string[] } {
  const required = new Set<string>();
  const optionalColumns = new Set<string>();
  const visit = (source: FieldSource) => addSourceColumns(source, required, optionalColumns);
  for (const source of Object.values(document.fields)) if (source) visit(source);
  for (const condition of [...Object.values(document.when ?? {}), ...(document.skip ?? [])])
    required.add(condition.column);
  if (document.vendor?.kind === 'column')
    (document.vendor.optional ? optionalColumns : required).add(document.vendor.column);
  for (const figure of Object.values(document.reported ?? {}))
    (figure.optional ? optionalColumns : required).add(figure.column);
  for (const column of required) optionalColumns.delete(column);
  return { required: [...required], optional: [...optionalColumns] };
}

export type TemplatePart = { literal: string } | { column: string };

/** `{a}-{b}` → literal and column parts; throws on an unclosed or empty `{}` (a document mistake). */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  for (let index = 0; index < template.length; index++) {
    const char = template[index]!;
    const next = template[index + 1];
    if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      literal += char;
      index++;
    } else if (char === '{') {
      const end = template.indexOf('}', index + 1);
      const column = end < 0 ? '' : template.slice(index + 1, end);
      if (column.trim() === '')
        throw new TemplateError(`template '${template}': '{' at ${index + 1} needs a column name and '}'`);
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ column });
      index = end;
    } else if (char === '}') {
      throw new TemplateError(`template '${template}': '}' at ${index + 1} closes nothing (write '}}' for a brace)`);
    } else literal += char;
  }
  if (literal) parts.push({ literal });
  if (!parts.some((part) => 'column' in part)) throw new TemplateError(`template '${template}' names no {column}`);
  return parts;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** The columns a template reads; an invalid template reads none (compiling it reports the mistake). */
export function templateColumns(template: string): string[] {
  try {
    return parseTemplate(template).flatMap((part) => ('column' in part ? [part.column] : []));
  } catch {
    return [];
  }
}
