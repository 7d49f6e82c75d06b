import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';
import type { ImportSource } from './list-sources.ts';

export type SourceInput = ApiBody<'createSource'>;

export function createSource(input: SourceInput) {
  return apiFetch<ImportSource>('/api/sources', { method: 'POST', body: input });
}

export function setSourceEnabled({ id, enabled }: { id: number; enabled: boolean }) {
  return apiFetch<ImportSource>(`/api/sources/${id}`, { method: 'PATCH', body: { enabled } });
}

export function runSource(id: number) {
  return apiFetch<ApiResponse<'runSource', 202>>(`/api/sources/${id}/run`, { method: 'POST' });
}

function useSourceMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sources'] }) });
}

export const useCreateSource = () => useSourceMutation(createSource);
export const useSetSourceEnabled = () => useSourceMutation(setSourceEnabled);
export const useRunSource = () => useSourceMutation(runSource);
