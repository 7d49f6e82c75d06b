import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type UnmappedValue = ApiResponse<'listUnmappedVendorValues'>['items'][number];

export function getUnmappedValues(signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listUnmappedVendorValues'>>('/api/vendor-mappings/unmapped', { signal });
}

export const unmappedValuesQueryOptions = () =>
  queryOptions({
    queryKey: ['vendor-mappings', 'unmapped'],
    queryFn: ({ signal }) => getUnmappedValues(signal),
    select: (d) => d.items,
  });

export function useUnmappedValues() {
  return useQuery(unmappedValuesQueryOptions());
}
