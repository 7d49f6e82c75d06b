/**
 * GET /api/reconciliation?vendorId&week&metric[&tolerance&onlyMismatches&limit&offset]: the cases of a
 * vendor-week where our figure and the help desk's own differ beyond a tolerance, with both values and the
 * rule that explains the difference, under the terms the week was computed with. Vendor users: their own only.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { requestedOrDefaultWeek } from '@scorecard/db/metrics/read';
import { termsForVendors } from '@scorecard/db/terms/formulas';
import { reconcileVendorWeek } from '@scorecard/db/terms/reconciliation';
import { findVendorName } from '@scorecard/db/vendors/vendors';
import { parseWeekLabel, weekLabel } from '@scorecard/domain/weeks';
import Type from 'typebox';
import { pageOf, PageQuery, WeekLabel, type PageLimits } from '../http/schemas.ts';
import { Problem } from '../http/problems.ts';

/** The Monday of an ISO week label; undefined when absent; 400 when not a week. */
function parsedWeek(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  const week = parseWeekLabel(label);
  if (!week) throw new Problem('bad-request', `${label} is not an ISO week`);
  return week;
}

const Problems = { $ref: 'ProblemDocument#' } as const;
const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems };
const N = Type.Union([Type.Number(), Type.Null()]);
const Item = Type.Object({
  caseId: Type.Integer(),
  externalId: Type.String(),
  createdAt: Type.String(),
  eventAt: Type.Union([Type.String(), Type.Null()]),
  clock: Type.String(),
  oursMinutes: N,
  theirsMinutes: N,
  differenceMinutes: N,
  oursCalendarMinutes: N,
  oursBusinessMinutes: N,
  theirsCalendarMinutes: N,
  theirsBusinessMinutes: N,
  matches: Type.Boolean(),
  rule: Type.String(),
});
const Reconciliation = Type.Object({
  vendorId: Type.Integer(),
  week: Type.String(),
  metric: Type.String(),
  formula: Type.String(),
  toleranceMinutes: Type.Number(),
  compared: Type.Integer(),
  mismatched: Type.Integer(),
  items: Type.Array(Item),
  total: Type.Integer(),
});

/** One page of a vendor-week's compared cases. */
const RECONCILIATION_PAGE: PageLimits = { maxLimit: 1000, defaultLimit: 100 };

const reconciliationRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  app.get(
    '/api/reconciliation',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getReconciliation',
        tags: ['terms'],
        querystring: Type.Object(
          {
            vendorId: Type.Integer({ minimum: 1 }),
            week: Type.Optional(WeekLabel()),
            metric: Type.Union([Type.Literal('frt'), Type.Literal('resolution_time')]),
            tolerance: Type.Number({ minimum: 0, maximum: 10_000, default: 1, description: 'minutes' }),
            onlyMismatches: Type.Boolean({ default: true }),
            ...PageQuery(RECONCILIATION_PAGE),
          },
          { additionalProperties: false },
        ),
        response: { 200: Reconciliation, ...problems },
      },
    },
    async (request) => {
      const q = request.query;
      const { limit, offset } = pageOf(q, RECONCILIATION_PAGE);
      const scope = request.scope;
      if (!(await findVendorName(app.db, q.vendorId, scope))) throw new Problem('not-found', `No vendor ${q.vendorId}`);
      const week = await requestedOrDefaultWeek(app.db, parsedWeek(q.week), q.vendorId);
      const { compared, rows } = await reconcileVendorWeek(app.db, {
        vendorId: q.vendorId,
        week,
        metric: q.metric,
        toleranceMinutes: q.tolerance,
      });
      const listed = q.onlyMismatches ? rows.filter((r) => !r.matches) : rows;
      const terms = (await termsForVendors(app.db, [q.vendorId], week)).get(q.vendorId)!;
      return {
        vendorId: q.vendorId,
        week: weekLabel(week),
        metric: q.metric,
        formula: terms.formulas[q.metric],
        toleranceMinutes: q.tolerance,
        compared,
        mismatched: rows.filter((r) => !r.matches).length,
        items: listed.slice(offset, offset + limit),
        total: listed.length,
      };
    },
  );
  done();
};

export default reconciliationRoutes;
