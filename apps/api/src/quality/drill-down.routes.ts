/**
 * GET /api/quality/drill-down: the reviews behind a quality figure of the scorecard (vendor, review week,
 * metric, optionally queue and channel), each with how it counts and its case's own week beside the review
 * week. The rows are those the weekly quality parts are summed from, so the counted rows rebuild the cell.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { qualityDrillDown } from '@scorecard/db/quality/drill-down';
import { metricDefinition, QUALITY_METRIC_KEYS } from '@scorecard/domain/metrics/catalogue';
import { explainQualityContribution, type QualityFigureKey } from '@scorecard/domain/quality/metrics';
import { parseWeekLabel, weekLabel } from '@scorecard/domain/weeks';
import Type from 'typebox';
import { ChannelSchema } from '../http/channel.ts';
import { Problem } from '../http/problems.ts';
import { WeekLabel } from '../http/schemas.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem };
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const DrillDownQuery = Type.Object(
  {
    vendorId: Type.Integer({ minimum: 1 }),
    week: WeekLabel(),
    metric: Type.Union(QUALITY_METRIC_KEYS.map((k) => Type.Literal(k))),
    queue: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    channel: Type.Optional(ChannelSchema),
  },
  { additionalProperties: false },
);

const DrillDown = Type.Object({
  vendorId: Type.Integer(),
  week: Type.String(),
  metric: Type.String(),
  label: Type.String(),
  /** Rows listed, and those in the figure's denominator. */
  total: Type.Integer(),
  counted: Type.Integer(),
  items: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('review'), Type.Literal('escalation')]),
      reviewId: Nullable(Type.Integer()),
      escalationReviewId: Nullable(Type.Integer()),
      caseId: Type.Integer(),
      caseExternalId: Type.String(),
      /** The case's own (arrival) week; the row counts in `week`, the week the review was made. */
      caseWeek: Type.String(),
      week: Type.String(),
      reviewedAt: Type.String({ format: 'date-time' }),
      queue: Nullable(Type.String()),
      channel: Type.String(),
      score: Nullable(Type.Number()),
      fatal: Type.Boolean(),
      disputeStatus: Nullable(Type.String()),
      vendorReviewId: Nullable(Type.Integer()),
      vendorScore: Nullable(Type.Number()),
      gap: Nullable(Type.Number()),
      verdict: Nullable(Type.String()),
      contributes: Type.Boolean(),
      outcome: Type.String(),
      why: Type.String(),
    }),
  ),
});

const drillDownRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/quality/drill-down',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getQualityDrillDown',
        tags: ['quality', 'metrics'],
        querystring: DrillDownQuery,
        response: { 200: DrillDown, ...errors },
      },
    },
    async (request) => {
      const { vendorId, week, metric, queue, channel } = request.query;
      if (request.scope.kind === 'vendor' && request.scope.vendorId !== vendorId) {
        throw new Problem('not-found', `No vendor ${vendorId}`);
      }
      const monday = parseWeekLabel(week);
      if (!monday) throw new Problem('bad-request', `${week} is not an ISO week.`);
      const kind = metric === 'avoidable_escalation_rate' ? 'escalation' : 'review';
      const rows = await qualityDrillDown(app.db, request.scope, { vendorId, week: monday, kind, queue, channel });
      const items = rows.map((r) => ({
        ...r,
        caseWeek: weekLabel(r.caseWeek),
        week: weekLabel(r.week),
        reviewedAt: r.reviewedAt.toISOString(),
        ...explainQualityContribution(metric as QualityFigureKey, r),
      }));
      return {
        vendorId,
        week,
        metric,
        label: metricDefinition(metric).label,
        total: items.length,
        counted: items.filter((i) => i.contributes).length,
        items,
      };
    },
  );
};

export default drillDownRoutes;
