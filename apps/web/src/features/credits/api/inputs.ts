/** Volume forecasts and relief events of a vendor (finance): the evidence the relief rules are computed from. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

export type Forecast = ApiResponse<'listVolumeForecasts'>['items'][number];
export type ReliefEvent = ApiResponse<'listReliefEvents'>['items'][number];
export type ReliefEventInput = ApiBody<'createReliefEvent'>;

export const forecastsQueryOptions = (vendorId: number) =>
  queryOptions({
    queryKey: ['credits', 'forecasts', vendorId],
    queryFn: ({ signal }) =>
      apiFetch<ApiResponse<'listVolumeForecasts'>>('/api/credits/forecasts', { query: { vendorId }, signal }),
  });

export function useForecasts(vendorId: number) {
  return useQuery(forecastsQueryOptions(vendorId));
}

export function useSaveForecast() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'putVolumeForecast'>) =>
      apiFetch<null>('/api/credits/forecasts', { method: 'PUT', body }),
    onSuccess: (_, body) => queryClient.invalidateQueries({ queryKey: ['credits', 'forecasts', body.vendorId] }),
  });
}

export const reliefEventsQueryOptions = (vendorId: number) =>
  queryOptions({
    queryKey: ['credits', 'relief-events', vendorId],
    queryFn: ({ signal }) =>
      apiFetch<ApiResponse<'listReliefEvents'>>('/api/credits/relief-events', { query: { vendorId }, signal }),
  });

export function useReliefEvents(vendorId: number) {
  return useQuery(reliefEventsQueryOptions(vendorId));
}

export function useCreateReliefEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReliefEventInput) =>
      apiFetch<ApiResponse<'createReliefEvent', 201>>('/api/credits/relief-events', { method: 'POST', body }),
    onSuccess: (_, body) => queryClient.invalidateQueries({ queryKey: ['credits', 'relief-events', body.vendorId] }),
  });
}

export function useAgreeReliefEvent(vendorId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<null>(`/api/credits/relief-events/${id}/agree`, { method: 'POST', body: {} }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['credits', 'relief-events', vendorId] }),
  });
}

export type ForecastImport = ApiResponse<'importVolumeForecasts'>;

/** A CSV file of forecasts (vendor or vendor_id, month, forecast), sent as it is; the answer accounts for every row. */
export function useImportForecasts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) =>
      apiFetch<ForecastImport>('/api/credits/forecasts.csv', {
        method: 'POST',
        // The browser's type for a .csv varies (text/csv, application/vnd.ms-excel, none); the API reads text/csv.
        body: new Blob([await file.text()], { type: 'text/csv' }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['credits', 'forecasts'] }),
  });
}
