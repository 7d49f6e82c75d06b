/**
 * Sampling plans (ops only: vendors must not know which of their cases are drawn): create and draw, read
 * with what is done and due, list.
 */
import { findVendorArchiveState } from '@scorecard/db/vendors/archive';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findForm } from '@scorecard/db/quality/forms';
import {
  countActiveReviewers,
  createSamplingPlan,
  findSamplingPlan,
  listSamplingPlanIds,
} from '@scorecard/db/quality/sampling';
import { parseWeekLabel } from '@scorecard/domain/weeks';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { IdParams, NewSamplingPlanBody, SamplingPlan } from './quality.schemas.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
const tags = ['quality'];

/** `2026-W47` → the week and its Monday; `2026-11` → the month and its first day. */
function periodOf(label: string): { period: 'week' | 'month'; periodStart: string } {
  if (label.includes('W')) {
    const monday = parseWeekLabel(label);
    if (!monday) throw new Problem('bad-request', `${label} is not an ISO week.`);
    return { period: 'week', periodStart: monday };
  }
  const month = Number(label.slice(5));
  if (month < 1 || month > 12) throw new Problem('bad-request', `${label} is not a month.`);
  return { period: 'month', periodStart: `${label}-01` };
}

const samplingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function planJson(id: number) {
    const found = await findSamplingPlan(app.db, id);
    if (!found) throw new Problem('not-found', `No sampling plan ${id}.`);
    const { plan, cases } = found;
    const done = cases.filter((c) => c.reviewId !== null).length;
    return {
      id: plan.id,
      vendorId: plan.vendor_id,
      queue: plan.queue,
      channel: plan.channel,
      period: plan.period as 'week' | 'month',
      periodStart: plan.period_start,
      formId: plan.form_id,
      marginPoints: plan.margin_points,
      confidence: plan.confidence,
      doubleAuditShare: plan.double_audit_share,
      population: plan.population,
      sampleSize: plan.sample_size,
      done,
      due: cases.length - done,
      cases,
    };
  }

  app.post(
    '/api/quality/sampling-plans',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'createSamplingPlan',
        tags,
        body: NewSamplingPlanBody,
        response: { 201: SamplingPlan, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const form = await findForm(app.db, body.formId);
      if (!form) throw new Problem('not-found', `No quality form ${body.formId}.`);
      if (form.status !== 'published') throw new Problem('conflict', `Form ${body.formId} is a draft.`);
      const vendor = await findVendorArchiveState(app.db, body.vendorId);
      if (!vendor) throw new Problem('not-found', `No vendor ${body.vendorId}.`);
      if (vendor.archivedAt !== null)
        throw new Problem('conflict', `${vendor.name} is archived: no new samples are drawn; restore it first.`);
      if ((await countActiveReviewers(app.db, body.reviewerUserIds)) !== body.reviewerUserIds.length) {
        throw new Problem('bad-request', 'Every reviewer must be an active admin or ops user.');
      }
      const id = await app.db.transaction().execute((trx) =>
        createSamplingPlan(trx, {
          vendorId: body.vendorId,
          queue: body.queue ?? null,
          channel: body.channel ?? null,
          ...periodOf(body.period),
          formId: body.formId,
          marginPoints: body.marginPoints,
          confidence: body.confidence,
          doubleAuditShare: body.doubleAuditShare ?? 0,
          reviewerUserIds: body.reviewerUserIds,
          createdBy: request.principal?.userId ?? null,
        }),
      );
      if (id === null) throw new Problem('conflict', 'A plan for this vendor, scope and period exists.');
      return reply.code(201).send(await planJson(id));
    },
  );

  app.get(
    '/api/quality/sampling-plans/:id',
    {
      config: { access: 'ops' },
      schema: { operationId: 'getSamplingPlan', tags, params: IdParams, response: { 200: SamplingPlan, ...errors } },
    },
    async (request) => planJson(request.params.id),
  );

  app.get(
    '/api/quality/sampling-plans',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'listSamplingPlans',
        tags,
        querystring: Type.Object(
          { vendorId: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(SamplingPlan), ...errors },
      },
    },
    async (request) => Promise.all((await listSamplingPlanIds(app.db, request.query.vendorId)).map(planJson)),
  );
};

export default samplingRoutes;
