import { ITEM_STATUSES, PLAN_STATUSES } from '@scorecard/domain/plans/rules';
import Type from 'typebox';
import { Day as SharedDay, Id as SharedId, WeekLabel as SharedWeekLabel } from '../http/schemas.ts';

const Id = SharedId();
const Day = SharedDay();
const WeekLabel = SharedWeekLabel();
const DateTime = Type.String({ format: 'date-time' });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

export const TARGET_METRICS = [
  'csat',
  'service_level',
  'aht',
  'frt',
  'fcr',
  'resolution_time',
  'reopen_rate',
  'escalation_rate',
  'abandon_rate',
  'quality_score',
  'fatal_error_rate',
  'dispute_rate',
  'dispute_acceptance_rate',
  'avoidable_escalation_rate',
] as const;
// Type.Enum keeps the literal types (a mapped array of Type.Literal widens to never).
export const TargetMetric = Type.Enum(TARGET_METRICS);
const MetricUnit = Type.Union([Type.Literal('%'), Type.Literal('s'), Type.Literal('count'), Type.Literal('points')]);
const MetricDirection = Type.Union([Type.Literal('higher'), Type.Literal('lower'), Type.Literal('none')]);
export const PlanStatus = Type.Enum(PLAN_STATUSES);
export const ItemStatus = Type.Enum(ITEM_STATUSES);

export const IdParams = Type.Object({ id: Id });

const PlanMetric = Type.Object({ metric: Type.String(), baselineValue: NullableNumber, targetValue: Type.Number() });
const ItemCounts = Type.Object({
  total: Type.Integer(),
  open: Type.Integer(),
  inProgress: Type.Integer(),
  done: Type.Integer(),
  overdue: Type.Integer(),
});

export const Plan = Type.Object({
  id: Type.Integer(),
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  title: Type.String(),
  baselineWeek: WeekLabel,
  baselineWeekStart: Day,
  dueDate: Day,
  ownerUserId: Type.Integer(),
  ownerName: Type.String(),
  status: PlanStatus,
  statusChangedAt: DateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
  metrics: Type.Array(PlanMetric),
  items: ItemCounts,
  /** The statuses a manual change may move this plan to (empty for vendor users and viewers). */
  allowedTransitions: Type.Array(PlanStatus),
});

export const PlanSummary = Type.Object({
  ...Plan.properties,
  daysToDue: Type.Integer(),
  /** Largest relative distance to target over the plan's metrics at their latest week with data. */
  distance: NullableNumber,
  latest: Type.Array(
    Type.Object({ metric: Type.String(), week: Type.Union([WeekLabel, Type.Null()]), value: NullableNumber }),
  ),
});
export const PlanList = Type.Object({ items: Type.Array(PlanSummary) });

export const PlanListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([PlanStatus, Type.Literal('all')])),
    vendorId: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const CreatePlanBody = Type.Object(
  {
    vendorId: Id,
    title: Type.Optional(Text(200)),
    baselineWeek: WeekLabel,
    dueDate: Day,
    ownerUserId: Id,
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('active')])),
    metrics: Type.Array(
      Type.Object(
        {
          metric: TargetMetric,
          targetValue: Type.Number({ minimum: 0 }),
          baselineValue: Type.Optional(NullableNumber),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 9 },
    ),
  },
  { additionalProperties: false },
);

export const UpdatePlanBody = Type.Object(
  {
    title: Type.Optional(Text(200)),
    dueDate: Type.Optional(Day),
    ownerUserId: Type.Optional(Id),
    targets: Type.Optional(
      Type.Array(
        Type.Object(
          { metric: TargetMetric, targetValue: Type.Number({ minimum: 0 }) },
          { additionalProperties: false },
        ),
        {
          minItems: 1,
          maxItems: 9,
        },
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PlanStatusBody = Type.Object(
  { status: PlanStatus, note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const PrefillQuery = Type.Object(
  { vendorId: Id, metric: TargetMetric, week: WeekLabel },
  { additionalProperties: false },
);
export const Prefill = Type.Object({
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  metric: Type.String(),
  metricLabel: Type.String(),
  unit: MetricUnit,
  direction: MetricDirection,
  baselineWeek: WeekLabel,
  baselineValue: NullableNumber,
  /** The scorecard's target in force that week: the plan's target unless the lead changes it. */
  targetValue: NullableNumber,
});

export const Item = Type.Object({
  id: Type.Integer(),
  planId: Type.Integer(),
  vendorId: Type.Integer(),
  meetingId: Type.Union([Type.Integer(), Type.Null()]),
  description: Type.String(),
  ownerUserId: Type.Integer(),
  ownerName: Type.String(),
  dueDate: Day,
  status: ItemStatus,
  doneAt: Type.Union([DateTime, Type.Null()]),
  overdue: Type.Boolean(),
  comments: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const NewItemBody = Type.Object(
  { description: Text(2000), ownerUserId: Id, dueDate: Day },
  { additionalProperties: false },
);

export const MeetingBody = Type.Object(
  {
    heldOn: Day,
    attendees: Type.Array(Text(200), { maxItems: 50 }),
    notes: Type.String({ maxLength: 20000 }),
    items: Type.Array(NewItemBody, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export const Meeting = Type.Object({
  id: Type.Integer(),
  heldOn: Day,
  attendees: Type.Array(Type.String()),
  notes: Type.String(),
  createdAt: DateTime,
});
export const MeetingCreated = Type.Object({ meeting: Meeting, items: Type.Array(Item) });

export const UpdateItemBody = Type.Object(
  {
    description: Type.Optional(Text(2000)),
    ownerUserId: Type.Optional(Id),
    dueDate: Type.Optional(Day),
    status: Type.Optional(ItemStatus),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CommentBody = Type.Object({ body: Text(5000) }, { additionalProperties: false });
export const Comment = Type.Object({
  id: Type.Integer(),
  authorUserId: Type.Union([Type.Integer(), Type.Null()]),
  authorName: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  createdAt: DateTime,
});

export const Event = Type.Object({
  id: Type.Integer(),
  itemId: Type.Union([Type.Integer(), Type.Null()]),
  meetingId: Type.Union([Type.Integer(), Type.Null()]),
  actorUserId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  actorKind: Type.String(),
  kind: Type.String(),
  changes: Type.Unknown(),
  note: Type.Union([Type.String(), Type.Null()]),
  at: DateTime,
});

export const ItemDetail = Type.Object({ item: Item, comments: Type.Array(Comment), history: Type.Array(Event) });

export const PlanDetail = Type.Object({
  plan: Plan,
  meetings: Type.Array(Meeting),
  items: Type.Array(Item),
  history: Type.Array(Event),
});

export const Tracking = Type.Object({
  planId: Type.Integer(),
  requiredWeeks: Type.Integer(),
  metrics: Type.Array(
    Type.Object({
      metric: Type.String(),
      label: Type.String(),
      unit: MetricUnit,
      direction: MetricDirection,
      baselineValue: NullableNumber,
      targetValue: Type.Number(),
      series: Type.Array(
        Type.Object({
          week: WeekLabel,
          weekStart: Day,
          value: NullableNumber,
          sample: Type.Integer(),
          status: Type.String(),
        }),
      ),
    }),
  ),
});

export const OverdueCounts = Type.Object({
  items: Type.Array(Type.Object({ vendorId: Type.Integer(), overdueItems: Type.Integer() })),
});

export const Assignees = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      email: Type.String(),
      role: Type.String(),
      vendorId: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
});
