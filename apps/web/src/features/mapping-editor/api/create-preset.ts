import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MappingDocument } from '@scorecard/domain/mapping/document';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiBody, ApiResponse } from '../../../lib/api-types.ts';

/** The API checks the document itself (its schema says unknown); the editor only sends a whole mapping. */
export type PresetInput = ApiBody<'createPreset'> & { document: MappingDocument };

export type SavedPreset = ApiResponse<'createPreset', 201>;

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
