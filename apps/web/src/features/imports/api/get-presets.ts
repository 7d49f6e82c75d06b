import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type Preset = ApiResponse<'listPresets'>['items'][number];

export function getPresets(signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listPresets'>>('/api/presets', { signal });
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
