import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MappingDocument } from '@scorecard/domain/mapping/document';
import { apiFetch } from '../../../lib/api-client.ts';

export interface PresetInput {
  key: string;
  name: string;
  document: MappingDocument;
}

export interface SavedPreset {
  key: string;
  version: number;
  name: string;
}

export function createPreset(input: PresetInput): Promise<SavedPreset> {
  return apiFetch<SavedPreset>('/api/presets', { method: 'POST', body: input });
}

export function useCreatePreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPreset,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['presets'] }),
  });
}
