import { CASE_METRIC_KEYS } from '@scorecard/domain/metrics/catalogue';
import Type from 'typebox';

export const Problems = { $ref: 'ProblemDocument#' } as const;
// Null first: Ajv coerces types, and a null tried against an integer branch first would become 0.
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([Type.Null(), schema]);
export const MonthParam = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
// Type.Enum keeps the literal types (a mapped array of Type.Literal widens to never).
// Credits are computed from a month of cases (packages/db/src/credits/month-figures.ts), not from reviews.
export const Metric = Type.Enum(CASE_METRIC_KEYS.filter((k) => k !== 'volume'));
const Bp = (maximum: number) => Type.Integer({ minimum: 0, maximum, description: 'basis points, 1 % = 100' });
const Minor = Type.Integer({ minimum: 0, maximum: 1e15, description: 'minor units (cents)' });
/** Amounts a caller may not see are null (apps/api/src/credits/amounts.ts). */
const Amount = Nullable(Type.Integer());

export const ServiceLevel = Type.Object(
  {
    metric: Metric,
    kind: Type.Union([Type.Literal('critical'), Type.Literal('key')]),
    expected: Type.Number(),
    minimum: Type.Number(),
    allocationBp: Bp(100_000),
    bonusLevel: Nullable(Type.Number()),
    volumeSensitive: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const CreditTermsBody = Type.Object(
  {
    vendorId: Type.Integer({ minimum: 1 }),
    effectiveMonth: MonthParam,
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    invoiceMinor: Minor,
    atRiskBp: Bp(10_000),
    poolBp: Bp(100_000),
    capBp: Nullable(Bp(10_000)),
    defaultRule: Type.Object(
      { misses: Type.Integer({ minimum: 1, maximum: 36 }), windowMonths: Type.Integer({ minimum: 1, maximum: 36 }) },
      { additionalProperties: false },
    ),
    earnBackMonths: Nullable(Type.Integer({ minimum: 1, maximum: 24 })),
    bonusBp: Nullable(Bp(10_000)),
    volumeLowBp: Bp(10_000),
    volumeHighBp: Type.Integer({ minimum: 10_000, maximum: 100_000 }),
    note: Nullable(Type.String({ maxLength: 2000 })),
    levels: Type.Array(ServiceLevel, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export const CreditTerms = Type.Object({
  id: Type.Integer(),
  version: Type.Integer({ description: 'a change to terms a statement used writes the next version' }),
  ...CreditTermsBody.properties,
});

export const ForecastBody = Type.Object(
  { vendorId: Type.Integer({ minimum: 1 }), month: MonthParam, forecast: Type.Integer({ minimum: 0, maximum: 1e9 }) },
  { additionalProperties: false },
);

export const InvoiceBody = Type.Object(
  { vendorId: Type.Integer({ minimum: 1 }), month: MonthParam, invoiceMinor: Minor },
  { additionalProperties: false },
);

export const Invoice = Type.Object({
  id: Type.Integer(),
  invoiceMinor: Type.Integer(),
  version: Type.Integer({ description: '1, 2, …: a change to an invoice a statement used is the next version' }),
});

export const Forecast = Type.Object({
  month: Type.String(),
  forecast: Type.Integer(),
  source: Type.String({ description: 'entered, or csv when imported' }),
  updatedAt: Type.String(),
});

export const ReliefEvent = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  metrics: Type.Array(Type.String()),
  caseIds: Type.Array(Type.Integer()),
  agreedAt: Nullable(Type.String({ description: 'when the client agreed; null: not yet, it excuses nothing' })),
});

export const ReliefBody = Type.Object(
  {
    vendorId: Type.Integer({ minimum: 1 }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    metrics: Type.Array(Metric, { minItems: 1, maxItems: 10 }),
    caseIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000 }),
    agreed: Type.Boolean({ description: 'the client agreed the relief' }),
  },
  { additionalProperties: false },
);

const Figure = Type.Object({
  value: Nullable(Type.Number()),
  n: Type.Number(),
  low: Nullable(Type.Number()),
  high: Nullable(Type.Number()),
});
const Line = Type.Object({
  metric: Type.String(),
  kind: Type.String(),
  figure: Figure,
  expected: Type.Number(),
  minimum: Type.Number(),
  allocationBp: Type.Integer(),
  outcome: Type.String(),
  relief: Nullable(Type.Object({ source: Type.String(), eventId: Nullable(Type.Integer()), reason: Type.String() })),
  verdict: Type.Object({ isDefault: Type.Boolean(), missesInWindow: Type.Integer(), reason: Type.String() }),
  creditMinor: Amount,
  chargedMinor: Amount,
  waived: Type.Boolean({
    description: 'dispute accepted: the line is not charged (in part: chargedMinor is what remains)',
  }),
  dispute: Nullable(
    Type.String({ description: "the line's dispute: open, accepted, accepted_in_part or rejected; null: none" }),
  ),
  waivedMinor: Nullable(Type.Integer({ description: 'accepted in part: the amount waived' })),
  formula: Type.String(),
});
export const StatementView = Type.Object({
  id: Type.Integer(),
  vendorId: Type.Integer(),
  month: Type.String(),
  status: Type.String(),
  amountsShown: Type.Boolean(),
  currency: Type.String(),
  atRiskMinor: Amount,
  capMinor: Amount,
  creditsBeforeCapMinor: Amount,
  creditsMinor: Amount,
  earnBackMinor: Amount,
  bonusMinor: Amount,
  netMinor: Amount,
  bonusFormula: Nullable(Type.String()),
  lines: Type.Array(Line),
  earnBack: Type.Array(
    Type.Object({ metric: Type.String(), fromMonth: Type.String(), amountMinor: Amount, formula: Type.String() }),
  ),
  computedAt: Type.String(),
  sharedAt: Nullable(Type.String()),
  finalisedAt: Nullable(Type.String()),
});
export const StatementDetail = Type.Object({
  ...StatementView.properties,
  disputes: Type.Array(
    Type.Object({
      metric: Type.String(),
      reason: Type.String(),
      status: Type.String({ description: 'open, accepted, accepted_in_part or rejected' }),
      waivedMinor: Nullable(Type.Integer({ description: 'accepted in part: the amount waived' })),
      decisionNote: Nullable(Type.String()),
    }),
  ),
  history: Type.Array(
    Type.Object({
      kind: Type.String(),
      metric: Nullable(Type.String()),
      detail: Nullable(Type.String()),
      waivedMinor: Nullable(Type.Integer({ description: 'accepted_in_part: the amount waived' })),
      at: Type.String(),
    }),
  ),
  /** For a final statement: the lines whose figure or charge a recompute now gives differently. */
  differences: Type.Array(
    Type.Object({ metric: Type.String(), field: Type.String(), frozen: Type.String(), now: Type.String() }),
  ),
});
export const DisputeBody = Type.Object(
  { metric: Metric, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object(
  {
    accept: Type.Boolean(),
    note: Nullable(Type.String({ maxLength: 2000 })),
    waiveMinor: Type.Optional(
      Nullable(
        Type.Integer({
          minimum: 1,
          maximum: 1e15,
          description: 'accepted in part: the minor units waived of the line charge; absent or null: all of it',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);
