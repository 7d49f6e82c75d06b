/**
 * Every figure of a statement drills to the month's cases behind it and to the terms in force
 * (docs/credits.md "Drill-down"): the cases in the weekly drill-down's shape and words (http/case-items.ts,
 * packages/db/src/cases/case-list.ts) over the statement's calendar month, and the money terms, forecast,
 * relief events and metric contract terms the statement was computed under. Scope and amounts as the
 * statement itself: a vendor user reaches only its own statements past draft; hidden amounts are null.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { countCases, findCases, SORTS, type CaseFilter, type SortKey } from '@scorecard/db/cases/case-list';
import { findCreditTermsVersion, monthInputs } from '@scorecard/db/credits/credit-terms';
import { findInvoiceVersion } from '@scorecard/db/credits/invoices';
import { monthStart, type StoredStatement } from '@scorecard/db/credits/statements';
import { termsForVendors } from '@scorecard/db/terms/formulas';
import type { MetricKey } from '@scorecard/domain/metrics/catalogue';
import { addWeeks } from '@scorecard/domain/weeks';
import Type, { type Static } from 'typebox';
import { CASE_PAGE, CaseItem, toCaseItem } from '../http/case-items.ts';
import { csvStream, type CsvValue } from '../http/csv.ts';
import { Problem } from '../http/problems.ts';
import { pageOf, PageQuery } from '../http/schemas.ts';
import { Metric, Problems } from './credits.schemas.ts';
import { amountsShown, statementInScope } from './statements.service.ts';

const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems };
const tags = ['credits'];
const CSV_BATCH = 5_000;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([Type.Null(), schema]);

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Ordering = {
  metric: Metric,
  sort: Type.Optional(
    Type.Union(
      Object.keys(SORTS).map((k) => Type.Literal(k)),
      { default: 'createdAt' },
    ),
  ),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' })),
  include: Type.Optional(
    Type.Union([Type.Literal('counted'), Type.Literal('all')], {
      default: 'counted',
      description: "counted: the cases in the line's n; all: every case attributed to the month, each with its why",
    }),
  ),
};
const CasesQuery = Type.Object(
  {
    ...Ordering,
    ...PageQuery(CASE_PAGE),
  },
  { additionalProperties: false },
);
const CsvQuery = Type.Object(Ordering, { additionalProperties: false });

const LineCases = Type.Object({
  statementId: Type.Integer(),
  month: Type.String(),
  metric: Type.String(),
  status: Type.String(),
  lineN: Type.Number({ description: 'the n the statement states for the line (frozen once final)' }),
  total: Type.Integer({ description: 'the cases matching now, before paging' }),
  items: Type.Array(CaseItem),
});

const StatementTerms = Type.Object({
  statementId: Type.Integer(),
  month: Type.String(),
  money: Type.Object({
    termsId: Type.Integer(),
    version: Type.Integer({ description: 'the version of the dated terms the statement was computed under' }),
    supersededAt: Nullable(Type.String({ description: 'when a later version replaced it; null: still in force' })),
    effectiveMonth: Type.String(),
    currency: Type.String(),
    invoiceMinor: Nullable(Type.Integer({ description: "the month's invoice the statement used" })),
    atRiskBp: Type.Integer(),
    poolBp: Type.Integer(),
    capBp: Nullable(Type.Integer()),
    defaultRule: Type.Object({ misses: Type.Integer(), windowMonths: Type.Integer() }),
    earnBackMonths: Nullable(Type.Integer()),
    bonusBp: Nullable(Type.Integer()),
    volumeLowBp: Type.Integer(),
    volumeHighBp: Type.Integer(),
    note: Nullable(Type.String()),
  }),
  levels: Type.Array(
    Type.Object({
      metric: Type.String(),
      kind: Type.String(),
      expected: Type.Number(),
      minimum: Type.Number(),
      allocationBp: Type.Integer(),
      bonusLevel: Nullable(Type.Number()),
      volumeSensitive: Type.Boolean(),
      /** How the metric is computed in each week of the month whose contract terms differ from the week before. */
      metricTerms: Type.Array(Type.Object({ fromWeek: Type.String(), formula: Type.String() })),
    }),
  ),
  forecast: Nullable(Type.Integer()),
  reliefEvents: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      startsAt: Type.String(),
      endsAt: Type.String(),
      metrics: Type.Array(Type.String()),
      caseIds: Type.Array(Type.Integer()),
      agreed: Type.Boolean(),
    }),
  ),
});

/** The Mondays of the weeks that overlap the month 'YYYY-MM'. */
export function weeksOfMonth(month: string): string[] {
  const first = new Date(`${month}-01T00:00:00Z`);
  const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
  const monday = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  const weeks: string[] = [];
  for (let week = monday; week < next; week = addWeeks(week, 1)) weeks.push(week);
  return weeks;
}

function lineOf(stored: StoredStatement, metric: MetricKey) {
  const line = stored.computed.lines.find((l) => l.metric === metric);
  if (!line) throw new Problem('not-found', `Statement ${stored.id} has no ${metric} line`);
  return line;
}

function lineFilter(stored: StoredStatement, query: Static<typeof CsvQuery>): CaseFilter {
  return {
    vendorId: stored.vendorId,
    period: { start: monthStart(stored.month), unit: 'month' },
    metric: query.metric,
    contributing: (query.include ?? 'counted') === 'counted',
  };
}

const statementDrillRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  app.get(
    '/api/credits/statements/:id/cases',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listStatementLineCases',
        tags,
        params: Id,
        querystring: CasesQuery,
        response: { 200: LineCases, ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { metric } = request.query;
      const stored = await statementInScope(app.db, request.scope, id);
      const line = lineOf(stored, metric);
      const filter = lineFilter(stored, request.query);
      const page = {
        sort: (request.query.sort ?? 'createdAt') as SortKey,
        order: request.query.order ?? 'asc',
        ...pageOf(request.query, CASE_PAGE),
      };
      const [rows, total] = await Promise.all([
        findCases(app.db, request.scope, filter, page),
        countCases(app.db, filter),
      ]);
      return {
        statementId: id,
        month: stored.month,
        metric,
        status: stored.status,
        lineN: line.figure.n,
        total,
        items: rows.map((row) => toCaseItem(row, metric)),
      };
    },
  );

  app.get(
    '/api/credits/statements/:id/cases.csv',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'exportStatementLineCases',
        tags,
        params: Id,
        querystring: CsvQuery,
        produces: ['text/csv'],
        response: problems,
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { metric } = request.query;
      const stored = await statementInScope(app.db, request.scope, id);
      lineOf(stored, metric);
      const filter = lineFilter(stored, request.query);
      const header = Object.keys(CaseItem.properties);
      async function* rows(): AsyncIterable<CsvValue[]> {
        for (let offset = 0; ; offset += CSV_BATCH) {
          const batch = await findCases(app.db, request.scope, filter, {
            sort: request.query.sort ?? 'createdAt',
            order: request.query.order ?? 'asc',
            limit: CSV_BATCH,
            offset,
          });
          for (const row of batch) {
            const item = toCaseItem(row, metric) as Record<string, CsvValue>;
            yield header.map((column) => item[column]);
          }
          if (batch.length < CSV_BATCH) return;
        }
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="statement-${stored.vendorId}-${stored.month}-${metric}-cases.csv"`,
        )
        .send(csvStream(header, rows()));
    },
  );

  app.get(
    '/api/credits/statements/:id/terms',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getStatementTerms',
        tags,
        params: Id,
        response: { 200: StatementTerms, ...problems },
      },
    },
    async (request) => {
      const stored = await statementInScope(app.db, request.scope, request.params.id);
      const shown = await amountsShown(app.db, request.principal);
      // The version the statement was computed under, even once a change has superseded it.
      const money = await findCreditTermsVersion(app.db, stored.termsId);
      if (!money) throw new Problem('not-found', `The terms of statement ${stored.id} no longer exist`);
      const [inputs, invoice, weekly] = await Promise.all([
        monthInputs(app.db, stored.vendorId, monthStart(stored.month)),
        stored.invoiceId === null ? null : findInvoiceVersion(app.db, stored.invoiceId),
        Promise.all(
          weeksOfMonth(stored.month).map(async (week) => ({
            week,
            formulas: (await termsForVendors(app.db, [stored.vendorId], week)).get(stored.vendorId)?.formulas,
          })),
        ),
      ]);
      // The month's own invoice version the statement was computed with, even once superseded; else the terms'.
      const invoiceMinor = invoice?.invoiceMinor ?? money.invoiceMinor;
      return {
        statementId: stored.id,
        month: stored.month,
        money: {
          termsId: money.id,
          version: money.version,
          supersededAt: money.supersededAt,
          effectiveMonth: money.effectiveMonth.slice(0, 7),
          currency: money.currency,
          invoiceMinor: shown ? invoiceMinor : null,
          atRiskBp: money.atRiskBp,
          poolBp: money.poolBp,
          capBp: money.capBp,
          defaultRule: money.defaultRule,
          earnBackMonths: money.earnBackMonths,
          bonusBp: money.bonusBp,
          volumeLowBp: money.volumeLowBp,
          volumeHighBp: money.volumeHighBp,
          note: money.note,
        },
        levels: money.levels.map((level) => {
          const metricTerms: { fromWeek: string; formula: string }[] = [];
          for (const { week, formulas } of weekly) {
            const formula = formulas?.[level.metric];
            if (formula !== undefined && formula !== metricTerms.at(-1)?.formula)
              metricTerms.push({ fromWeek: week, formula });
          }
          return { ...level, metricTerms };
        }),
        forecast: inputs?.forecast ?? null,
        reliefEvents: (inputs?.reliefEvents ?? []).map((e) => ({
          ...e,
          startsAt: e.startsAt.toISOString(),
          endsAt: e.endsAt.toISOString(),
        })),
      };
    },
  );
  done();
};

export default statementDrillRoutes;
