import Type from 'typebox';
import { WeekLabel as SharedWeekLabel } from '../http/schemas.ts';
import { ChannelSchema } from '../http/channel.ts';

export const Problems = { $ref: 'ProblemDocument#' } as const;
export const WeekLabel = SharedWeekLabel();
const Num = Type.Union([Type.Number(), Type.Null()]);
const Status = Type.Union([
  Type.Literal('met'),
  Type.Literal('at_risk'),
  Type.Literal('missed'),
  Type.Literal('low_sample'),
  Type.Literal('no_target'),
  Type.Literal('no_data'),
]);

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
/**
 * One vendor × metric of the scorecard: only the vendor's own figures, an absent field where there is none
 * (no value, no target, no interval, no previous week). The interval's level and method and the tests' names
 * are the metric's, stated once in the response's `metrics`.
 */
const Verdict = Type.Object({ significant: Type.Boolean(), pValue: Type.Number() });
const ScorecardCell = Type.Object({
  value: Type.Optional(Type.Number()),
  // Why there is no value (e.g. 'no solved cases').
  reason: Type.Optional(Type.String()),
  sample: Type.Number(),
  target: Type.Optional(Type.Number()),
  status: Status,
  // The value minus the previous week's.
  change: Type.Optional(Type.Number()),
  interval: Type.Optional(Type.Object({ low: Type.Number(), high: Type.Number() })),
  // Rates only: is the change against the week before more than noise (the metric's `changeTest`)?
  changeSignificance: Type.Optional(Verdict),
  // Rates with a target only: is the distance to the target more than noise (the metric's `targetTest`)?
  targetSignificance: Type.Optional(Verdict),
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
  // The metric catalogue, in column order: what is the same for every vendor.
  metrics: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      unit: Type.Union([Type.Literal('%'), Type.Literal('s'), Type.Literal('count'), Type.Literal('points')]),
      direction: Type.Union([Type.Literal('higher'), Type.Literal('lower'), Type.Literal('none')]),
      // 'reviews': a quality figure, counted from the reviews made in the week (drill-down to the reviews).
      source: Type.Union([Type.Literal('cases'), Type.Literal('reviews')]),
      // The level and method of the cells' intervals; absent for a metric without intervals.
      interval: Type.Optional(Type.Object({ level: Type.Number(), method: Type.String() })),
      // The test behind the cells' `changeSignificance`; absent for a metric whose change is not tested.
      changeTest: Type.Optional(Type.String()),
      // The test behind the cells' `targetSignificance`.
      targetTest: Type.Optional(Type.String()),
    }),
  ),
  // The distinct contract terms the rows were computed under, each once; a row names its own by index
  // (`termSet`). Each metric's formula in words; statuses need `minSample`, the composite (raw and adjusted)
  // is weighted by `compositeWeights`.
  termSets: Type.Array(
    Type.Object({
      calendarName: Type.Optional(Type.String()),
      formulas: Type.Record(Type.String(), Type.String()),
      minSample: Type.Integer(),
      compositeWeights: Type.Record(Type.String(), Type.Number()),
      statusRule: Type.String(),
      compositeFormula: Type.String(),
    }),
  ),
  vendors: Type.Array(
    Type.Object({
      vendorId: Type.Integer(),
      vendorName: Type.String(),
      // Absent: not ranked (no composite, or a vendor user's row where the organisation does not share rank).
      rank: Type.Optional(Type.Integer()),
      composite: Type.Optional(Type.Number()),
      adjustedComposite: Type.Optional(Type.Number()),
      metrics: Type.Record(Type.String(), ScorecardCell),
      termSet: Type.Integer({ minimum: 0 }),
      // The scoring rules the vendor's internal reviews of the week were scored under, in words (absent: no
      // reviews), and whether its quality figures are comparable with the first listed vendor's (absent: no
      // reviews, or a vendor user's own row, which is not compared with another vendor).
      qualityRules: Type.Optional(Type.Array(Type.String())),
      qualityComparable: Type.Optional(Type.Boolean()),
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
