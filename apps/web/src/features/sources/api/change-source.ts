import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ImportSource, SourceKind } from './list-sources.ts';

export interface SourceInput {
  name: string;
  kind: SourceKind;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  presetKey?: string;
  timeZone?: string;
  cron: string;
  scheduleTimeZone?: string;
}

export function createSource(input: SourceInput) {
  return apiFetch<ImportSource>('/api/sources', { method: 'POST', body: input });
}

export function setSourceEnabled({ id, enabled }: { id: number; enabled: boolean }) {
  return apiFetch<ImportSource>(`/api/sources/${id}`, { method: 'PATCH', body: { enabled } });
}

export function runSource(id: number) {
  return apiFetch<{ jobId: string }>(`/api/sources/${id}/run`, { method: 'POST' });
}

function useSourceMutation<T, R>(mutationFn: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sources'] }) });
}

export const useCreateSource = () => useSourceMutation(createSource);
export const useSetSourceEnabled = () => useSourceMutation(setSourceEnabled);
export const useRunSource = () => useSourceMutation(runSource);
