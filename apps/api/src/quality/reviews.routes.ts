/**
 * Reviews and their disputes. Reads are scoped to the caller's vendor in SQL; a vendor user records its own
 * QA's reviews and disputes internal reviews of its cases; ops record internal reviews and decide disputes.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listDisputes } from '@scorecard/db/quality/disputes';
import { listReviews } from '@scorecard/db/quality/reviews';
import { parseWeekLabel } from '@scorecard/domain/weeks';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import {
  DecisionBody,
  Dispute,
  DisputeQuery,
  IdParams,
  NewDisputeBody,
  NewReviewBody,
  Review,
  ReviewDetail,
  ReviewQuery,
} from './quality.schemas.ts';
import {
  decide,
  disputeJson,
  hidesReviewers,
  openDispute,
  recordReview,
  reviewDetail,
  reviewJson,
} from './quality.service.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
const tags = ['quality'];

const reviewsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/quality/reviews',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'createQualityReview',
        tags,
        body: NewReviewBody,
        response: { 201: ReviewDetail, ...errors },
      },
    },
    async (request, reply) => {
      if (!request.principal) throw new Problem('unauthenticated', 'Sign in first.');
      const id = await recordReview(app.db, request.principal, request.scope, request.body);
      return reply.code(201).send(await reviewDetail(app.db, request.principal, request.scope, id));
    },
  );

  app.get(
    '/api/quality/reviews',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listQualityReviews',
        tags,
        querystring: ReviewQuery,
        response: { 200: Type.Array(Review), ...errors },
      },
    },
    async (request) => {
      const { week, ...rest } = request.query;
      const start = week === undefined ? undefined : parseWeekLabel(week);
      if (start === null) throw new Problem('bad-request', `${week} is not an ISO week.`);
      const hide = await hidesReviewers(app.db, request.principal);
      const rows = await listReviews(app.db, request.scope, { ...rest, ...(start ? { week: start } : {}) }, hide);
      return rows.map(reviewJson);
    },
  );

  app.get(
    '/api/quality/reviews/:id',
    {
      config: { access: 'read' },
      schema: { operationId: 'getQualityReview', tags, params: IdParams, response: { 200: ReviewDetail, ...errors } },
    },
    async (request) => reviewDetail(app.db, request.principal, request.scope, request.params.id),
  );

  app.post(
    '/api/quality/reviews/:id/disputes',
    {
      config: { access: 'vendor' },
      schema: {
        operationId: 'disputeQualityReview',
        tags,
        params: IdParams,
        body: NewDisputeBody,
        response: { 201: ReviewDetail, ...errors },
      },
    },
    async (request, reply) => {
      if (!request.principal) throw new Problem('unauthenticated', 'Sign in first.');
      await openDispute(app.db, request.principal, request.scope, request.params.id, request.body);
      return reply.code(201).send(await reviewDetail(app.db, request.principal, request.scope, request.params.id));
    },
  );

  app.get(
    '/api/quality/disputes',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listQualityDisputes',
        tags,
        querystring: DisputeQuery,
        response: { 200: Type.Array(Dispute), ...errors },
      },
    },
    async (request) => (await listDisputes(app.db, request.scope, request.query)).map(disputeJson),
  );

  app.post(
    '/api/quality/disputes/:id/decision',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'decideQualityDispute',
        tags,
        params: IdParams,
        body: DecisionBody,
        response: { 200: ReviewDetail, ...errors },
      },
    },
    async (request) => {
      if (!request.principal) throw new Problem('unauthenticated', 'Sign in first.');
      await decide(app.db, request.principal, request.params.id, request.body);
      const [dispute] = await listDisputes(app.db, { kind: 'all' }, { id: request.params.id });
      return reviewDetail(app.db, request.principal, request.scope, dispute!.reviewId);
    },
  );
};

export default reviewsRoutes;
