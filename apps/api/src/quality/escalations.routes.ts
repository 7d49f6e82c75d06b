/**
 * Escalation reviews: the queue of a week's escalated cases (scoped), the in-house verdict (ops), and the
 * vendor user's acknowledgement of its own.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { acknowledgeEscalation, escalationQueue, reviewEscalation } from '@scorecard/db/quality/escalations';
import { parseWeekLabel, weekLabel } from '@scorecard/domain/weeks';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { reviewTime } from './quality.service.ts';
import { CaseParams, EscalatedCase, EscalationQuery, EscalationReviewBody } from './quality.schemas.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem };
const tags = ['quality'];

const escalationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function queue(scope: Parameters<typeof escalationQueue>[1], week: string, vendorId?: number) {
    const monday = parseWeekLabel(week);
    if (!monday) throw new Problem('bad-request', `${week} is not an ISO week.`);
    const rows = await escalationQueue(app.db, scope, monday, vendorId);
    return rows.map((r) => ({
      caseId: r.caseId,
      vendorId: r.vendorId,
      externalId: r.externalId,
      queue: r.queue,
      channel: r.channel,
      createdAt: r.createdAt.toISOString(),
      review:
        r.reviewId === null
          ? null
          : {
              id: r.reviewId,
              verdict: r.verdict!,
              rootCause: r.rootCause!,
              feedback: r.feedback!,
              reviewedAt: r.reviewedAt!.toISOString(),
              week: weekLabel(r.reviewWeek!),
              acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
            },
    }));
  }

  app.get(
    '/api/quality/escalations',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listEscalationReviews',
        tags,
        querystring: EscalationQuery,
        response: { 200: Type.Array(EscalatedCase), ...errors },
      },
    },
    async (request) => queue(request.scope, request.query.week, request.query.vendorId),
  );

  app.put(
    '/api/quality/escalations/:caseId',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'reviewEscalation',
        tags,
        params: CaseParams,
        body: EscalationReviewBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { verdict, rootCause, feedback, reviewedAt } = request.body;
      const found = await reviewEscalation(app.db, request.params.caseId, {
        verdict,
        rootCause,
        feedback: feedback ?? '',
        reviewedAt: reviewTime(reviewedAt),
        reviewerUserId: request.principal?.userId ?? null,
      });
      if (!found) throw new Problem('not-found', `No escalated case ${request.params.caseId}.`);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/quality/escalations/:caseId/acknowledgement',
    {
      config: { access: 'vendor' },
      schema: {
        operationId: 'acknowledgeEscalationReview',
        tags,
        params: CaseParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const found = await acknowledgeEscalation(
        app.db,
        request.scope,
        request.params.caseId,
        request.principal?.userId ?? null,
      );
      if (!found) throw new Problem('not-found', `No escalation review of case ${request.params.caseId}.`);
      return reply.code(204).send(null);
    },
  );
};

export default escalationsRoutes;
