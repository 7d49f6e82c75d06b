/** The URL's filters, one chip each, each with its own × to drop it (and only it) from the URL. */
export interface FilterChip {
  key: string;
  /** What the remove button calls the filter, when its URL key is not a word (`vendorId`). */
  name?: string;
  /** null: the filter is not in the URL, so no chip. */
  text: string | null;
}

export function FilterChips({ chips, onRemove }: { chips: FilterChip[]; onRemove: (key: string) => void }) {
  const shown = chips.filter((c): c is FilterChip & { text: string } => c.text !== null);
  if (shown.length === 0) return null;
  return (
    <div className="pill-list" aria-label="Filters" data-testid="filter-chips">
      {shown.map((chip) => (
        <span className="pill" key={chip.key}>
          {chip.text}{' '}
          <button
            type="button"
            className="button small"
            aria-label={`Remove ${chip.name ?? chip.key} filter`}
            onClick={() => onRemove(chip.key)}
          >
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
