/**
 * The inputs of a statement (docs/credits.md), finance only: money terms dated by month with their
 * service levels, a month's own invoice amount, volume forecasts per vendor and month, and relief events; and
 * (admin) whether ops see amounts.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { listCreditTerms, upsertCreditTerms } from '@scorecard/db/credits/credit-terms';
import {
  agreeReliefEvent,
  upsertEnteredForecast,
  insertReliefEvent,
  listForecasts,
  listReliefEvents,
  readHideAmountsFromOps,
  writeHideAmountsFromOps,
} from '@scorecard/db/credits/inputs';
import { setMonthInvoice } from '@scorecard/db/credits/invoices';
import { monthStart } from '@scorecard/db/credits/statements';
import { termsProblem } from '@scorecard/domain/credits/statement';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import {
  CreditTerms,
  CreditTermsBody,
  Forecast,
  ForecastBody,
  Invoice,
  InvoiceBody,
  Problems,
  ReliefBody,
  ReliefEvent,
} from './credits.schemas.ts';
import { vendorExists } from './statements.service.ts';

const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems, 409: Problems };
const tags = ['credits'];
const VendorQuery = Type.Object({ vendorId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const CreditSettings = Type.Object({ hideAmountsFromOps: Type.Boolean() }, { additionalProperties: false });

const moneyTermsRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  app.get(
    '/api/credits/terms',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'listCreditTerms',
        tags,
        response: { 200: Type.Object({ items: Type.Array(CreditTerms) }), ...problems },
      },
    },
    async () => ({
      items: (await listCreditTerms(app.db)).map((t) => ({ ...t, effectiveMonth: t.effectiveMonth.slice(0, 7) })),
    }),
  );

  app.put(
    '/api/credits/terms',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'putCreditTerms',
        tags,
        body: CreditTermsBody,
        response: { 200: Type.Object({ id: Type.Integer() }), ...problems },
      },
    },
    async (request) => {
      const body = request.body;
      await vendorExists(app.db, body.vendorId);
      const problem = termsProblem(
        { ...body, volumeBand: { lowBp: body.volumeLowBp, highBp: body.volumeHighBp } },
        body.levels,
      );
      if (problem) throw new Problem('bad-request', problem);
      const id = await app.db
        .transaction()
        .execute((trx) => upsertCreditTerms(trx, { ...body, effectiveMonth: monthStart(body.effectiveMonth) }));
      return { id };
    },
  );

  app.get(
    '/api/credits/forecasts',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'listVolumeForecasts',
        tags,
        querystring: VendorQuery,
        response: { 200: Type.Object({ items: Type.Array(Forecast) }), ...problems },
      },
    },
    async (request) => {
      await vendorExists(app.db, request.query.vendorId);
      return { items: await listForecasts(app.db, request.query.vendorId) };
    },
  );

  app.put(
    '/api/credits/forecasts',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'putVolumeForecast',
        tags,
        body: ForecastBody,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const { vendorId, month, forecast } = request.body;
      await vendorExists(app.db, vendorId);
      await upsertEnteredForecast(app.db, vendorId, monthStart(month), forecast);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/credits/invoices',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'putMonthInvoice',
        tags,
        body: InvoiceBody,
        response: { 200: Invoice, ...problems },
      },
    },
    async (request) => {
      const { vendorId, month, invoiceMinor } = request.body;
      const stored = await app.db
        .transaction()
        .execute((trx) => setMonthInvoice(trx, vendorId, monthStart(month), invoiceMinor));
      if (!stored) throw new Problem('not-found', `No vendor ${vendorId}`);
      return stored;
    },
  );

  app.get(
    '/api/credits/relief-events',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'listReliefEvents',
        tags,
        querystring: VendorQuery,
        response: { 200: Type.Object({ items: Type.Array(ReliefEvent) }), ...problems },
      },
    },
    async (request) => {
      await vendorExists(app.db, request.query.vendorId);
      return { items: await listReliefEvents(app.db, request.query.vendorId) };
    },
  );

  app.post(
    '/api/credits/relief-events',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'createReliefEvent',
        tags,
        body: ReliefBody,
        response: { 201: Type.Object({ id: Type.Integer() }), ...problems },
      },
    },
    async (request, reply) => {
      const body = request.body;
      await vendorExists(app.db, body.vendorId);
      if (Date.parse(body.endsAt) <= Date.parse(body.startsAt))
        throw new Problem('bad-request', 'endsAt must follow startsAt');
      const id = await insertReliefEvent(app.db, {
        ...body,
        agreedBy: body.agreed ? { userId: request.principal?.userId ?? null } : null,
      });
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/api/credits/relief-events/:id/agree',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'agreeReliefEvent',
        tags,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      // Agreement is recorded once: a later statement draft then excuses the event's metrics.
      if (!(await agreeReliefEvent(app.db, request.params.id, request.principal?.userId ?? null)))
        throw new Problem('not-found', `No relief event ${request.params.id} to agree`);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/credits/settings',
    {
      config: { access: 'admin' },
      schema: { operationId: 'getCreditSettings', tags, response: { 200: CreditSettings, ...problems } },
    },
    async () => ({ hideAmountsFromOps: await readHideAmountsFromOps(app.db) }),
  );

  app.put(
    '/api/credits/settings',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'putCreditSettings',
        tags,
        body: CreditSettings,
        response: { 200: CreditSettings, ...problems },
      },
    },
    async (request) => {
      const { hideAmountsFromOps } = request.body;
      await writeHideAmountsFromOps(app.db, hideAmountsFromOps);
      return { hideAmountsFromOps };
    },
  );
  done();
};

export default moneyTermsRoutes;
