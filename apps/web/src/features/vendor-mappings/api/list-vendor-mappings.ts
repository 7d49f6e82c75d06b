import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface VendorMapping {
  id: number;
  source: string;
  field: string;
  value: string;
  vendorId: number;
  vendorName: string;
  createdAt: string;
}

export function listVendorMappings(signal?: AbortSignal) {
  return apiFetch<{ items: VendorMapping[] }>('/api/vendor-mappings', { signal });
}

export const vendorMappingsQueryOptions = () =>
  queryOptions({
    queryKey: ['vendor-mappings', 'list'],
    queryFn: ({ signal }) => listVendorMappings(signal),
    select: (d) => d.items,
  });

export function useVendorMappings() {
  return useQuery(vendorMappingsQueryOptions());
}
