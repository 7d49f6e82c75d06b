/**
 * The editor's view of a mapping document: the canonical fields with labels and value types, and the
 * few conversions the inputs need. The document itself stays the API's (docs/imports.md).
 */
import type { ColumnSource, FieldName, FieldSource, MappingDocument } from '@scorecard/domain/mapping/document';
import type { MappingDraft } from '../api/dry-run.ts';

export type ValueType = 'id' | 'text' | 'timestamp' | 'duration' | 'flag' | 'csat' | 'channel' | 'number';

export const FIELDS: { name: FieldName; label: string; type: ValueType; required?: boolean }[] = [
  { name: 'externalId', label: 'Case id', type: 'id', required: true },
  { name: 'createdAt', label: 'Created at', type: 'timestamp', required: true },
  { name: 'channel', label: 'Channel', type: 'channel', required: true },
  { name: 'queue', label: 'Queue', type: 'text' },
  { name: 'site', label: 'Site', type: 'text' },
  { name: 'tier', label: 'Tier', type: 'number' },
  { name: 'agentId', label: 'Agent', type: 'text' },
  { name: 'customerId', label: 'Customer', type: 'text' },
  { name: 'firstResponseAt', label: 'First response at', type: 'timestamp' },
  { name: 'solvedAt', label: 'Solved at', type: 'timestamp' },
  { name: 'status', label: 'Status', type: 'text' },
  { name: 'reopenCount', label: 'Reopen count', type: 'number' },
  { name: 'handleSeconds', label: 'Handle time', type: 'duration' },
  { name: 'waitSeconds', label: 'Wait (speed of answer)', type: 'duration' },
  { name: 'answered', label: 'Answered', type: 'flag' },
  { name: 'abandoned', label: 'Abandoned', type: 'flag' },
  { name: 'csatScore', label: 'CSAT score', type: 'csat' },
  { name: 'csatScale', label: 'CSAT scale (2 or 5)', type: 'number' },
  { name: 'csatAt', label: 'CSAT at', type: 'timestamp' },
  { name: 'escalated', label: 'Escalated', type: 'flag' },
  { name: 'firstContactResolved', label: 'Resolved at first contact', type: 'flag' },
  { name: 'updatedAt', label: 'Updated at', type: 'timestamp' },
];

export const SOURCE_NAMES = ['generic', 'telephony', 'zendesk', 'freshdesk', 'salesforce'] as const;
export const DATE_FORMAT_LABELS: Record<string, string> = {
  iso: 'ISO (2023-04-08 20:52)',
  dmy: 'Day first (26/08/2023)',
  mdy: 'Month first (08/26/2023)',
  ymd: 'Compact (230826)',
  excel: 'Excel serial days',
  'dd-mon-yy': 'Day-month name (26-Aug-23)',
};
export const UNIT_LABELS: Record<string, string> = {
  s: 'seconds',
  min: 'minutes',
  h: 'hours',
  ms: 'milliseconds',
  hms: 'H:MM:SS',
};

export function unmappedRequired(draft: MappingDraft): string[] {
  return FIELDS.filter((field) => field.required && !isSet(draft.fields[field.name])).map((field) => field.label);
}

function isSet(source: FieldSource | undefined): boolean {
  if (!source) return false;
  if (source.kind === 'column') return source.column !== '';
  if (source.kind === 'constant') return source.value !== null && source.value !== '';
  if (source.kind === 'date-time') return source.date.column !== '' && source.time.column !== '';
  if (source.kind === 'template') return source.template.trim() !== '';
  return true;
}

/**
 * The draft as a complete document, or null while a required field is unmapped. The source zone goes into the
 * document, so a saved preset reads next month's file in the same zone without it being typed again.
 */
export function toDocument(draft: MappingDraft, timeZone: string): MappingDocument | null {
  if (unmappedRequired(draft).length > 0) return null;
  const { vendor, ...rest } = draft;
  // A constant vendor is complete once it has a name.
  const named = vendor && !(vendor.kind === 'constant' && vendor.value.trim() === '') ? { vendor } : {};
  return { ...rest, ...named, file: { ...draft.file, timeZone } } as MappingDocument;
}

/** `AGENT, HANG` ⇄ `['AGENT', 'HANG']`. */
export function parseValueList(text: string): string[] {
  return text
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** `Y=false, N=true, Offered=` ⇄ `{ Y: 'false', N: 'true', Offered: null }` (empty = no value). */
export function formatValueMap(map: ColumnSource['map']): string {
  return Object.entries(map ?? {})
    .map(([from, to]) => `${from}=${to ?? ''}`)
    .join(', ');
}

export function parseValueMap(text: string): ColumnSource['map'] {
  const entries = text
    .split(',')
    .map((pair) => pair.split('='))
    .filter((parts) => parts.length === 2 && parts[0]!.trim() !== '')
    .map(([from, to]) => [from!.trim(), to!.trim() === '' ? null : to!.trim()] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** A one-line description of a derived source the editor shows but does not edit part by part. */
export function describeSource(source: FieldSource): string {
  const column = (c: ColumnSource) => `'${c.column}'${c.unit ? ` (${UNIT_LABELS[c.unit] ?? c.unit})` : ''}`;
  switch (source.kind) {
    case 'offset':
      return `${source.base} + ${source.add.map(column).join(' + ')}`;
    case 'sum':
      return source.parts.map(column).join(' + ');
    case 'first':
      return `first value of ${source.of.map((s) => (s.kind === 'column' ? column(s) : `'${s.date.column}' + '${s.time.column}'`)).join(', ')}`;
    case 'column':
      return column(source);
    case 'date-time':
      return `'${source.date.column}' + '${source.time.column}'${source.add ? ` + ${source.add.map(column).join(' + ')}` : ''}`;
    case 'template':
      return source.template;
    case 'constant':
      return String(source.value);
  }
}

/** A preset key from its name: lower-case letters, digits and dashes (the API's pattern). */
export function keyFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}
