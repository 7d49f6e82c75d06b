/**
 * What the review pages need around the reviews themselves: a case's facts beside the form (scoped), the
 * sample cases assigned to the caller, and who may be assigned sample cases.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findCaseFacts } from '@scorecard/db/quality/case-facts';
import { listAssignedSampleCases, listReviewers } from '@scorecard/db/quality/sampling';
import { weekLabel } from '@scorecard/domain/weeks';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { Assignment, CaseFacts, CaseParams, Reviewer } from './quality.schemas.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem };
const tags = ['quality'];

const caseworkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/quality/cases/:caseId',
    {
      config: { access: 'read' },
      schema: { operationId: 'getQualityCaseFacts', tags, params: CaseParams, response: { 200: CaseFacts, ...errors } },
    },
    async (request) => {
      const facts = await findCaseFacts(app.db, request.scope, request.params.caseId);
      if (!facts) throw new Problem('not-found', `No case ${request.params.caseId}.`);
      return {
        ...facts,
        createdAt: facts.createdAt.toISOString(),
        week: weekLabel(facts.week),
        firstResponseAt: facts.firstResponseAt?.toISOString() ?? null,
        solvedAt: facts.solvedAt?.toISOString() ?? null,
      };
    },
  );

  app.get(
    '/api/quality/assignments',
    {
      config: { access: 'ops' },
      schema: { operationId: 'listMyQualityAssignments', tags, response: { 200: Type.Array(Assignment), ...errors } },
    },
    async (request) => {
      const userId = request.principal?.userId;
      // An API token is nobody's reviewer.
      return userId == null ? [] : listAssignedSampleCases(app.db, userId);
    },
  );

  app.get(
    '/api/quality/reviewers',
    {
      config: { access: 'ops' },
      schema: { operationId: 'listQualityReviewers', tags, response: { 200: Type.Array(Reviewer), ...errors } },
    },
    async () => listReviewers(app.db),
  );
};

export default caseworkRoutes;
