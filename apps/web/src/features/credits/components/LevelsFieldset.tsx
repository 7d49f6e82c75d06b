import type { Dispatch, SetStateAction } from 'react';
import { METRIC_INFO } from '../../../lib/metrics.ts';
import type { ServiceLevelInput } from '../api/money-terms.ts';
import { bpToPercent, formatBp, percentToBp } from './money.ts';

/** Metrics a level can be set on: those with a good direction (volume is what relief is measured against). */
const LEVEL_METRICS = METRIC_INFO.filter((m) => m.direction !== 'none');

export type LevelRow = {
  metric: ServiceLevelInput['metric'];
  kind: 'critical' | 'key';
  expected: string;
  minimum: string;
  allocation: string;
  bonusLevel: string;
  volumeSensitive: boolean;
};

export const levelRow = (level?: ServiceLevelInput): LevelRow => ({
  metric: level?.metric ?? (LEVEL_METRICS[0]?.key as ServiceLevelInput['metric']),
  kind: level?.kind ?? 'critical',
  expected: level ? String(level.expected) : '',
  minimum: level ? String(level.minimum) : '',
  allocation: level ? bpToPercent(level.allocationBp) : '',
  bonusLevel: level?.bonusLevel === null || level?.bonusLevel === undefined ? '' : String(level.bonusLevel),
  volumeSensitive: level?.volumeSensitive ?? true,
});

/** The service levels of a money terms form, one row each, with the allocation against the pool as it is typed. */
export function LevelsFieldset({
  levels,
  setLevels,
  poolBp,
}: {
  levels: LevelRow[];
  setLevels: Dispatch<SetStateAction<LevelRow[]>>;
  poolBp: number;
}) {
  const allocated = levels.reduce((sum, l) => sum + (l.kind === 'critical' ? (percentToBp(l.allocation) ?? 0) : 0), 0);
  const setLevel = (index: number, change: Partial<LevelRow>) =>
    setLevels((rows) => rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <fieldset className="levels">
      <legend>
        Service levels — allocated {formatBp(allocated)} of a {formatBp(poolBp)} pool
        {allocated > poolBp ? ' (over the pool: it will be refused)' : ''}
      </legend>
      <table className="levels-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Kind</th>
            <th scope="col">Expected</th>
            <th scope="col">Minimum</th>
            <th scope="col">Allocation %</th>
            <th scope="col">Bonus level (blank: expected)</th>
            <th scope="col">Volume relief</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {levels.map((level, i) => {
            const unit = LEVEL_METRICS.find((m) => m.key === level.metric);
            const unitText = unit?.unit === 's' ? 'seconds' : unit?.unit === '%' ? '%' : 'count';
            const name = `Level ${i + 1}`;
            return (
              <tr key={i}>
                <td>
                  <select
                    aria-label={`${name} metric`}
                    value={level.metric}
                    onChange={(e) => setLevel(i, { metric: e.target.value as LevelRow['metric'] })}
                  >
                    {LEVEL_METRICS.map((m) => (
                      <option key={m.key} value={m.key}>
                        {m.label} ({m.direction === 'lower' ? 'lower is better' : 'higher is better'})
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label={`${name} kind`}
                    value={level.kind}
                    onChange={(e) => setLevel(i, { kind: e.target.value as LevelRow['kind'] })}
                  >
                    <option value="critical">critical (carries a credit)</option>
                    <option value="key">key measurement (reported)</option>
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`${name} expected (${unitText})`}
                    type="number"
                    step="any"
                    required
                    value={level.expected}
                    onChange={(e) => setLevel(i, { expected: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${name} minimum (${unitText})`}
                    type="number"
                    step="any"
                    required
                    value={level.minimum}
                    onChange={(e) => setLevel(i, { minimum: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${name} allocation %`}
                    type="number"
                    step="any"
                    min={0}
                    disabled={level.kind === 'key'}
                    required={level.kind === 'critical'}
                    value={level.kind === 'key' ? '' : level.allocation}
                    onChange={(e) => setLevel(i, { allocation: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${name} bonus level`}
                    type="number"
                    step="any"
                    value={level.bonusLevel}
                    onChange={(e) => setLevel(i, { bonusLevel: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${name} volume relief`}
                    type="checkbox"
                    checked={level.volumeSensitive}
                    onChange={(e) => setLevel(i, { volumeSensitive: e.target.checked })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Remove level ${i + 1}`}
                    onClick={() => setLevels((rows) => rows.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="button small"
        onClick={() => setLevels((rows) => [...rows, levelRow()])}
        disabled={levels.length >= 20}
      >
        Add a service level
      </button>
      <p className="footnote">
        Levels in the metric&apos;s unit and good direction: for a lower-is-better metric (handling time) the minimum is
        the larger number. Durations in seconds.
      </p>
    </fieldset>
  );
}
