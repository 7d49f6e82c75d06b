import Type from 'typebox';
import { CONDITION_KINDS } from '@scorecard/domain/alerts/conditions';
import { CASE_METRIC_KEYS } from '@scorecard/domain/metrics/catalogue';
import { SEVERITIES } from '@scorecard/domain/alerts/guards';
import { STATUSES } from '@scorecard/domain/metrics/targets';
import { REQUIRED_STATES } from '@scorecard/domain/projections/projection';
import { LiteralUnion } from '../http/schemas.ts';

const Problem = { $ref: 'ProblemDocument#' } as const;
export const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 503: Problem };

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
// Alerts project the week so far from the cases' days: the review metrics have no daily parts.
const TargetMetric = LiteralUnion(CASE_METRIC_KEYS.filter((k) => k !== 'volume'));
const Condition = LiteralUnion(CONDITION_KINDS);
const FiringSeverity = LiteralUnion(SEVERITIES.filter((s) => s !== 'ok'));
// The values migrations/0020_alerts.sql allows for a delivery.
const DeliveryChannel = LiteralUnion(['email', 'webhook']);
const DeliveryStatus = LiteralUnion(['queued', 'sending', 'retrying', 'delivered', 'failed']);
const MetricStatus = LiteralUnion(STATUSES);

/** The domain's RatioProjection and MedianProjection (packages/domain/src/projections/projection.ts). */
const Projection = Type.Union(
  [
    Type.Object({
      method: Type.Literal('trailing_rate'),
      value: NullableNumber,
      interval: Type.Union([Type.Object({ low: Type.Number(), high: Type.Number() }), Type.Null()]),
      intervalMethod: Type.String(),
      requiredRate: NullableNumber,
      requiredState: LiteralUnion(REQUIRED_STATES),
      status: MetricStatus,
      formula: Type.String(),
      inputs: Type.Object({
        target: NullableNumber,
        goodSoFar: Type.Number(),
        nSoFar: Type.Number(),
        expectedRemaining: Type.Number(),
        trailingRate: NullableNumber,
        trailingN: Type.Number(),
      }),
    }),
    Type.Object({
      method: Type.Literal('observed_so_far'),
      value: NullableNumber,
      status: MetricStatus,
      note: Type.String(),
      inputs: Type.Object({ target: NullableNumber, nSoFar: Type.Number() }),
    }),
  ],
  { description: "'trailing_rate' for ratios and means, 'observed_so_far' for medians (not projected)" },
);

/**
 * A firing's snapshot (stored as JSON when it fired, packages/db/src/alerts/evaluate.ts): a metric's
 * week-to-date row with the week and its marking, or a plan with its forecast. Further recorded fields pass
 * through as stored.
 */
const MetricFigures = Type.Object(
  {
    metric: Type.String(),
    value: NullableNumber,
    target: NullableNumber,
    sample: Type.Number(),
    status: MetricStatus,
    week: Type.Optional(Type.String()),
    marking: Type.Optional(Type.Object({ daysCovered: Type.Integer() }, { additionalProperties: true })),
    projection: Projection,
  },
  { additionalProperties: true },
);
const PlanFigures = Type.Object(
  {
    planId: Type.Integer(),
    title: Type.String(),
    forecast: Type.Object({ achievable: Type.Boolean(), reason: Type.String() }, { additionalProperties: true }),
  },
  { additionalProperties: true },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const RuleBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    vendorId: Type.Union([Type.Null(), Type.Integer({ minimum: 1 })], {
      description: 'null: every vendor of the organisation',
    }),
    metric: Type.Union([Type.Null(), TargetMetric], { description: 'null: every metric with a target in force' }),
    condition: Condition,
    // null first: Ajv's type coercion would otherwise turn a null into 0 on the number branch
    threshold: Type.Union([Type.Null(), Type.Number({ minimum: 0, maximum: 1e9 })], {
      description: "required_rate only: the required rest-of-period rate, in the metric's unit, that fires",
    }),
    minSample: Type.Union([Type.Null(), Type.Integer({ minimum: 0, maximum: 1_000_000 })], {
      description: "null: the vendor's contract minimum sample",
    }),
    emailTo: Type.Array(Type.String({ format: 'email', maxLength: 254 }), { maxItems: 50 }),
    webhookUrl: Type.Union([Type.Null(), Type.String({ pattern: '^https?://', maxLength: 2000 })]),
    enabled: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const Rule = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  vendorId: Type.Union([Type.Integer(), Type.Null()]),
  metric: Type.Union([TargetMetric, Type.Null()]),
  condition: Condition,
  threshold: NullableNumber,
  minSample: Type.Union([Type.Integer(), Type.Null()]),
  emailTo: Type.Array(Type.String()),
  webhookUrl: NullableString,
  hasWebhook: Type.Boolean(),
  enabled: Type.Boolean(),
  subscribed: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const RuleList = Type.Object({ items: Type.Array(Rule) });

export const SavedRule = Type.Object({
  rule: Rule,
  webhookSecret: Type.Union([Type.String(), Type.Null()], {
    description: 'the HMAC-SHA256 key of a new or changed webhook, shown this once',
  }),
});

export const SubscriptionBody = Type.Object({ subscribed: Type.Boolean() }, { additionalProperties: false });

export const ListQuery = Type.Object(
  {
    ruleId: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

export const Firing = Type.Object({
  id: Type.Integer(),
  ruleId: Type.Integer(),
  ruleName: Type.String(),
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  metric: Type.Union([TargetMetric, Type.Null()]),
  planId: Type.Union([Type.Integer(), Type.Null()]),
  week: Type.String(),
  severity: FiringSeverity,
  reason: Type.String(),
  // Snapshots are stored as they were recorded: one of another shape is passed through, never refused.
  figures: Type.Union([MetricFigures, PlanFigures, Type.Object({}, { additionalProperties: true })], {
    description: 'the figures at firing time: value so far, n, projection and its inputs; or the plan forecast',
  }),
  link: Type.String(),
  firedAt: Type.String({ format: 'date-time' }),
  resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export const FiringList = Type.Object({ items: Type.Array(Firing) });

export const Delivery = Type.Object({
  id: Type.Integer(),
  firingId: Type.Integer(),
  channel: DeliveryChannel,
  recipient: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  response: NullableString,
  error: NullableString,
  createdAt: Type.String({ format: 'date-time' }),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  failedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export const DeliveryList = Type.Object({ items: Type.Array(Delivery) });

export const WeekToDateQuery = Type.Object(
  { vendorId: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const WeekToDate = Type.Object({
  week: Type.String(),
  weekStart: Type.String(),
  partial: Type.Boolean(),
  daysCovered: Type.Integer(),
  elapsedDays: Type.Number(),
  asOf: Type.String({ format: 'date-time' }),
  patternWeeks: Type.Integer(),
  ranked: Type.Literal(false, { description: 'week-to-date figures are never ranked against complete weeks' }),
  rows: Type.Array(
    Type.Object({
      vendorId: Type.Integer(),
      vendorName: Type.String(),
      metrics: Type.Array(
        Type.Object({
          metric: Type.String(),
          value: NullableNumber,
          target: NullableNumber,
          status: MetricStatus,
          sample: Type.Number(),
          numerator: Type.Number(),
          denominator: Type.Number(),
          projection: Projection,
        }),
      ),
    }),
  ),
});

export const PlanForecast = Type.Object(
  {
    planId: Type.Integer(),
    week: Type.String({ description: 'the current (partial) week the forecast is made in' }),
    achievable: Type.Boolean(),
    earliestWeek: NullableString,
    dueWeek: Type.String(),
    currentStreak: Type.Integer(),
    weeksLeft: Type.Integer(),
    reason: Type.String(),
    trends: Type.Array(
      Type.Object({
        metric: Type.String(),
        projectedAtDue: NullableNumber,
        method: Type.String(),
        weeksUsed: Type.Integer(),
      }),
    ),
  },
  { additionalProperties: false },
);
