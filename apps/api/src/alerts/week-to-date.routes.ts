/**
 * The week-to-date scorecard with projections and the plan forecast (docs/alerts.md). The current
 * week is marked partial and never ranked: its rows carry no rank or composite to compare with complete weeks.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadPlanForecast } from '@scorecard/db/alerts/plan-forecast';
import { loadWeekToDate } from '@scorecard/db/alerts/week-to-date';
import { findPlan, planSettings } from '@scorecard/db/plans/plans';
import { termsResolver } from '@scorecard/db/terms/formulas';
import { vendorNames } from '@scorecard/db/vendors/vendors';
import { weekLabel } from '@scorecard/domain/weeks';
import { Problem } from '../http/problems.ts';
import { IdParams, PlanForecast, problems, WeekToDate, WeekToDateQuery } from './alerts.schemas.ts';

const weekToDateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/scorecards/week-to-date',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getWeekToDateScorecard',
        tags: ['scorecards'],
        querystring: WeekToDateQuery,
        response: { 200: WeekToDate, ...problems },
      },
    },
    async (request) => {
      const scope = request.scope;
      const asked = request.query.vendorId;
      if (scope.kind === 'vendor' && asked !== undefined && asked !== scope.vendorId)
        throw new Problem('not-found', `No vendor ${asked}.`);
      const vendorId = scope.kind === 'vendor' ? scope.vendorId : asked;
      const result = await loadWeekToDate(app.db, new Date(), vendorId);
      const names = await vendorNames(app.db);
      if (vendorId !== undefined && !names.has(vendorId)) throw new Problem('not-found', `No vendor ${vendorId}.`);
      return {
        week: weekLabel(result.week),
        weekStart: result.week,
        ...result.marking,
        patternWeeks: result.patternWeeks,
        ranked: false as const,
        rows: result.rows.map((row) => ({ ...row, vendorName: names.get(row.vendorId) ?? '' })),
      };
    },
  );

  app.get(
    '/api/plans/:id/forecast',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getPlanForecast',
        tags: ['plans'],
        params: IdParams,
        response: { 200: PlanForecast, ...problems },
      },
    },
    async (request) => {
      const now = new Date();
      const settings = await planSettings(app.db, now);
      const plan = await findPlan(app.db, request.scope, request.params.id, settings.today);
      if (!plan) throw new Problem('not-found', `No plan ${request.params.id}.`);
      const [weekToDate, resolve] = await Promise.all([
        loadWeekToDate(app.db, now, plan.vendorId),
        termsResolver(app.db),
      ]);
      const { sample: _sample, ...forecast } = await loadPlanForecast(
        app.db,
        plan,
        weekToDate,
        settings.achievedAfterWeeks,
        resolve,
      );
      return { planId: plan.id, week: weekLabel(weekToDate.week), ...forecast };
    },
  );
};

export default weekToDateRoutes;
