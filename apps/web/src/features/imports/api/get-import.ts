import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'duplicate';

export interface ImportSummary {
  id: number;
  fileName: string;
  fileBytes?: number;
  status: ImportStatus;
  source?: string | null;
  presetKey: string | null;
  presetVersion: number | null;
  sourceTimeZone?: string;
  rowsRead: number;
  /** Distinct cases loaded (while running: rows staged so far). */
  rowsLoaded: number;
  /** Rows replaced by a later row with the same id in the same file. */
  rowsReplaced: number;
  rowsSkipped: number;
  rowsRejected: number;
  /** Loaded rows with an optional field left empty. */
  rowsWarned: number;
  /** False for imports that succeeded before row accounting existed. */
  rowsAccounted: boolean;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  duplicateOf: number | null;
  /** Why a duplicate was not processed: the same file read with the same mapping and time zone. */
  duplicateReason?: string | null;
}

export interface ImportDetail extends ImportSummary {
  unmapped: { field: string; value: string; caseCount: number }[];
}

export const POLL_INTERVAL_MS = 500;

export function isFinished(status: ImportStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'duplicate';
}

export function getImport(id: number, signal?: AbortSignal): Promise<ImportDetail> {
  return apiFetch<ImportDetail>(`/api/imports/${id}`, { signal });
}

/** Polls every 500 ms while the worker runs the import, and stops when it has ended. */
export const importQueryOptions = (id: number) =>
  queryOptions({
    queryKey: ['imports', 'detail', id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data.status) ? false : POLL_INTERVAL_MS),
    staleTime: 0,
  });

export function useImport(id: number | null) {
  return useQuery({ ...importQueryOptions(id ?? 0), enabled: id !== null });
}
