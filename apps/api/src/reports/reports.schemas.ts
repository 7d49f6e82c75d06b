import Type from 'typebox';
import { PageQuery, WeekLabel as SharedWeekLabel, type PageLimits } from '../http/schemas.ts';
import { DELIVERY_STATUSES, type DeliveryListRow, type DeliveryStatus } from '@scorecard/db/reports/deliveries';
import type { ReportSchedule } from '@scorecard/db/reports/schedules';
import { weekLabel } from '@scorecard/domain/weeks';

const Problem = { $ref: 'ProblemDocument#' } as const;
export const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 503: Problem };

const WeekLabel = SharedWeekLabel();
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const PreviewQuery = Type.Object(
  { vendorId: Type.Integer({ minimum: 1 }), week: WeekLabel },
  { additionalProperties: false },
);

export const Preview = Type.Object({
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  week: Type.String(),
  weekStart: Type.String(),
  subject: Type.String(),
  recipients: Type.Array(Type.String()),
  html: Type.String(),
  text: Type.String(),
  attachment: Type.Object({
    fileName: Type.String(),
    contentType: Type.String(),
    rows: Type.Integer(),
    bytes: Type.Integer(),
    gzipped: Type.Boolean(),
  }),
});

/** One page of the report deliveries list. */
export const DELIVERIES_PAGE: PageLimits = { maxLimit: 200, defaultLimit: 50 };
export const DeliveryQuery = Type.Object(
  {
    vendorId: Type.Optional(Type.Integer({ minimum: 1 })),
    week: Type.Optional(WeekLabel),
    ...PageQuery(DELIVERIES_PAGE),
  },
  { additionalProperties: false },
);

export const Delivery = Type.Object({
  id: Type.Integer(),
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  week: Type.String(),
  weekStart: Type.String(),
  status: Type.Union(DELIVERY_STATUSES.map((s) => Type.Literal(s))),
  attempts: Type.Integer(),
  recipients: Type.Array(Type.String()),
  messageId: NullableString,
  serverResponse: NullableString,
  error: NullableString,
  resendOf: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: DateTime,
  sendingAt: NullableDateTime,
  sentAt: NullableDateTime,
  failedAt: NullableDateTime,
  // `unknown`: the server may hold the message (timeout after DATA); a person checks for messageId there.
  unknownAt: NullableDateTime,
  resolvedAt: NullableDateTime,
});

export const DeliveryPage = Type.Object({ items: Type.Array(Delivery), total: Type.Integer() });

export const SendBody = Type.Object(
  { vendorId: Type.Integer({ minimum: 1 }), week: WeekLabel },
  { additionalProperties: false },
);

export const Queued = Type.Object({
  id: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Literal('queued'),
  jobId: Type.String(),
});

// Five fields (minute hour day-of-month month day-of-week): no seconds field, so nothing fires every second.
const Cron = Type.String({
  pattern: '^\\S+( \\S+){4}$',
  maxLength: 100,
  description: "Cron pattern in the vendor's zone, e.g. '0 9 * * 1'",
});

export const ScheduleBody = Type.Object({ cron: Cron, enabled: Type.Boolean() }, { additionalProperties: false });

export const Schedule = Type.Object({
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  timeZone: Type.String(),
  cron: Type.String(),
  enabled: Type.Boolean(),
  isDefault: Type.Boolean(),
  recipients: Type.Array(Type.String()),
  nextRunAt: NullableDateTime,
});

export const ScheduleList = Type.Object({ items: Type.Array(Schedule) });

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function toDelivery(row: DeliveryListRow) {
  return {
    id: row.id,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    week: weekLabel(row.week),
    weekStart: row.week,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    recipients: row.recipients,
    messageId: row.message_id,
    serverResponse: row.server_response,
    error: row.error,
    resendOf: row.resend_of,
    createdAt: row.created_at.toISOString(),
    sendingAt: iso(row.sending_at),
    sentAt: iso(row.sent_at),
    failedAt: iso(row.failed_at),
    unknownAt: iso(row.unknown_at),
    resolvedAt: iso(row.resolved_at),
  };
}

export function toSchedule(schedule: ReportSchedule, nextRun: number | null | undefined) {
  return {
    vendorId: schedule.vendorId,
    vendorName: schedule.vendorName,
    timeZone: schedule.timeZone,
    cron: schedule.cron,
    enabled: schedule.enabled,
    isDefault: !schedule.stored,
    recipients: schedule.recipients,
    nextRunAt: nextRun ? new Date(nextRun).toISOString() : null,
  };
}
