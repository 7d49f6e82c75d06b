import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FieldSource, MappingDocument } from '@scorecard/domain/mapping/document';
import { apiFetch } from '../../../lib/api-client.ts';
import type { ApiResponse } from '../../../lib/api-types.ts';

/** The API's maximum: the preview covers as many rows as a dry run may read. */
export const PREVIEW_ROWS = 500;

/** A mapping being edited: a document whose required fields may still be missing. */
export type MappingDraft = Omit<MappingDocument, 'fields'> & { fields: Partial<MappingDocument['fields']> };

/**
 * The API's dry run, but for the two mapping documents: its schema leaves them open (the domain's parser checks
 * a document), so they are typed with the domain's document here.
 */
export type DryRunResult = Omit<ApiResponse<'dryRunImport'>, 'mapping' | 'suggestion'> & {
  mapping: MappingDocument | null;
  suggestion: {
    document: MappingDraft;
    fields: { field: string; source: FieldSource | null; reason: string }[];
    unmappedRequired: string[];
  };
};

export interface DryRunInput {
  file: File;
  /** Which upload this is (the same File object can be chosen twice); part of the cache key. */
  fileId: number;
  /** JSON of the mapping document; null lets the API detect a preset and suggest a mapping. */
  mappingJson: string | null;
  timeZone: string;
}

/** Text fields go before the file part, as for an import. */
export function dryRun({ file, mappingJson, timeZone }: DryRunInput, signal?: AbortSignal): Promise<DryRunResult> {
  const form = new FormData();
  form.append('rows', String(PREVIEW_ROWS));
  form.append('timeZone', timeZone);
  if (mappingJson) form.append('mapping', mappingJson);
  form.append('file', file, file.name);
  return apiFetch<DryRunResult>('/api/imports/dry-run', { method: 'POST', body: form, signal });
}

export const dryRunQueryOptions = (input: DryRunInput) =>
  queryOptions({
    queryKey: ['mapping-editor', 'dry-run', input.fileId, input.mappingJson, input.timeZone],
    queryFn: ({ signal }) => dryRun(input, signal),
    staleTime: Infinity,
    retry: false,
  });

/** Keeps showing the last preview while the next one (after an edit) is computed. */
export function useDryRun(input: DryRunInput | null) {
  return useQuery({
    ...dryRunQueryOptions(input ?? { file: new File([], ''), fileId: 0, mappingJson: null, timeZone: 'UTC' }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}
