import { CONFIDENCES } from '@scorecard/domain/quality/sampling';
import { DECISIONS } from '@scorecard/domain/quality/disputes';
import { FormContent } from '@scorecard/domain/quality/forms';
import Type from 'typebox';
import {
  Day as SharedDay,
  Id as SharedId,
  PageQuery,
  WeekLabel as SharedWeekLabel,
  type PageLimits,
} from '../http/schemas.ts';

const Id = SharedId();
const Day = SharedDay();
const WeekLabel = SharedWeekLabel();
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/**
 * An answer value or N/A in a request body. One `type` list, not anyOf: under the API's Ajv type coercion
 * an anyOf would turn null into 0 (integer branch first) or 0 into null (null branch first).
 */
const AnswerValue = Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 0, maximum: 5 });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const ROOT_CAUSE_PATTERN = '^[a-z0-9][a-z0-9_]{0,62}$';
const RootCause = Type.String({ pattern: ROOT_CAUSE_PATTERN });
const Interval = Nullable(Type.Object({ low: Type.Number(), high: Type.Number() }));

export const IdParams = Type.Object({ id: Id });
export const CaseParams = Type.Object({ caseId: Id });

export const Form = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  version: Type.Integer(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  content: FormContent,
  /** The scoring rule in words, printed beside every score. */
  rule: Type.String(),
  createdAt: DateTime,
  publishedAt: Nullable(DateTime),
});
export const NewFormBody = Type.Object(
  { key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }), content: FormContent },
  { additionalProperties: false },
);

const AnswerSchema = Type.Object(
  {
    value: AnswerValue,
    rootCause: Type.Optional(Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: ROOT_CAUSE_PATTERN })),
  },
  { additionalProperties: false },
);
export const NewReviewBody = Type.Object(
  {
    caseId: Id,
    formId: Id,
    answers: Type.Record(Type.String({ maxLength: 63 }), AnswerSchema, { maxProperties: 500 }),
    feedback: Type.Optional(Type.String({ maxLength: 20000 })),
    /** Defaults to now; a review cannot be dated in the future. */
    reviewedAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);

export const Review = Type.Object({
  id: Type.Integer(),
  caseId: Type.Integer(),
  caseExternalId: Type.String(),
  caseQueue: Nullable(Type.String()),
  caseChannel: Type.String(),
  caseCreatedAt: DateTime,
  /** The case's own arrival week, beside the week the review counts in. */
  caseWeek: WeekLabel,
  vendorId: Type.Integer(),
  formId: Type.Integer(),
  reviewerKind: Type.Union([Type.Literal('internal'), Type.Literal('vendor')]),
  /** Null for internal reviews shown to vendor users while the organisation hides its reviewers. */
  reviewerUserId: Nullable(Type.Integer()),
  reviewerName: Nullable(Type.String()),
  feedback: Type.String(),
  reviewedAt: DateTime,
  week: WeekLabel,
  score: Nullable(Type.Number()),
  fatal: Type.Boolean(),
  /** The QA tool's own score of an imported review (0..100), kept beside ours and never used as it. */
  toolScore: Nullable(Type.Number()),
});
export const ReviewQuery = Type.Object(
  {
    vendorId: Type.Optional(Id),
    week: Type.Optional(WeekLabel),
    caseId: Type.Optional(Id),
    reviewerKind: Type.Optional(Type.Union([Type.Literal('internal'), Type.Literal('vendor')])),
  },
  { additionalProperties: false },
);

const DisputeItem = Type.Object({
  criterionKey: Type.String(),
  proposedValue: Nullable(Type.Integer()),
  comment: Type.String(),
  accepted: Nullable(Type.Boolean()),
});
export const Dispute = Type.Object({
  id: Type.Integer(),
  reviewId: Type.Integer(),
  vendorId: Type.Integer(),
  status: Type.Enum(['open', ...DECISIONS] as const),
  comment: Type.String(),
  openedAt: DateTime,
  decidedAt: Nullable(DateTime),
  reason: Nullable(Type.String()),
  items: Type.Array(DisputeItem),
});
export const NewDisputeBody = Type.Object(
  {
    comment: Text(5000),
    items: Type.Array(
      Type.Object(
        {
          criterionKey: Type.String({ minLength: 1, maxLength: 63 }),
          proposedValue: AnswerValue,
          comment: Type.Optional(Type.String({ maxLength: 5000 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export const DecisionBody = Type.Object(
  {
    reason: Text(5000),
    items: Type.Array(
      Type.Object(
        { criterionKey: Type.String({ minLength: 1, maxLength: 63 }), accepted: Type.Boolean() },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export const DisputeQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('decided')])) },
  { additionalProperties: false },
);

const HistoryEvent = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  disputeId: Nullable(Type.Integer()),
  actorUserId: Nullable(Type.Integer()),
  actorKind: Type.String(),
  changes: Type.Record(Type.String(), Type.Unknown()),
  note: Nullable(Type.String()),
  at: DateTime,
});
export const ReviewDetail = Type.Object({
  review: Review,
  form: Form,
  answers: Type.Record(
    Type.String(),
    Type.Object({ value: Nullable(Type.Integer()), rootCause: Nullable(Type.String()) }),
  ),
  /** Until when the vendor may dispute; null when the review is the vendor's own. */
  disputableUntil: Nullable(DateTime),
  dispute: Nullable(Dispute),
  history: Type.Array(HistoryEvent),
});

export const WeeklyQuery = Type.Object(
  { week: WeekLabel, vendorId: Type.Optional(Id) },
  { additionalProperties: false },
);
const Figure = Type.Object({ value: Nullable(Type.Number()), numerator: Type.Number(), denominator: Type.Number() });
export const WeeklyQuality = Type.Object({
  week: WeekLabel,
  definitions: Type.Array(
    Type.Object({ key: Type.String(), label: Type.String(), unit: Type.String(), definition: Type.String() }),
  ),
  interval: Type.String(),
  vendors: Type.Array(
    Type.Object({
      vendorId: Type.Integer(),
      vendorName: Type.String(),
      qualityScore: Type.Object({ value: Nullable(Type.Number()), n: Type.Integer(), interval: Interval }),
      fatalErrorRate: Figure,
      calibrationGap: Type.Object({ value: Nullable(Type.Number()), pairs: Type.Integer() }),
      disputeRate: Figure,
      disputeAcceptanceRate: Figure,
      avoidableEscalationRate: Figure,
      openDisputes: Type.Integer(),
      /** The rules the week's reviews were scored under, in words; more than one → not comparable. */
      rules: Type.Array(Type.String()),
      /** Whether this vendor's score may be set beside the first listed vendor's (same single rule). */
      comparable: Type.Boolean(),
      differences: Type.Array(Type.String()),
    }),
  ),
});
export const CalibrationQuery = Type.Object({ week: WeekLabel, vendorId: Id }, { additionalProperties: false });
export const Calibration = Type.Array(
  Type.Object({ criterionKey: Type.String(), pairs: Type.Integer(), gap: Type.Number() }),
);

/** One page of the knowledge-gap ranking. */
export const GAPS_PAGE: PageLimits = { maxLimit: 500, defaultLimit: 100 };
export const GapsQuery = Type.Object(
  {
    week: Type.Optional(WeekLabel),
    vendorId: Type.Optional(Id),
    ...PageQuery(GAPS_PAGE),
  },
  { additionalProperties: false },
);
const KnowledgeGap = Type.Object({
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  queue: Nullable(Type.String()),
  week: WeekLabel,
  rootCause: Type.String(),
  occurrences: Type.Integer(),
  reviewIds: Type.Array(Type.Integer()),
  escalationReviewIds: Type.Array(Type.Integer()),
  caseIds: Type.Array(Type.Integer()),
});
/** One page of the ranking: `total` counts every row of it, so a page never passes for the whole list. */
export const KnowledgeGaps = Type.Object({
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  gaps: Type.Array(KnowledgeGap),
});

export const QualitySettings = Type.Object({
  disputeWindowDays: Type.Integer({ minimum: 0, maximum: 365 }),
  reviewersShownToVendors: Type.Boolean(),
});
export const QualitySettingsPatch = Type.Object(
  {
    disputeWindowDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    reviewersShownToVendors: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const NewSamplingPlanBody = Type.Object(
  {
    vendorId: Id,
    queue: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    channel: Type.Optional(
      Nullable(Type.Union(['voice', 'chat', 'email', 'web', 'social'].map((c) => Type.Literal(c)))),
    ),
    /** A week (2026-W47) or a month (2026-11). */
    period: Type.String({ pattern: '^(\\d{4}-W\\d{2}|\\d{4}-\\d{2})$' }),
    formId: Id,
    marginPoints: Type.Number({ exclusiveMinimum: 0, maximum: 50 }),
    confidence: Type.Union(CONFIDENCES.map((c) => Type.Literal(c))),
    doubleAuditShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    reviewerUserIds: Type.Array(Id, { minItems: 1, maxItems: 100, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export const SamplingPlan = Type.Object({
  id: Type.Integer(),
  vendorId: Type.Integer(),
  queue: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  period: Type.Union([Type.Literal('week'), Type.Literal('month')]),
  periodStart: Day,
  formId: Type.Integer(),
  marginPoints: Type.Number(),
  confidence: Type.Number(),
  doubleAuditShare: Type.Number(),
  population: Type.Integer(),
  sampleSize: Type.Integer(),
  /** Sample cases reviewed on the plan's form by their assignee, and those still due. */
  done: Type.Integer(),
  due: Type.Integer(),
  cases: Type.Array(
    Type.Object({
      caseId: Type.Integer(),
      caseExternalId: Type.String(),
      purpose: Type.Union([Type.Literal('random'), Type.Literal('double_audit')]),
      stratumQueue: Nullable(Type.String()),
      stratumChannel: Type.String(),
      assignedUserId: Nullable(Type.Integer()),
      reviewId: Nullable(Type.Integer()),
    }),
  ),
});

export const EscalationQuery = Type.Object(
  { vendorId: Type.Optional(Id), week: WeekLabel },
  { additionalProperties: false },
);
export const EscalationReviewBody = Type.Object(
  {
    verdict: Type.Union([Type.Literal('avoidable'), Type.Literal('valid')]),
    rootCause: RootCause,
    feedback: Type.Optional(Type.String({ maxLength: 20000 })),
    /** When the review was made (default now; never ahead): it counts in that week. */
    reviewedAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export const EscalatedCase = Type.Object({
  caseId: Type.Integer(),
  vendorId: Type.Integer(),
  externalId: Type.String(),
  queue: Nullable(Type.String()),
  channel: Type.String(),
  createdAt: DateTime,
  review: Nullable(
    Type.Object({
      id: Type.Integer(),
      verdict: Type.String(),
      rootCause: Type.String(),
      feedback: Type.String(),
      reviewedAt: DateTime,
      week: WeekLabel,
      acknowledgedAt: Nullable(DateTime),
    }),
  ),
});

/** A case's own facts, shown beside the review form. */
export const CaseFacts = Type.Object({
  id: Type.Integer(),
  externalId: Type.String(),
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  source: Type.String(),
  queue: Nullable(Type.String()),
  channel: Type.String(),
  status: Nullable(Type.String()),
  tier: Nullable(Type.Integer()),
  site: Nullable(Type.String()),
  agentId: Nullable(Type.String()),
  createdAt: DateTime,
  /** The case's arrival week in the reporting time zone. */
  week: WeekLabel,
  firstResponseAt: Nullable(DateTime),
  solvedAt: Nullable(DateTime),
  escalated: Nullable(Type.Boolean()),
  reopenCount: Nullable(Type.Integer()),
  firstContactResolved: Nullable(Type.Boolean()),
  handleSeconds: Nullable(Type.Number()),
  waitSeconds: Nullable(Type.Number()),
  csatScore: Nullable(Type.Number()),
  csatScale: Nullable(Type.Number()),
});

/** A sample case assigned to the caller, with its plan and whether it is done. */
export const Assignment = Type.Object({
  planId: Type.Integer(),
  period: Type.Union([Type.Literal('week'), Type.Literal('month')]),
  periodStart: Day,
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  formId: Type.Integer(),
  caseId: Type.Integer(),
  caseExternalId: Type.String(),
  purpose: Type.Union([Type.Literal('random'), Type.Literal('double_audit')]),
  stratumQueue: Nullable(Type.String()),
  stratumChannel: Type.String(),
  reviewId: Nullable(Type.Integer()),
});

export const Reviewer = Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() });
