import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

export interface Target {
  id: number;
  metric: string;
  value: number;
  vendorId: number | null;
  vendorName?: string | null;
  channel: string | null;
  queue: string | null;
  /** The first week the target is in force. */
  effectiveFrom: string;
}

export function listTargets(signal?: AbortSignal) {
  return apiFetch<{ items: Target[] }>('/api/targets', { signal });
}

export const targetsQueryOptions = () =>
  queryOptions({ queryKey: ['targets'], queryFn: ({ signal }) => listTargets(signal), select: (d) => d.items });

export function useTargets() {
  return useQuery(targetsQueryOptions());
}
