import type { RankBy } from '../api/get-scorecard.ts';

/** Raw or case-mix-adjusted ranking; the choice lives in the URL (`?rankBy=adjusted`). */
export function RankByToggle({ value, onChange }: { value: RankBy; onChange: (value: RankBy) => void }) {
  const options: [RankBy, string, string][] = [
    ['raw', 'Raw', 'Rank by the composite of the figures as measured'],
    [
      'adjusted',
      'Case-mix adjusted',
      'Rank by the composite with every rate standardised to the all-vendor mix of queue × channel × tier',
    ],
  ];
  return (
    <div className="field">
      <span className="field-label" id="rank-by-label">
        Rank by
      </span>
      <div className="segmented" role="group" aria-labelledby="rank-by-label">
        {options.map(([key, label, title]) => (
          <button key={key} type="button" aria-pressed={value === key} title={title} onClick={() => onChange(key)}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
