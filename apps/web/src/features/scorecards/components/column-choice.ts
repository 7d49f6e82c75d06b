/** The scorecard's column chooser: which metric columns are hidden, remembered in this browser. */
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'scorecard.hiddenMetrics';

function readHidden(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
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
