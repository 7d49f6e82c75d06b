import type { MetricInfo } from '../api/get-scorecard.ts';

/** A menu of the metric columns, each a checkbox; the choice is remembered (column-choice.ts). */
export function ColumnChooser({
  metrics,
  hidden,
  onToggle,
}: {
  metrics: readonly MetricInfo[];
  hidden: ReadonlySet<string>;
  onToggle: (key: string, hidden: boolean) => void;
}) {
  const shown = metrics.length - metrics.filter((m) => hidden.has(m.key)).length;
  return (
    <div className="field field-action">
      <details className="menu column-chooser">
        <summary className="button">
          Columns ({shown}/{metrics.length})
        </summary>
        <fieldset className="menu-panel">
          <legend className="visually-hidden">Metric columns shown</legend>
          {metrics.map((metric) => (
            <label key={metric.key} className="check">
              <input
                type="checkbox"
                checked={!hidden.has(metric.key)}
                onChange={(event) => onToggle(metric.key, !event.target.checked)}
              />
              {metric.label}
            </label>
          ))}
        </fieldset>
      </details>
    </div>
  );
}
