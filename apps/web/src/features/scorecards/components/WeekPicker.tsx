/**
 * Weeks that have data, newest first (as the API lists them); previous/next step through that list.
 * Weeks from `currentWeek` on have not ended: their option says "partial".
 */
export function WeekPicker({
  weeks,
  value,
  onChange,
  currentWeek,
  id = 'week',
}: {
  weeks: readonly string[];
  value: string;
  onChange: (week: string) => void;
  currentWeek?: string;
  id?: string;
}) {
  const index = weeks.indexOf(value);
  const options = index === -1 ? [value, ...weeks] : weeks;
  const older = index === -1 ? undefined : weeks[index + 1];
  const newer = index > 0 ? weeks[index - 1] : undefined;
  return (
    <div className="field week-picker">
      <label htmlFor={id}>Week</label>
      <div className="input-group">
        <button
          type="button"
          className="button icon"
          aria-label="Previous week"
          disabled={!older}
          onClick={() => older && onChange(older)}
        >
          ‹
        </button>
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          {options.map((week) => (
            <option key={week} value={week}>
              {currentWeek && week >= currentWeek ? `${week} (partial)` : week}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button icon"
          aria-label="Next week"
          disabled={!newer}
          onClick={() => newer && onChange(newer)}
        >
          ›
        </button>
      </div>
    </div>
  );
}
