import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export type SourceKind = 'sftp' | 's3' | 'zendesk';

/** GET /api/sources: never carries a secret, only whether one is stored. */
export interface ImportSource {
  id: number;
  name: string;
  kind: SourceKind;
  settings: Record<string, unknown>;
  hasSecrets: boolean;
  presetKey: string;
  timeZone: string;
  cron: string;
  scheduleTimeZone: string;
  enabled: boolean;
  health: 'ok' | 'failing' | 'paused';
  consecutiveFailures: number;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  nextRunAt: string | null;
}

export const SOURCES_POLL_MS = 2_000;

export function listSources(signal?: AbortSignal) {
  return apiFetch<ImportSource[]>('/api/sources', { signal });
}

export const sourcesQueryOptions = () =>
  queryOptions({
    queryKey: ['sources', 'list'],
    queryFn: ({ signal }) => listSources(signal),
    // Scheduled pulls happen without anyone on the page: health and last run refresh on their own.
    refetchInterval: SOURCES_POLL_MS * 5,
  });

export function useSources() {
  return useQuery(sourcesQueryOptions());
}
