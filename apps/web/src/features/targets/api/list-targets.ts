import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type Target = ApiResponse<'listTargets'>['items'][number];

export function listTargets(signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listTargets'>>('/api/targets', { signal });
}

export const targetsQueryOptions = () =>
  queryOptions({ queryKey: ['targets'], queryFn: ({ signal }) => listTargets(signal), select: (d) => d.items });

export function useTargets() {
  return useQuery(targetsQueryOptions());
}
