import { METRIC_KEYS } from '@scorecard/domain/metrics/catalogue';
import Type from 'typebox';
import { WeekLabel } from '../http/schemas.ts';
import { ChannelSchema } from '../http/channel.ts';

export const Problems = { $ref: 'ProblemDocument#' } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Basis = Type.Union([Type.Literal('calendar'), Type.Literal('business')]);
const Seconds = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });
const Weights = Type.Object(
  Object.fromEntries(
    METRIC_KEYS.filter((k) => k !== 'volume').map((k) => [
      k,
      Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    ]),
  ),
  { additionalProperties: false },
);

/** Each field: a value overrides, null (or absent) inherits the less specific terms. */
export const termsFields = {
  calendarId: Nullable(Type.Integer({ minimum: 1 })),
  frtBasis: Nullable(Basis),
  asyncSlBasis: Nullable(Basis),
  resolutionBasis: Nullable(Basis),
  slThresholdVoiceSeconds: Nullable(Seconds(0, 3600)),
  slThresholdChatSeconds: Nullable(Seconds(0, 3600)),
  asyncSlaSeconds: Nullable(Seconds(1, 30 * 86_400)),
  shortAbandonSeconds: Nullable(Seconds(0, 600)),
  repeatWindowSeconds: Nullable(Seconds(0, 90 * 86_400)),
  satisfiedScore: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
  minSample: Nullable(Type.Integer({ minimum: 0, maximum: 100_000 })),
  compositeWeights: Nullable(Weights),
};

export const TermsRow = Type.Object({
  id: Type.Integer(),
  vendorId: Type.Integer(),
  queue: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  effectiveFrom: Type.String({ description: 'ISO week label' }),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  ...termsFields,
});

export const TermsInput = Type.Object(
  {
    vendorId: Type.Integer({ minimum: 1 }),
    queue: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    channel: Type.Optional(Nullable(ChannelSchema)),
    effectiveFrom: WeekLabel(),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    ...Object.fromEntries(Object.entries(termsFields).map(([k, s]) => [k, Type.Optional(s)])),
  },
  { additionalProperties: false },
);

export const Queued = Type.Object({
  jobId: Type.String(),
  status: Type.Literal('queued'),
  vendorWeeks: Type.Integer(),
});

export const ResolvedTerms = Type.Object({
  vendorId: Type.Integer(),
  week: Type.String(),
  calendarName: Nullable(Type.String()),
  calendarText: Nullable(Type.String()),
  terms: Type.Object({
    calendarId: Nullable(Type.Integer()),
    frtBasis: Basis,
    asyncSlBasis: Basis,
    resolutionBasis: Basis,
    slThresholdVoiceSeconds: Type.Integer(),
    slThresholdChatSeconds: Type.Integer(),
    asyncSlaSeconds: Type.Integer(),
    shortAbandonSeconds: Type.Integer(),
    repeatWindowSeconds: Type.Integer(),
    satisfiedScore: Type.Integer(),
    minSample: Type.Integer(),
    compositeWeights: Type.Record(Type.String(), Type.Number()),
    sourceIds: Type.Array(Type.Integer()),
  }),
  specificRows: Type.Array(
    Type.Object({ queue: Nullable(Type.String()), channel: Nullable(Type.String()), effectiveFrom: Type.String() }),
  ),
  formulas: Type.Record(Type.String(), Type.String()),
  statusRule: Type.String(),
  compositeFormula: Type.String(),
});
