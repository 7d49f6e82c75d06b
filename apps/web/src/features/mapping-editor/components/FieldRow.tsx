import { useState } from 'react';
import type { ColumnSource, Condition, FieldSource } from '@scorecard/domain/mapping/document';
import { ConditionInput, DateTimeExtras, TemplateInput } from './RuleInputs.tsx';
import {
  DATE_FORMAT_LABELS,
  describeSource,
  formatValueMap,
  parseValueMap,
  UNIT_LABELS,
  type FIELDS,
} from './draft.ts';

type Field = (typeof FIELDS)[number];
type Kind = 'none' | 'column' | 'constant' | 'date-time' | 'template' | 'derived';

function kindOf(source: FieldSource | undefined): Kind {
  if (!source) return 'none';
  if (source.kind === 'offset' || source.kind === 'sum' || source.kind === 'first') return 'derived';
  return source.kind;
}

/** One canonical field: where its value comes from, and the options its value type needs. */
export function FieldRow({
  field,
  source,
  suggested,
  reason,
  headers,
  onChange,
  condition,
  onCondition,
}: {
  field: Field;
  source: FieldSource | undefined;
  /** The dry run's suggestion, offered back when the user switches to "derived". */
  suggested: FieldSource | null;
  reason: string | undefined;
  headers: string[];
  onChange: (source: FieldSource | undefined) => void;
  /** "Only where column X is one of …" (document `when`). */
  condition: Condition | undefined;
  onCondition: (condition: Condition | undefined) => void;
}) {
  const kind = kindOf(source);
  const first = headers[0] ?? '';
  // The suggestion's reason describes the suggestion ("no column fits…"): once the field is mapped otherwise it is stale.
  const reasonShown = !source || JSON.stringify(source) === JSON.stringify(suggested) ? reason : undefined;
  const switchTo = (next: Kind) => {
    if (next === 'none') onChange(undefined);
    else if (next === 'column')
      // A duration needs a unit: the one shown as selected is the one written.
      onChange({ kind: 'column', column: first, ...(field.type === 'duration' ? { unit: 's' as const } : {}) });
    else if (next === 'template')
      onChange({
        kind: 'template',
        template: headers
          .slice(0, 2)
          .map((h) => `{${h}}`)
          .join('-'),
      });
    else if (next === 'constant') onChange({ kind: 'constant', value: '' });
    else if (next === 'date-time')
      onChange({ kind: 'date-time', date: { kind: 'column', column: first }, time: { kind: 'column', column: first } });
    else if (suggested) onChange(suggested);
  };
  const id = `field-${field.name}`;
  return (
    <tr data-testid={id}>
      <th scope="row">
        <label htmlFor={`${id}-kind`}>{field.label}</label>
        {field.required ? <span className="hint"> (required)</span> : null}
      </th>
      <td>
        <select id={`${id}-kind`} value={kind} onChange={(event) => switchTo(event.target.value as Kind)}>
          <option value="none">Not mapped</option>
          <option value="column">Column</option>
          <option value="constant">Constant</option>
          {field.type === 'timestamp' ? <option value="date-time">Date + time columns</option> : null}
          {field.type === 'id' || field.type === 'text' ? <option value="template">Template of columns</option> : null}
          {kind === 'derived' || suggested?.kind === 'offset' || suggested?.kind === 'sum' ? (
            <option value="derived">Derived (suggested)</option>
          ) : null}
        </select>
      </td>
      <td>
        {source?.kind === 'column' ? (
          <ColumnInputs field={field} source={source} headers={headers} onChange={onChange} />
        ) : null}
        {source?.kind === 'constant' ? (
          <input
            aria-label={`${field.label} constant`}
            value={source.value === null ? '' : String(source.value)}
            onChange={(event) => onChange({ kind: 'constant', value: event.target.value })}
          />
        ) : null}
        {source?.kind === 'date-time' ? (
          <span className="input-group">
            <ColumnSelect
              label={`${field.label} date column`}
              value={source.date.column}
              headers={headers}
              onChange={(column) => onChange({ ...source, date: { ...source.date, column } })}
            />
            <ColumnSelect
              label={`${field.label} time column`}
              value={source.time.column}
              headers={headers}
              onChange={(column) => onChange({ ...source, time: { ...source.time, column } })}
            />
            <DateTimeExtras field={field} source={source} headers={headers} onChange={onChange} />
          </span>
        ) : null}
        {source?.kind === 'template' ? (
          <TemplateInput label={field.label} source={source} headers={headers} onChange={onChange} />
        ) : null}
        {source && kind === 'derived' ? <span>{describeSource(source)}</span> : null}
        {source && !field.required ? (
          <ConditionInput label={field.label} condition={condition} headers={headers} onChange={onCondition} />
        ) : null}
      </td>
      <td className="hint">{reasonShown ?? ''}</td>
    </tr>
  );
}

function ColumnSelect({
  label,
  value,
  headers,
  onChange,
}: {
  label: string;
  value: string;
  headers: string[];
  onChange: (column: string) => void;
}) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      {headers.includes(value) ? null : <option value={value}>{value || 'choose a column'}</option>}
      {headers.map((header) => (
        <option key={header} value={header}>
          {header}
        </option>
      ))}
    </select>
  );
}

function ColumnInputs({
  field,
  source,
  headers,
  onChange,
}: {
  field: Field;
  source: ColumnSource;
  headers: string[];
  onChange: (source: ColumnSource) => void;
}) {
  const set = (patch: Partial<ColumnSource>) => {
    const next: ColumnSource = { ...source, ...patch };
    for (const key of Object.keys(patch) as (keyof ColumnSource)[]) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  return (
    <span className="input-group">
      <ColumnSelect
        label={`${field.label} column`}
        value={source.column}
        headers={headers}
        onChange={(column) => set({ column })}
      />
      {field.type === 'duration' ? (
        <select
          aria-label={`${field.label} unit`}
          value={source.unit ?? ''}
          onChange={(event) => set({ unit: (event.target.value || undefined) as ColumnSource['unit'] })}
        >
          {source.unit ? null : <option value="">choose a unit</option>}
          {Object.entries(UNIT_LABELS).map(([unit, label]) => (
            <option key={unit} value={unit}>
              {label}
            </option>
          ))}
        </select>
      ) : null}
      {field.type === 'timestamp' ? (
        <select
          aria-label={`${field.label} date format`}
          value={source.format ?? ''}
          onChange={(event) => set({ format: (event.target.value || undefined) as ColumnSource['format'] })}
        >
          <option value="">File's date format</option>
          {Object.entries(DATE_FORMAT_LABELS).map(([format, label]) => (
            <option key={format} value={format}>
              {label}
            </option>
          ))}
        </select>
      ) : null}
      {field.type === 'flag' || field.type === 'channel' || field.type === 'csat' || field.type === 'text' ? (
        <ValueMapInput label={field.label} map={source.map} onChange={(map) => set({ map })} />
      ) : null}
    </span>
  );
}

/** Its own text state: the map is parsed on every keystroke but the text is not rewritten under the caret. */
function ValueMapInput({
  label,
  map,
  onChange,
}: {
  label: string;
  map: ColumnSource['map'];
  onChange: (map: ColumnSource['map']) => void;
}) {
  const [text, setText] = useState(() => formatValueMap(map));
  return (
    <input
      aria-label={`${label} value map`}
      placeholder="e.g. Y=false, N=true"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseValueMap(event.target.value));
      }}
    />
  );
}
