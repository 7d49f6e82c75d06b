/** The scorecard's column chooser: which metric columns are hidden, remembered in this browser. */
import { useCallback, useState } from 'react';
import { METRICS } from '@scorecard/domain/metrics/catalogue';

const STORAGE_KEY = 'scorecard.hiddenMetrics';

/** Until a choice is made: one quality column (the score); the other review figures are a click away. */
const DEFAULT_HIDDEN = METRICS.filter((m) => m.attribution === 'review' && m.key !== 'quality_score').map((m) => m.key);

function readHidden(): string[] {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === null) return DEFAULT_HIDDEN;
    const stored: unknown = JSON.parse(saved);
    return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
  } catch {
    // Storage unavailable or a value written by hand: every column shown.
    return [];
  }
}

export function useHiddenMetrics(): [ReadonlySet<string>, (key: string, hidden: boolean) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set(readHidden()));
  const toggle = useCallback((key: string, hide: boolean) => {
    setHidden((current) => {
      const next = new Set(current);
      if (hide) next.add(key);
      else next.delete(key);
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify([...next]));
      } catch {
        // Not remembered (private mode, quota): the choice still holds for this page.
      }
      return next;
    });
  }, []);
  return [hidden, toggle];
}
