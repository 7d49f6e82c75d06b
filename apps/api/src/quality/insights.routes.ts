/**
 * The week's quality figures per vendor, the calibration gap per criterion, the knowledge-gap ranking and
 * the organisation's quality settings. Figures are computed from sums read in SQL, scoped to the caller.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readQualitySettings, updateQualitySettings } from '@scorecard/db/quality/settings';
import { knowledgeGaps } from '@scorecard/db/quality/knowledge-gaps';
import { calibrationByCriterion, weeklyQuality } from '@scorecard/db/quality/weekly';
import { MEAN_INTERVAL, meanScoreInterval, percent, QUALITY_METRICS } from '@scorecard/domain/quality/metrics';
import { compareRules, describeRule } from '@scorecard/domain/quality/scoring';
import { parseWeekLabel, weekLabel } from '@scorecard/domain/weeks';
import { Problem } from '../http/problems.ts';
import {
  Calibration,
  CalibrationQuery,
  GAPS_PAGE,
  GapsQuery,
  KnowledgeGaps,
  QualitySettings,
  QualitySettingsPatch,
  WeeklyQuality,
  WeeklyQuery,
} from './quality.schemas.ts';
import { pageOf } from '../http/schemas.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem };
const tags = ['quality'];

function weekStart(label: string): string {
  const start = parseWeekLabel(label);
  if (!start) throw new Problem('bad-request', `${label} is not an ISO week.`);
  return start;
}

const figure = (numerator: number, denominator: number) => ({
  value: percent(numerator, denominator),
  numerator,
  denominator,
});

const insightsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/quality/weekly',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getWeeklyQuality',
        tags,
        querystring: WeeklyQuery,
        response: { 200: WeeklyQuality, ...errors },
      },
    },
    async (request) => {
      const rows = await weeklyQuality(app.db, request.scope, weekStart(request.query.week), request.query.vendorId);
      const reference = rows.find((r) => r.rules.length > 0)?.rules ?? [];
      return {
        week: request.query.week,
        definitions: QUALITY_METRICS.map(({ key, label, unit, definition }) => ({ key, label, unit, definition })),
        interval: MEAN_INTERVAL,
        vendors: rows.map((r) => {
          const comparison = compareRules(reference, r.rules);
          return {
            vendorId: r.vendorId,
            vendorName: r.vendorName,
            qualityScore: {
              value: r.scored === 0 ? null : r.scoreSum / r.scored,
              n: r.scored,
              interval: meanScoreInterval(r.scored, r.scoreSum, r.scoreSquares),
            },
            fatalErrorRate: figure(r.fatal, r.reviews),
            calibrationGap: { value: r.calibrationGap, pairs: r.calibrationPairs },
            disputeRate: figure(r.disputed, r.reviews),
            disputeAcceptanceRate: figure(r.disputesAccepted, r.disputesDecided),
            avoidableEscalationRate: figure(r.escalationsAvoidable, r.escalationReviews),
            openDisputes: r.openDisputes,
            rules: r.rules.map(describeRule),
            comparable: comparison.comparable,
            differences: comparison.differences,
          };
        }),
      };
    },
  );

  app.get(
    '/api/quality/calibration',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getQualityCalibration',
        tags,
        querystring: CalibrationQuery,
        response: { 200: Calibration, ...errors },
      },
    },
    async (request) =>
      calibrationByCriterion(app.db, request.scope, request.query.vendorId, weekStart(request.query.week)),
  );

  app.get(
    '/api/quality/knowledge-gaps',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getKnowledgeGaps',
        tags,
        querystring: GapsQuery,
        response: { 200: KnowledgeGaps, ...errors },
      },
    },
    async (request) => {
      const { week, vendorId } = request.query;
      const { limit, offset } = pageOf(request.query, GAPS_PAGE);
      const { total, rows } = await knowledgeGaps(
        app.db,
        request.scope,
        {
          ...(week === undefined ? {} : { week: weekStart(week) }),
          ...(vendorId === undefined ? {} : { vendorId }),
        },
        { limit, offset },
      );
      return { total, limit, offset, gaps: rows.map((r) => ({ ...r, week: weekLabel(r.week) })) };
    },
  );

  app.get(
    '/api/settings/quality',
    {
      config: { access: 'admin' },
      schema: { operationId: 'getQualitySettings', tags, response: { 200: QualitySettings, ...errors } },
    },
    async () => readQualitySettings(app.db),
  );

  app.put(
    '/api/settings/quality',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updateQualitySettings',
        tags,
        body: QualitySettingsPatch,
        response: { 200: QualitySettings, ...errors },
      },
    },
    async (request) => updateQualitySettings(app.db, request.body),
  );
};

export default insightsRoutes;
