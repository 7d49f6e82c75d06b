import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface UnmappedValue {
  source: string;
  field: string;
  value: string;
  caseCount: number;
}

export function getUnmappedValues(signal?: AbortSignal) {
  return apiFetch<{ items: UnmappedValue[] }>('/api/vendor-mappings/unmapped', { signal });
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
