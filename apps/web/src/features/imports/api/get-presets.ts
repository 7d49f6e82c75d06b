import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface Preset {
  key: string;
  name: string;
  version?: number;
  source?: string;
}

export function getPresets(signal?: AbortSignal) {
  return apiFetch<{ items: Preset[] }>('/api/presets', { signal });
}

export const presetsQueryOptions = () =>
  queryOptions({
    queryKey: ['presets'],
    queryFn: ({ signal }) => getPresets(signal),
    select: (d) => d.items,
    staleTime: 300_000,
  });

export function usePresets() {
  return useQuery(presetsQueryOptions());
}
