/**
 * Per-key time ranges [from, to) merged where one ends exactly where the next of the same key begins. The
 * recompute selects cases by vendor-week; an import touches runs of consecutive weeks per vendor, and one
 * range per run selects exactly the same cases with far fewer conditions (each condition is an index range).
 */
export interface KeyedRange {
  key: number;
  from: Date;
  to: Date;
}

export function mergeAdjacentRanges(ranges: readonly KeyedRange[]): KeyedRange[] {
  const sorted = [...ranges].sort((a, b) => a.key - b.key || a.from.getTime() - b.from.getTime());
  const merged: KeyedRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && last.key === range.key && range.from.getTime() <= last.to.getTime()) {
      if (range.to.getTime() > last.to.getTime()) last.to = range.to;
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}
