import type { Condition } from '../api/list-rules.ts';

/** Each rule condition in words (docs/alerts.md, "Alert rules"). */
export const CONDITION_TEXT: Record<Condition, string> = {
  status: 'week-to-date status at risk or missed',
  projection: 'projection misses the target',
  required_rate: 'required rest-of-week rate beyond a threshold',
  plan_unachievable: 'an improvement plan can no longer be achieved',
};
