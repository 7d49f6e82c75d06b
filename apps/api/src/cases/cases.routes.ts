/**
 * GET /api/cases and /api/cases.csv: the cases behind one scorecard number (vendor, week, metric, optional
 * queue/channel), each with the fields that decided its contribution and why. Vendor users see their own only.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { dataGeneration } from '@scorecard/db/serving/generations';
import { termsForVendors } from '@scorecard/db/terms/formulas';
import { CASE_METRIC_KEYS } from '@scorecard/domain/metrics/catalogue';
import { weekLabel } from '@scorecard/domain/weeks';
import type { Db } from '@scorecard/db/database';
import type { FastifyRequest } from 'fastify';
import Type, { type Static } from 'typebox';
import { pageOf, PageQuery, WeekLabel } from '../http/schemas.ts';
import { ChannelSchema } from '../http/channel.ts';
import { csvStream, type CsvValue } from '../http/csv.ts';
import { encodeJson, sendEncodedJson, type EncodedJson } from '../http/encoded-json.ts';
import { GenerationCache } from '../http/generation-cache.ts';
import { Problem } from '../http/problems.ts';
import { resolveWeek } from '../http/default-week.ts';
import { countCases, findCases, SORTS, type CaseFilter, type SortKey } from '@scorecard/db/cases/case-list';
import { CASE_PAGE, CaseItem, toCaseItem } from '../http/case-items.ts';

const Problems = { $ref: 'ProblemDocument#' } as const;
const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems };
const CSV_BATCH = 5_000;

const Filters = {
  vendorId: Type.Optional(Type.Integer({ minimum: 1 })),
  // Absent: the week pages open on (the newest complete week with data), named in the answer.
  week: Type.Optional(WeekLabel()),
  metric: Type.Optional(
    Type.Union(
      // The review metrics drill down to the reviews (GET /api/quality/drill-down), not to cases.
      CASE_METRIC_KEYS.map((k) => Type.Literal(k)),
      { default: 'volume' },
    ),
  ),
  queue: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  channel: Type.Optional(ChannelSchema),
};
const Ordering = {
  sort: Type.Optional(
    Type.Union(
      Object.keys(SORTS).map((k) => Type.Literal(k)),
      { default: 'createdAt' },
    ),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
};
const CasesQuery = Type.Object(
  {
    ...Filters,
    ...Ordering,
    ...PageQuery(CASE_PAGE),
  },
  { additionalProperties: false },
);
// The export takes the table's filters and order, so the file lists the cases as the page showed them.
const CsvQuery = Type.Object({ ...Filters, ...Ordering }, { additionalProperties: false });

async function caseFilter(db: Db, request: FastifyRequest, query: Static<typeof CsvQuery>): Promise<CaseFilter> {
  const scope = request.scope;
  if (scope.kind === 'vendor' && query.vendorId !== undefined && query.vendorId !== scope.vendorId) {
    throw new Problem('not-found', `No vendor ${query.vendorId}`);
  }
  const week = await resolveWeek(db, query.week, scope.kind === 'vendor' ? scope.vendorId : query.vendorId);
  return {
    vendorId: scope.kind === 'vendor' ? scope.vendorId : query.vendorId,
    period: { start: week, unit: 'week' },
    metric: query.metric ?? 'volume',
    queue: query.queue,
    channel: query.channel,
  };
}

const casesRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  // Pages people open again and again (a vendor-week's drill-down from the scorecard and the report email).
  // An unanswered email turns from "not yet due" to "missed" as it ages, without a write: pages are kept for
  // a few seconds at most, so the drill-down is never later than that in showing it.
  const pageCache = new GenerationCache<EncodedJson>({ maxEntries: 200, maxAgeMs: 5_000 });
  app.get(
    '/api/cases',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listMetricCases',
        tags: ['metrics'],
        querystring: CasesQuery,
        response: {
          // formula: the rule the number was computed under, when one vendor is selected.
          200: Type.Object({
            week: Type.String(),
            items: Type.Array(CaseItem),
            total: Type.Integer(),
            formula: Type.Optional(Type.String()),
          }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      // The replica once it holds the request's generations, else the primary (docs/scaling.md "Read replicas").
      const db = await app.generations.freshDb(request);
      const filter = await caseFilter(db, request, request.query);
      const page = {
        sort: (request.query.sort ?? 'createdAt') as SortKey,
        order: request.query.order ?? 'asc',
        ...pageOf(request.query, CASE_PAGE),
      };
      // Read before computing (docs/metrics.md "Serving"); the key holds the scope, as the filter does.
      const generation = dataGeneration(await app.generations.ofRequest(request));
      // The scope is in the key: staff and the vendor's users see the same cases with different evidence.
      const key = JSON.stringify([request.scope, filter, page]);
      const body = await pageCache.get(key, generation, async () => {
        const [rows, total] = await Promise.all([findCases(db, request.scope, filter, page), countCases(db, filter)]);
        const terms =
          filter.vendorId === undefined
            ? undefined
            : (await termsForVendors(db, [filter.vendorId], filter.period.start, filter)).get(filter.vendorId);
        const items = rows.map((row) => toCaseItem(row, filter.metric));
        return encodeJson(
          reply.serialize({
            week: weekLabel(filter.period.start),
            items,
            total,
            formula: terms?.formulas[filter.metric],
          }),
        );
      });
      return sendEncodedJson(request, reply, body);
    },
  );

  app.get(
    '/api/cases.csv',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'exportMetricCases',
        tags: ['metrics'],
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: problems,
      },
    },
    async (request, reply) => {
      const db = await app.generations.freshDb(request);
      const filter = await caseFilter(db, request, request.query);
      const header = Object.keys(CaseItem.properties);
      async function* rows(): AsyncIterable<CsvValue[]> {
        for (let offset = 0; ; offset += CSV_BATCH) {
          const batch = await findCases(db, request.scope, filter, {
            sort: request.query.sort ?? 'createdAt',
            order: request.query.order ?? 'asc',
            limit: CSV_BATCH,
            offset,
          });
          for (const row of batch) {
            const item = toCaseItem(row, filter.metric) as Record<string, CsvValue>;
            yield header.map((column) => item[column]);
          }
          if (batch.length < CSV_BATCH) return;
        }
      }
      const name = `cases-${weekLabel(filter.period.start)}-${filter.metric}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(csvStream(header, rows()));
    },
  );
  done();
};

export default casesRoutes;
