import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client.ts';

/** The figures a metric alert recorded when it fired (see docs/alerts.md). */
export interface MetricFigures {
  value: number | null;
  target: number | null;
  sample: number;
  status: string;
  marking?: { daysCovered: number };
  projection?: {
    method: string;
    value: number | null;
    requiredRate?: number | null;
    requiredState?: string;
    note?: string;
  };
}

export interface Firing {
  id: number;
  ruleId: number;
  ruleName: string;
  vendorId: number;
  vendorName: string;
  metric: string | null;
  planId: number | null;
  week: string;
  severity: 'at_risk' | 'missed' | 'already_lost';
  reason: string;
  figures: unknown;
  link: string;
  firedAt: string;
  resolvedAt: string | null;
}

export const firingsQueryOptions = () =>
  queryOptions({
    queryKey: ['alerts', 'firings'],
    queryFn: ({ signal }) => apiFetch<{ items: Firing[] }>('/api/alerts/firings', { query: { limit: 100 }, signal }),
    refetchInterval: 15_000,
  });

export function useFirings() {
  return useQuery(firingsQueryOptions());
}
