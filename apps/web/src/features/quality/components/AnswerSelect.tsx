import type { FormContent } from '../api/forms.ts';
import { answerText } from './labels.ts';

type Criterion = FormContent['sections'][number]['criteria'][number];

/** The answers a criterion's scale allows ('' = not answered yet, 'na' = N/A where allowed). */
export function AnswerSelect({
  id,
  criterion,
  value,
  onChange,
  label,
}: {
  id: string;
  criterion: Criterion;
  value: number | null | undefined;
  onChange: (value: number | null | undefined) => void;
  label?: string;
}) {
  const values = criterion.scale === 'pass_fail' ? [1, 0] : scaleValues(criterion.scale);
  const selected = value === undefined ? '' : value === null ? 'na' : String(value);
  return (
    <select
      id={id}
      aria-label={label}
      value={selected}
      onChange={(e) =>
        onChange(e.target.value === '' ? undefined : e.target.value === 'na' ? null : Number(e.target.value))
      }
    >
      <option value="">Choose…</option>
      {values.map((v) => (
        <option key={v} value={v}>
          {answerText(v, criterion.scale)}
        </option>
      ))}
      {criterion.allowNa ? <option value="na">N/A</option> : null}
    </select>
  );
}

function scaleValues(scale: Criterion['scale']): number[] {
  const top = Number(scale.slice('points_'.length));
  return Array.from({ length: top }, (_, i) => top - i);
}
