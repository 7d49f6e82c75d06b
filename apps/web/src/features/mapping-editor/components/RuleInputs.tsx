/**
 * Inputs for the mapping language's rules: a template of columns, the date + time + duration
 * timestamp with its next-day rollover, and a condition ("only where column is one of …").
 */
import { useState } from 'react';
import type { ColumnSource, Condition, FieldSource } from '@scorecard/domain/mapping/document';
import { parseValueList, UNIT_LABELS, type FIELDS } from './draft.ts';

type Field = (typeof FIELDS)[number];
type DateTime = Extract<FieldSource, { kind: 'date-time' }>;
type Template = Extract<FieldSource, { kind: 'template' }>;

export function TemplateInput({
  label,
  source,
  headers,
  onChange,
}: {
  label: string;
  source: Template;
  headers: string[];
  onChange: (source: Template) => void;
}) {
  return (
    <span className="input-group">
      <input
        aria-label={`${label} template`}
        value={source.template}
        size={32}
        onChange={(event) => onChange({ kind: 'template', template: event.target.value })}
      />
      <span className="hint">
        {'{column}'} takes a cell, e.g. {`{${headers[0] ?? 'line'}}-{${headers[1] ?? 'call'}}`}
      </span>
    </span>
  );
}

/** An optional duration added to date + time, and "on the next day when earlier than created at". */
export function DateTimeExtras({
  field,
  source,
  headers,
  onChange,
}: {
  field: Field;
  source: DateTime;
  headers: string[];
  onChange: (source: DateTime) => void;
}) {
  const duration = source.add?.[0];
  const setDuration = (part: ColumnSource | undefined) => {
    const { add: _, ...rest } = source;
    onChange(part ? { ...rest, add: [part] } : rest);
  };
  return (
    <>
      <select
        aria-label={`${field.label} plus duration column`}
        value={duration?.column ?? ''}
        onChange={(event) =>
          setDuration(
            event.target.value
              ? { kind: 'column', column: event.target.value, unit: duration?.unit ?? 's' }
              : undefined,
          )
        }
      >
        <option value="">no duration added</option>
        {headers.map((header) => (
          <option key={header} value={header}>
            + {header}
          </option>
        ))}
      </select>
      {duration ? (
        <select
          aria-label={`${field.label} duration unit`}
          value={duration.unit ?? 's'}
          onChange={(event) => setDuration({ ...duration, unit: event.target.value as ColumnSource['unit'] })}
        >
          {Object.entries(UNIT_LABELS).map(([unit, text]) => (
            <option key={unit} value={unit}>
              {text}
            </option>
          ))}
        </select>
      ) : null}
      {field.name === 'createdAt' ? null : (
        <label className="checkbox">
          <input
            type="checkbox"
            aria-label={`${field.label} rolls over after created at`}
            checked={source.after === 'createdAt'}
            onChange={(event) => {
              const { after: _, ...rest } = source;
              onChange(event.target.checked ? { ...rest, after: 'createdAt' } : rest);
            }}
          />{' '}
          next day when earlier than created at
        </label>
      )}
    </>
  );
}

/** "Only where [column] is [a, b]": the field is empty on other rows. */
export function ConditionInput({
  label,
  condition,
  headers,
  onChange,
}: {
  label: string;
  condition: Condition | undefined;
  headers: string[];
  onChange: (condition: Condition | undefined) => void;
}) {
  return (
    <RuleInput
      prefix="only where"
      labelText={`${label} only where`}
      condition={condition}
      headers={headers}
      onChange={onChange}
    />
  );
}

/** A column and a value list; the text keeps its own state so typing a comma is not rewritten. */
export function RuleInput({
  prefix,
  labelText,
  condition,
  headers,
  onChange,
}: {
  prefix: string;
  labelText: string;
  condition: Condition | undefined;
  headers: string[];
  onChange: (condition: Condition | undefined) => void;
}) {
  const [column, setColumn] = useState(condition?.column ?? '');
  const [text, setText] = useState(condition?.in.join(', ') ?? '');
  const emit = (nextColumn: string, nextText: string) => {
    const values = parseValueList(nextText);
    onChange(nextColumn && values.length > 0 ? { column: nextColumn, in: values } : undefined);
  };
  return (
    <span className="input-group">
      <span className="hint">{prefix}</span>
      <select
        aria-label={`${labelText} column`}
        value={column}
        onChange={(event) => {
          setColumn(event.target.value);
          emit(event.target.value, text);
        }}
      >
        <option value="">(always)</option>
        {headers.map((header) => (
          <option key={header} value={header}>
            {header}
          </option>
        ))}
      </select>
      {column ? (
        <input
          aria-label={`${labelText} values`}
          placeholder="is one of, e.g. AGENT"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            emit(column, event.target.value);
          }}
        />
      ) : null}
    </span>
  );
}
