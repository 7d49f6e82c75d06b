/**
 * Metrics read API: GET /api/scorecards, /api/vendors/:id/trends, /api/vendors/:id/breakdown.
 * Vendor users see their own vendor only (404 for another vendor; scorecard rows filtered to theirs).
 * Every figure is read from `app.generations.freshDb`: the read replica once it holds the request's
 * generations, else the primary (docs/scaling.md "Read replicas").
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '@scorecard/db/database';
import { availableWeeks } from '@scorecard/db/metrics/read';
import { dataGeneration } from '@scorecard/db/serving/generations';
import { readOrganisationSettings } from '@scorecard/db/metrics/settings';
import { termsForVendors } from '@scorecard/db/terms/formulas';
import { compareRules, describeRuleChoices } from '@scorecard/domain/quality/scoring';
import { currentWeekClock, weekLabel } from '@scorecard/domain/weeks';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import { resolveWeek } from '../http/default-week.ts';
import { Problem } from '../http/problems.ts';
import { vendorInScope } from '../http/vendor-in-scope.ts';
import {
  Breakdown,
  BreakdownQuery,
  MixDecomposition,
  MixQuery,
  Problems,
  Scorecard,
  ScorecardQuery,
  Trends,
  TrendsQuery,
  VendorParams,
} from './scorecards.schemas.ts';
import { GenerationCache } from '../http/generation-cache.ts';
import { scorecardResponse, type ScorecardHeader, type ScorecardRow } from './scorecard-response.ts';
import { encodeJson, sendEncodedJson, type EncodedJson } from '../http/encoded-json.ts';
import {
  buildBreakdown,
  buildMixDecomposition,
  buildScorecard,
  buildTrends,
  type ScorecardFilter,
} from './scorecards.views.ts';

const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems };

export function scopeVendorId(scope: VendorScope): number | undefined {
  return scope.kind === 'vendor' ? scope.vendorId : undefined;
}

/** Every vendor's row with the contract terms it was computed under (docs/terms.md), before scoping. */
async function assembleScorecard(db: Db, week: string, filter: ScorecardFilter) {
  const { vendors, ...header } = await buildScorecard(db, undefined, week, filter);
  const terms = await termsForVendors(
    db,
    vendors.map((v) => v.vendorId),
    week,
    { queue: filter.queue, channel: filter.channel },
  );
  // Quality figures side by side only under one and the same scoring rule: each vendor against the first
  // vendor with reviews (as GET /api/quality/weekly compares them).
  const reference = [...terms.values()].find((t) => t.qualityRules.length > 0)?.qualityRules ?? [];
  const rows = vendors.map((v): ScorecardRow => {
    const t = terms.get(v.vendorId);
    if (!t) throw new Error(`No terms resolved for vendor ${v.vendorId}`);
    return {
      ...v,
      terms: {
        calendarName: t.calendarName,
        formulas: t.formulas,
        minSample: t.terms.minSample,
        compositeWeights: t.terms.compositeWeights,
        statusRule: t.statusRule,
        compositeFormula: t.compositeFormula,
      },
      qualityRules: t.qualityRules.map(describeRuleChoices),
      qualityComparable: t.qualityRules.length === 0 ? null : compareRules(reference, t.qualityRules).comparable,
    };
  });
  return { header, rows };
}

/**
 * A vendor user's row without the figures derived from the other vendors' results (docs/security.md
 * "Vendor isolation"): the rank and the case-mix-adjusted composite, which is standardised to the pooled mix
 * of every vendor. Shown only when the organisation shares rank.
 */
function withoutCrossVendorFigures(row: ScorecardRow): ScorecardRow {
  // Comparability is judged against another vendor's scoring rules.
  return { ...row, rank: null, adjustedComposite: null, qualityComparable: null };
}

const scorecardsRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  // Per app instance, under the data generation (docs/metrics.md "Serving"): every vendor's scorecard (ranks
  // need them all), the bytes served to each scope, and the weeks with data.
  const scorecardCache = new GenerationCache<{ header: ScorecardHeader; rows: ScorecardRow[] }>();
  const bodyCache = new GenerationCache<EncodedJson>();
  const weekCache = new GenerationCache<string[]>();
  const settingsCache = new GenerationCache<{ reportingTimeZone: string; shareRank: boolean }>();
  const currentWeek = currentWeekClock();
  app.get(
    '/api/scorecards',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getScorecard',
        tags: ['metrics'],
        querystring: ScorecardQuery,
        response: { 200: Scorecard, ...problems },
      },
    },
    async (request, reply) => {
      const vendorId = scopeVendorId(request.scope);
      const { queue, channel, rankBy } = request.query;
      // Read before computing: an entry is never labelled with a generation newer than its data.
      const generation = dataGeneration(await app.generations.ofRequest(request));
      // Only a cache miss asks which database is fresh enough (the replica or the primary).
      const db = () => app.generations.freshDb(request);
      const weeksOf = async (id: number | undefined) =>
        weekCache.get(String(id ?? 'all'), generation, async () => availableWeeks(await db(), id));
      // Settings live in organisation_settings, whose every change moves the generation: cached with the data.
      const settings = () =>
        settingsCache.get('settings', generation, async () => {
          const { reportingTimeZone, shareRankWithVendors } = await readOrganisationSettings(await db());
          return { reportingTimeZone, shareRank: shareRankWithVendors };
        });
      const [week, { reportingTimeZone, shareRank: organisationSharesRank }] = await Promise.all([
        resolveWeek(app.db, request.query.week, vendorId, weeksOf, async () => (await settings()).reportingTimeZone),
        settings(),
      ]);
      const current = currentWeek(new Date(), reportingTimeZone);
      const filter = { queue, channel, rankBy };
      // The current week is in the key: a week's "partial" mark ends when the next week begins.
      const allKey = JSON.stringify([week, queue, channel, rankBy ?? 'raw', current]);
      const shareRank = vendorId !== undefined && organisationSharesRank;
      const bodyKey = JSON.stringify([allKey, vendorId, shareRank]);
      const body = await bodyCache.get(bodyKey, generation, async () => {
        const all = await scorecardCache.get(allKey, generation, async () => {
          const { header, rows } = await assembleScorecard(await db(), week, filter);
          return { header: { ...header, currentWeek: weekLabel(current), partial: week >= current }, rows };
        });
        const response =
          vendorId === undefined
            ? scorecardResponse(all.header, all.rows)
            : scorecardResponse(
                { ...all.header, availableWeeks: (await weeksOf(vendorId)).map(weekLabel) },
                all.rows
                  .filter((v) => v.vendorId === vendorId)
                  .map((v) => (shareRank ? v : withoutCrossVendorFigures(v))),
              );
        return encodeJson(reply.serialize(response));
      });
      return sendEncodedJson(request, reply, body);
    },
  );

  app.get(
    '/api/vendors/:id/trends',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getVendorTrends',
        tags: ['metrics'],
        params: VendorParams,
        querystring: TrendsQuery,
        response: { 200: Trends, ...problems },
      },
    },
    async (request) => {
      const db = await app.generations.freshDb(request);
      const name = await vendorInScope(db, request.scope, request.params.id);
      const endWeek = await resolveWeek(db, request.query.endWeek, request.params.id);
      return buildTrends(db, request.params.id, name, endWeek, request.query.weeks ?? 12);
    },
  );

  app.get(
    '/api/vendors/:id/breakdown',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getVendorBreakdown',
        tags: ['metrics'],
        params: VendorParams,
        querystring: BreakdownQuery,
        response: { 200: Breakdown, ...problems },
      },
    },
    async (request) => {
      const db = await app.generations.freshDb(request);
      const name = await vendorInScope(db, request.scope, request.params.id);
      const week = await resolveWeek(db, request.query.week, request.params.id);
      return buildBreakdown(db, request.params.id, name, week, request.query.by);
    },
  );
  app.get(
    '/api/vendors/:id/mix',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getVendorMixDecomposition',
        tags: ['metrics'],
        params: VendorParams,
        querystring: MixQuery,
        response: { 200: MixDecomposition, ...problems },
      },
    },
    async (request) => {
      // The others' pooled figures are other vendors' data: a vendor user gets 404, as for another vendor.
      if (request.scope.kind === 'vendor') throw new Problem('not-found', `No vendor ${request.params.id}`);
      const db = await app.generations.freshDb(request);
      const name = await vendorInScope(db, request.scope, request.params.id);
      const week = await resolveWeek(db, request.query.week, request.params.id);
      return buildMixDecomposition(db, request.params.id, name, week);
    },
  );
  done();
};

export default scorecardsRoutes;
