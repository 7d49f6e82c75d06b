/**
 * Can this plan still be achieved before its due date (docs/alerts.md, "Plan forecast"): the streak so far,
 * the earliest week it can be achieved if every week from now on is met, and why.
 */
import { ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { usePlanForecast } from '../api/get-plan-forecast.ts';

export function PlanForecastPanel({ planId }: { planId: number }) {
  const forecast = usePlanForecast(planId);
  if (forecast.isPending) return <Loading label="Forecasting…" />;
  if (forecast.isError) return <ErrorMessage error={forecast.error} onRetry={() => void forecast.refetch()} />;
  const f = forecast.data;
  return (
    <div className="card" data-testid="plan-forecast" data-achievable={f.achievable}>
      <p>
        <strong>{f.achievable ? 'Still achievable' : 'Can no longer be achieved'}</strong>
        {f.earliestWeek ? ` · earliest week ${f.earliestWeek}` : ''} · due week {f.dueWeek} · {f.weeksLeft} week
        {f.weeksLeft === 1 ? '' : 's'} left · {f.currentStreak} met in a row so far
      </p>
      <p className="muted">{f.reason}.</p>
    </div>
  );
}
