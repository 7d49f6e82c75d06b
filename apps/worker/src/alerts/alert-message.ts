/**
 * What an alert says, for the email and the webhook alike: built from the ledger row, so the
 * figures are the ones at firing time, never recomputed.
 */
import { metricDefinition, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import type { FiringRow } from '@scorecard/db/alerts/deliveries';

export interface AlertPayload {
  type: 'alert.fired';
  deliveryId: number;
  firingId: number;
  rule: { id: number; name: string };
  vendor: { id: number; name: string };
  metric: string | null;
  planId: number | null;
  week: string;
  severity: string;
  reason: string;
  figures: unknown;
  link: string;
  firedAt: string;
}

export function alertPayload(deliveryId: number, firing: FiringRow): AlertPayload {
  return {
    type: 'alert.fired',
    deliveryId,
    firingId: firing.id,
    rule: { id: firing.ruleId, name: firing.ruleName },
    vendor: { id: firing.vendorId, name: firing.vendorName },
    metric: firing.metric,
    planId: firing.planId,
    week: firing.week,
    severity: firing.severity,
    reason: firing.reason,
    figures: firing.figures,
    link: firing.link,
    firedAt: firing.firedAt,
  };
}

const SEVERITY_WORDS: Record<string, string> = {
  at_risk: 'at risk',
  missed: 'missing its target',
  already_lost: 'already lost for the week',
};

interface MetricFiguresText {
  value?: number | null;
  target?: number | null;
  sample?: number;
  projection?: { value?: number | null; requiredRate?: number | null; requiredState?: string; method?: string };
  marking?: { daysCovered?: number };
}

const rounded = (value: number | null | undefined, unit: string) =>
  value === null || value === undefined ? 'n/a' : `${unit === '%' ? value.toFixed(1) : Math.round(value)} ${unit}`;

export function alertSubject(firing: FiringRow): string {
  const what = firing.metric ? metricDefinition(firing.metric as MetricKey).label : 'Improvement plan';
  return `[Scorecard] ${firing.vendorName}: ${what} ${SEVERITY_WORDS[firing.severity] ?? firing.severity}`;
}

export function alertText(firing: FiringRow): string {
  const lines = [alertSubject(firing).replace('[Scorecard] ', ''), ''];
  if (firing.metric) {
    const unit = metricDefinition(firing.metric as MetricKey).unit;
    const f = firing.figures as MetricFiguresText;
    lines.push(
      `Week to date (${f.marking?.daysCovered ?? '?'} of 7 days, n = ${f.sample ?? 0}): ${rounded(f.value, unit)}, target ${rounded(f.target, unit)}.`,
    );
    if (f.projection?.method === 'trailing_rate') {
      lines.push(`Projected to the end of the week at the trailing rate: ${rounded(f.projection.value, unit)}.`);
      if (f.projection.requiredState === 'already_lost') lines.push('The target can no longer be met this week.');
      else if (f.projection.requiredRate !== null && f.projection.requiredRate !== undefined)
        lines.push(`The rest of the week must run at ${rounded(f.projection.requiredRate, unit)} to meet it.`);
    } else if (f.projection) {
      lines.push('Medians are not projected: this is the median of the cases so far.');
    }
  }
  lines.push(`Rule "${firing.ruleName}": ${firing.reason}.`, '', `The cases behind it: ${firing.link}`);
  return lines.join('\n');
}
