/** Page state that belongs in the URL (week, vendor, filters, sort, page) so links can be shared. */
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export function useSearchState(): [URLSearchParams, (changes: Record<string, string | number | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | number | null>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  return [params, update];
}

export function intParam(params: URLSearchParams, key: string, fallback: number): number {
  const value = Number(params.get(key));
  return Number.isInteger(value) && value >= 0 && params.has(key) ? value : fallback;
}
