import Type from 'typebox';
import { WeekLabel as SharedWeekLabel } from '../http/schemas.ts';
import { ChannelSchema } from '../http/channel.ts';

export const Problems = { $ref: 'ProblemDocument#' } as const;
export const WeekLabel = SharedWeekLabel();
const Num = Type.Union([Type.Number(), Type.Null()]);
const Status = Type.Union(
  ['met', 'at_risk', 'missed', 'low_sample', 'no_target', 'no_data'].map((s) => Type.Literal(s)),
);

const Cell = {
  value: Num,
  reason: Type.Union([Type.String(), Type.Null()]),
  numerator: Type.Number(),
  denominator: Type.Number(),
  sample: Type.Number(),
  target: Num,
  status: Status,
  detail: Type.Record(Type.String(), Num),
};
export const MetricCell = Type.Object(Cell);
const Significance = Type.Union([
  Type.Object({ significant: Type.Boolean(), pValue: Type.Number(), method: Type.String() }),
  Type.Null(),
]);
const Interval = Type.Union([
  Type.Object({ low: Type.Number(), high: Type.Number(), level: Type.Number(), method: Type.String() }),
  Type.Null(),
]);
const ScorecardCell = Type.Object({
  ...Cell,
  previous: Num,
  change: Num,
  trend: Type.Array(Num),
  interval: Interval,
  significance: Type.Object({ change: Significance, target: Significance }),
  adjusted: Type.Union([Type.Object({ value: Num, composite: Num, uncoveredShare: Num }), Type.Null()]),
});

export const ScorecardQuery = Type.Object(
  {
    week: Type.Optional(WeekLabel),
    queue: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    channel: Type.Optional(ChannelSchema),
    rankBy: Type.Optional(Type.Union([Type.Literal('raw'), Type.Literal('adjusted')], { default: 'raw' })),
  },
  { additionalProperties: false },
);

export const Scorecard = Type.Object({
  week: Type.String(),
  rankBy: Type.String(),
  weekStart: Type.String(),
  // The reporting zone's current week; `partial` when the week shown has not ended yet (or lies ahead).
  currentWeek: Type.String(),
  partial: Type.Boolean(),
  availableWeeks: Type.Array(Type.String()),
  metrics: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      unit: Type.Union([Type.Literal('%'), Type.Literal('s'), Type.Literal('count'), Type.Literal('points')]),
      direction: Type.Union([Type.Literal('higher'), Type.Literal('lower'), Type.Literal('none')]),
      // 'reviews': a quality figure, counted from the reviews made in the week (drill-down to the reviews).
      source: Type.Union([Type.Literal('cases'), Type.Literal('reviews')]),
    }),
  ),
  vendors: Type.Array(
    Type.Object({
      vendorId: Type.Integer(),
      vendorName: Type.String(),
      rank: Type.Union([Type.Integer(), Type.Null()]),
      composite: Num,
      adjustedComposite: Num,
      metrics: Type.Record(Type.String(), ScorecardCell),
      // The contract terms the row was computed under, and each metric's formula in words; its
      // statuses need `minSample`, its composite (raw and adjusted) is weighted by `compositeWeights`.
      terms: Type.Optional(
        Type.Object({
          calendarName: Type.Union([Type.String(), Type.Null()]),
          formulas: Type.Record(Type.String(), Type.String()),
          minSample: Type.Integer(),
          compositeWeights: Type.Record(Type.String(), Type.Number()),
          statusRule: Type.String(),
          compositeFormula: Type.String(),
          // The scoring rules the vendor's internal reviews of the week were scored under, in words, and
          // whether its quality figures are comparable with the first listed vendor's (null: no reviews, or
          // a vendor user's own row, which is not compared with another vendor).
          qualityRules: Type.Array(Type.String()),
          qualityComparable: Type.Union([Type.Boolean(), Type.Null()]),
        }),
      ),
    }),
  ),
});

export const VendorParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const TrendsQuery = Type.Object(
  {
    weeks: Type.Optional(Type.Union([Type.Literal(12), Type.Literal(26), Type.Literal(52)], { default: 12 })),
    endWeek: Type.Optional(WeekLabel),
  },
  { additionalProperties: false },
);

export const Trends = Type.Object({
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  weeks: Type.Array(Type.String()),
  series: Type.Record(
    Type.String(),
    Type.Array(
      Type.Object({
        week: Type.String(),
        weekStart: Type.String(),
        value: Num,
        target: Num,
        status: Status,
        sample: Type.Number(),
        interval: Interval,
        // Rates only: the two-proportion test against the week before; null for other metrics or empty weeks.
        changeSignificance: Significance,
      }),
    ),
  ),
});

export const BreakdownQuery = Type.Object(
  {
    week: Type.Optional(WeekLabel),
    by: Type.Union(['queue', 'channel', 'tier', 'site'].map((b) => Type.Literal(b))),
  },
  { additionalProperties: false },
);

export const Breakdown = Type.Object({
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  week: Type.String(),
  by: Type.String(),
  rows: Type.Array(
    Type.Object({ key: Type.Union([Type.String(), Type.Null()]), metrics: Type.Record(Type.String(), MetricCell) }),
  ),
});

export const MixQuery = Type.Object({ week: Type.Optional(WeekLabel) }, { additionalProperties: false });

export const MixDecomposition = Type.Object({
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  week: Type.String(),
  metrics: Type.Record(
    Type.String(),
    Type.Object({
      value: Num,
      others: Num,
      gap: Num,
      mix: Num,
      performance: Num,
      unmatched: Num,
      adjusted: Num,
      uncoveredShare: Num,
    }),
  ),
});
