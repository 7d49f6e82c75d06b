/**
 * Improvement plans: overview by risk, create (pre-filled from a scorecard cell), detail, edit,
 * status transitions, tracking series, meetings, overdue counts per vendor. Items: items.routes.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { metricDefinition, type MetricKey } from '@scorecard/domain/metrics/catalogue';
import { addWeeks, lastCompleteWeek, weekLabel } from '@scorecard/domain/weeks';
import { listPlanEvents } from '@scorecard/db/plans/events';
import { listItems, listMeetings } from '@scorecard/db/plans/items';
import { planWeekStatus, scorecardTarget, vendorMetricWeeks } from '@scorecard/db/plans/metric-weeks';
import { listAssignees, overdueCountsByVendor, planSettings } from '@scorecard/db/plans/plans';
import { termsResolver } from '@scorecard/db/terms/formulas';
import { findVendorName } from '@scorecard/db/vendors/vendors';
import { Problem } from '../http/problems.ts';
import { eventJson, itemJson } from './items.routes.ts';
import {
  Assignees,
  CreatePlanBody,
  IdParams,
  MeetingBody,
  MeetingCreated,
  OverdueCounts,
  PlanDetail,
  PlanList,
  PlanListQuery,
  PlanStatusBody,
  Prefill,
  PrefillQuery,
  Tracking,
  UpdatePlanBody,
} from './plans.schemas.ts';
import {
  addMeetingTo,
  baselineValue,
  changePlan,
  createPlanFor,
  planJson,
  planOr404,
  plansByRisk,
  toWeekStart,
  transitionPlan,
} from './plans.service.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
const tags = ['plans'];
// The tracking chart covers at most two years after the baseline.
const MAX_TRACKING_WEEKS = 104;

const plansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/plans',
    {
      config: { access: 'read' },
      schema: { operationId: 'listPlans', tags, querystring: PlanListQuery, response: { 200: PlanList, ...errors } },
    },
    async (request) => {
      const status = request.query.status ?? 'active';
      const rows = await plansByRisk(app.db, request.scope, {
        ...(status === 'all' ? {} : { statuses: [status] }),
        ...(request.query.vendorId !== undefined ? { vendorId: request.query.vendorId } : {}),
      });
      return {
        items: rows.map((r) => ({
          ...planJson(r.plan, request.principal),
          daysToDue: r.daysToDue,
          distance: r.distance,
          latest: r.latest,
        })),
      };
    },
  );

  app.get(
    '/api/plans/overdue-counts',
    {
      config: { access: 'read' },
      schema: { operationId: 'planOverdueCounts', tags, response: { 200: OverdueCounts, ...errors } },
    },
    async (request) => {
      const { today } = await planSettings(app.db);
      const rows = await overdueCountsByVendor(app.db, request.scope, today);
      return { items: rows.map((r) => ({ vendorId: r.vendor_id, overdueItems: Number(r.overdue) })) };
    },
  );

  app.get(
    '/api/plans/prefill',
    {
      config: { access: 'ops' },
      schema: { operationId: 'prefillPlan', tags, querystring: PrefillQuery, response: { 200: Prefill, ...errors } },
    },
    async (request) => {
      const { vendorId, metric, week } = request.query;
      const vendor = await findVendorName(app.db, vendorId);
      if (!vendor) throw new Problem('not-found', `No vendor ${vendorId}.`);
      const weekStart = toWeekStart(week);
      const definition = metricDefinition(metric);
      return {
        vendorId: vendor.id,
        vendorName: vendor.name,
        metric,
        metricLabel: definition.label,
        unit: definition.unit,
        direction: definition.direction,
        baselineWeek: week,
        baselineValue: await baselineValue(app.db, vendor.id, metric, weekStart),
        targetValue: await scorecardTarget(app.db, vendor.id, metric, weekStart),
      };
    },
  );

  app.post(
    '/api/plans',
    {
      config: { access: 'ops' },
      schema: { operationId: 'createPlan', tags, body: CreatePlanBody, response: { 201: PlanDetail, ...errors } },
    },
    async (request, reply) => {
      const id = await createPlanFor(app.db, request.principal, request.body);
      return reply.code(201).send(await planDetail(id, request));
    },
  );

  app.get(
    '/api/plans/:id',
    {
      config: { access: 'read' },
      schema: { operationId: 'getPlan', tags, params: IdParams, response: { 200: PlanDetail, ...errors } },
    },
    async (request) => planDetail(request.params.id, request),
  );

  app.patch(
    '/api/plans/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'updatePlan',
        tags,
        params: IdParams,
        body: UpdatePlanBody,
        response: { 200: PlanDetail, ...errors },
      },
    },
    async (request) => {
      await changePlan(app.db, request.principal, request.params.id, request.body);
      return planDetail(request.params.id, request);
    },
  );

  app.post(
    '/api/plans/:id/status',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'changePlanStatus',
        tags,
        params: IdParams,
        body: PlanStatusBody,
        response: { 200: PlanDetail, ...errors },
      },
    },
    async (request) => {
      await transitionPlan(
        app.db,
        request.principal,
        request.params.id,
        request.body.status,
        request.body.note ?? null,
      );
      return planDetail(request.params.id, request);
    },
  );

  app.post(
    '/api/plans/:id/meetings',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'addPlanMeeting',
        tags,
        params: IdParams,
        body: MeetingBody,
        response: { 201: MeetingCreated, ...errors },
      },
    },
    async (request, reply) => {
      const { meetingId } = await addMeetingTo(app.db, request.principal, request.params.id, request.body);
      const { today } = await planSettings(app.db);
      const meeting = (await listMeetings(app.db, request.params.id)).find((m) => m.id === meetingId)!;
      const items = (await listItems(app.db, request.params.id, today)).filter((i) => i.meetingId === meetingId);
      return reply.code(201).send({ meeting: meetingJson(meeting), items: items.map(itemJson) });
    },
  );

  app.get(
    '/api/plans/:id/tracking',
    {
      config: { access: 'read' },
      schema: { operationId: 'getPlanTracking', tags, params: IdParams, response: { 200: Tracking, ...errors } },
    },
    async (request) => {
      const [settings, resolve] = await Promise.all([planSettings(app.db), termsResolver(app.db)]);
      const plan = await planOr404(app.db, request.scope, request.params.id, settings.today);
      const lastComplete = lastCompleteWeek(new Date(), settings.timeZone);
      const until = [lastComplete, addWeeks(plan.baselineWeek, MAX_TRACKING_WEEKS)].sort()[0]!;
      const metrics = await Promise.all(
        plan.metrics.map(async (m) => {
          const key = m.metric as MetricKey;
          const definition = metricDefinition(key);
          const weeks = await vendorMetricWeeks(app.db, plan.vendorId, key, plan.baselineWeek, until);
          return {
            metric: key,
            label: definition.label,
            unit: definition.unit,
            direction: definition.direction,
            baselineValue: m.baselineValue,
            targetValue: m.targetValue,
            series: weeks.map((w) => ({
              week: weekLabel(w.week),
              weekStart: w.week,
              value: w.value,
              sample: w.sample,
              status: planWeekStatus(key, w, m.targetValue, resolve(plan.vendorId, w.week).minSample),
            })),
          };
        }),
      );
      return { planId: plan.id, requiredWeeks: settings.achievedAfterWeeks, metrics };
    },
  );

  app.get(
    '/api/plans/:id/assignees',
    {
      config: { access: 'ops' },
      schema: { operationId: 'listPlanAssignees', tags, params: IdParams, response: { 200: Assignees, ...errors } },
    },
    async (request) => {
      const { today } = await planSettings(app.db);
      const plan = await planOr404(app.db, request.scope, request.params.id, today);
      return { items: await assigneesJson(plan.vendorId) };
    },
  );

  app.get(
    '/api/vendors/:id/plan-assignees',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'listVendorPlanAssignees',
        tags,
        params: IdParams,
        response: { 200: Assignees, ...errors },
      },
    },
    async (request) => ({ items: await assigneesJson(request.params.id) }),
  );

  async function assigneesJson(vendorId: number) {
    const users = await listAssignees(app.db, vendorId);
    return users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, vendorId: u.vendor_id }));
  }

  async function planDetail(id: number, request: FastifyRequest) {
    const { today } = await planSettings(app.db);
    const plan = await planOr404(app.db, request.scope, id, today);
    const [meetings, items, history] = await Promise.all([
      listMeetings(app.db, id),
      listItems(app.db, id, today),
      listPlanEvents(app.db, id),
    ]);
    return {
      plan: planJson(plan, request.principal),
      meetings: meetings.map(meetingJson),
      items: items.map(itemJson),
      history: history.map(eventJson),
    };
  }
};

function meetingJson(m: { id: number; heldOn: string; attendees: string[]; notes: string; createdAt: Date }) {
  return { ...m, createdAt: m.createdAt.toISOString() };
}

export default plansRoutes;
