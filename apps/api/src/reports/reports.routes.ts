/**
 * Weekly report emails: preview (exactly what would be sent), delivery log, send now, resend, schedules.
 * docs/definitions.md "Weekly report emails"; docs/reports.md. Vendor users see only their own vendor (404 otherwise).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { composeReport } from '@scorecard/reporting/compose';
import {
  findDelivery,
  findScheduledDelivery,
  insertResend,
  listDeliveries,
  markDeliveryFailed,
  markUnknownResolved,
  resolveUnknownAsSent,
} from '@scorecard/db/reports/deliveries';
import {
  findReportSchedule,
  listReportSchedules,
  saveReportSchedule,
  type ReportSchedule,
} from '@scorecard/db/reports/schedules';
import { parseWeekLabel, weekLabel } from '@scorecard/domain/weeks';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import { applyReportSchedule, enqueue, jobs, reportSchedulerId } from '@scorecard/jobs';
import { Problem } from '../http/problems.ts';
import {
  DELIVERIES_PAGE,
  Delivery,
  DeliveryPage,
  DeliveryQuery,
  IdParams,
  Preview,
  PreviewQuery,
  problems,
  Queued,
  Schedule,
  ScheduleBody,
  ScheduleList,
  SendBody,
  toDelivery,
  toSchedule,
} from './reports.schemas.ts';
import { pageOf } from '../http/schemas.ts';

const tags = ['reports'];

function weekOrBadRequest(label: string): string {
  const week = parseWeekLabel(label);
  if (!week) throw new Problem('bad-request', `${label} is not an ISO week.`);
  return week;
}

/** A vendor outside the caller's scope is reported as missing, like one that does not exist. */
function assertInScope(scope: VendorScope, vendorId: number): void {
  if (scope.kind === 'vendor' && scope.vendorId !== vendorId) throw new Problem('not-found', `No vendor ${vendorId}.`);
}

const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const reportsQueue = () => app.queues[jobs['send-report'].queue];

  async function scheduleOr404(scope: VendorScope, vendorId: number): Promise<ReportSchedule> {
    assertInScope(scope, vendorId);
    const schedule = await findReportSchedule(app.db, vendorId);
    if (!schedule) throw new Problem('not-found', `No vendor ${vendorId}.`);
    return schedule;
  }

  async function nextRun(vendorId: number): Promise<number | null> {
    if (app.redis.status !== 'ready') return null;
    return (await reportsQueue().getJobScheduler(reportSchedulerId(vendorId)))?.next ?? null;
  }

  function assertQueueReady(): void {
    if (app.redis.status !== 'ready')
      throw new Problem('unavailable', 'The job queue is unavailable. Try again shortly.');
  }

  app.get(
    '/api/reports/preview',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'previewReport',
        tags,
        querystring: PreviewQuery,
        response: { 200: Preview, ...problems },
      },
    },
    async (request) => {
      const { vendorId } = request.query;
      assertInScope(request.scope, vendorId);
      const week = weekOrBadRequest(request.query.week);
      const report = await composeReport(app.db, vendorId, week, { publicUrl: app.config.http.publicUrl });
      if (!report) throw new Problem('not-found', `No vendor ${vendorId}.`);
      const { content: _content, ...attachment } = report.attachment;
      return {
        vendorId,
        vendorName: report.vendor.name,
        week: weekLabel(week),
        weekStart: week,
        subject: report.subject,
        recipients: report.vendor.recipients,
        html: report.html,
        text: report.text,
        attachment,
      };
    },
  );

  app.get(
    '/api/reports/deliveries',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listReportDeliveries',
        tags,
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage, ...problems },
      },
    },
    async (request) => {
      const { vendorId, week } = request.query;
      const { limit, offset } = pageOf(request.query, DELIVERIES_PAGE);
      const { items, total } = await listDeliveries(app.db, request.scope, {
        vendorId,
        week: week === undefined ? undefined : weekOrBadRequest(week),
        limit,
        offset,
      });
      return { items: items.map(toDelivery), total };
    },
  );

  app.post(
    '/api/reports/send',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'sendReport',
        tags,
        summary: "Send a vendor-week's report now (once: use resend to repeat a sent one)",
        body: SendBody,
        response: { 202: Queued, 409: { $ref: 'ProblemDocument#' }, ...problems },
      },
    },
    async (request, reply) => {
      const { vendorId } = request.body;
      const week = weekOrBadRequest(request.body.week);
      await scheduleOr404(request.scope, vendorId);
      const existing = await findScheduledDelivery(app.db, vendorId, week);
      if (existing && existing.status !== 'failed') {
        throw new Problem(
          'conflict',
          `The report of ${weekLabel(week)} is already ${existing.status} (delivery ${existing.id}); resend it instead.`,
        );
      }
      assertQueueReady();
      const jobId = `report-${vendorId}-${week}`;
      await enqueue(app.queues, 'send-report', { vendorId, week }, { jobId });
      return reply.code(202).send({ id: existing?.id ?? null, status: 'queued' as const, jobId });
    },
  );

  app.post(
    '/api/reports/:id/resend',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'resendReport',
        tags,
        summary:
          'Send a delivered, failed or unknown report again, on purpose: a new delivery marked as a resend ' +
          '(resending an unknown delivery settles it)',
        params: IdParams,
        response: { 202: Queued, ...problems },
      },
    },
    async (request, reply) => {
      const original = await findDelivery(app.db, request.scope, request.params.id);
      if (!original) throw new Problem('not-found', `No report delivery ${request.params.id}.`);
      assertQueueReady();
      const row = await insertResend(app.db, original, request.principal?.userId ?? null);
      await markUnknownResolved(app.db, original.id, request.principal?.userId ?? null);
      const jobId = `report-resend-${row.id}`;
      try {
        await enqueue(app.queues, 'send-report', { vendorId: row.vendor_id, deliveryId: row.id }, { jobId });
      } catch (error) {
        request.log.error({ err: error }, 'could not enqueue a report resend');
        await markDeliveryFailed(app.db, row.id, 'The job queue was unavailable; resend again.', 'queued');
        throw new Problem('unavailable', 'The job queue is unavailable; the resend was not queued. Try again shortly.');
      }
      return reply.code(202).send({ id: row.id, status: 'queued' as const, jobId });
    },
  );

  app.post(
    '/api/reports/:id/mark-sent',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'markReportSent',
        tags,
        summary:
          'Settle an unknown delivery as sent after finding its Message-ID at the mail server (409 unless unknown)',
        params: IdParams,
        response: { 200: Delivery, 409: problems[404], ...problems },
      },
    },
    async (request) => {
      const existing = await findDelivery(app.db, request.scope, request.params.id);
      if (!existing) throw new Problem('not-found', `No report delivery ${request.params.id}.`);
      const resolved = await resolveUnknownAsSent(app.db, existing.id, request.principal?.userId ?? null);
      if (!resolved) {
        throw new Problem('conflict', `Delivery ${existing.id} is ${existing.status}, not unknown: nothing to settle.`);
      }
      return toDelivery({ ...resolved, vendor_name: existing.vendor_name });
    },
  );

  app.get(
    '/api/reports/schedules',
    {
      config: { access: 'read' },
      schema: { operationId: 'listReportSchedules', tags, response: { 200: ScheduleList, ...problems } },
    },
    async (request) => {
      const scope = request.scope;
      const visible = await listReportSchedules(app.db, scope.kind === 'vendor' ? scope.vendorId : undefined);
      const next = await Promise.all(visible.map((s) => nextRun(s.vendorId)));
      return { items: visible.map((s, i) => toSchedule(s, next[i])) };
    },
  );

  app.get(
    '/api/vendors/:id/report-schedule',
    {
      config: { access: 'read' },
      schema: { operationId: 'getReportSchedule', tags, params: IdParams, response: { 200: Schedule, ...problems } },
    },
    async (request) => {
      const schedule = await scheduleOr404(request.scope, request.params.id);
      return toSchedule(schedule, await nextRun(schedule.vendorId));
    },
  );

  app.put(
    '/api/vendors/:id/report-schedule',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'putReportSchedule',
        tags,
        summary: "Change a vendor's report schedule (cron in the vendor's zone); takes effect at once",
        params: IdParams,
        body: ScheduleBody,
        response: { 200: Schedule, ...problems },
      },
    },
    async (request) => {
      const current = await scheduleOr404(request.scope, request.params.id);
      if (current.vendorArchived)
        throw new Problem('conflict', `${current.vendorName} is archived and sent no reports; restore it first.`);
      const { cron, enabled } = request.body;
      assertQueueReady();
      // The row and the scheduler change together: a pattern the scheduler refuses rolls the row back.
      await app.db.transaction().execute(async (trx) => {
        await saveReportSchedule(trx, current.vendorId, cron, enabled);
        try {
          await applyReportSchedule(app.queues, {
            vendorId: current.vendorId,
            cron,
            timeZone: current.timeZone,
            enabled,
          });
        } catch (error) {
          throw new Problem('bad-request', `"${cron}" is not a usable cron pattern: ${(error as Error).message}`);
        }
      });
      const saved = await scheduleOr404(request.scope, current.vendorId);
      return toSchedule(saved, await nextRun(saved.vendorId));
    },
  );
};

export default reportsRoutes;
