import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

export type Delivery = ApiResponse<'listReportDeliveries'>['items'][number];

export type DeliveryStatus = Delivery['status'];

export interface DeliveryFilters {
  vendorId?: number;
  week?: string;
  limit: number;
  offset: number;
}

export function listDeliveries(filters: DeliveryFilters, signal?: AbortSignal) {
  return apiFetch<ApiResponse<'listReportDeliveries'>>('/api/reports/deliveries', { query: { ...filters }, signal });
}

export const deliveriesQueryOptions = (filters: DeliveryFilters) =>
  queryOptions({
    queryKey: ['reports', 'deliveries', filters],
    queryFn: ({ signal }) => listDeliveries(filters, signal),
    // A queued or sending report changes within seconds: keep the log live while one is in flight.
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status === 'queued' || d.status === 'sending') ? 3_000 : false,
  });

export function useDeliveries(filters: DeliveryFilters) {
  return useQuery(deliveriesQueryOptions(filters));
}
