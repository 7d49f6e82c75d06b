/**
 * Service credits (docs/credits.md): money terms, forecasts and relief events (finance), monthly
 * statements computed, shared, disputed line by line, decided and finalised. Vendor users see their own
 * statements past draft; amounts by role (amounts.ts).
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import {
  computeDraft,
  listStatements,
  moveStatus,
  openDispute,
  openDisputeMetrics,
  recordEvent,
} from '@scorecard/db/credits/statements';
import { findVendorName } from '@scorecard/db/vendors/vendors';
import { statementCsv } from '@scorecard/domain/credits/statement-view';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { DecisionBody, DisputeBody, MonthParam, Problems, StatementDetail, StatementView } from './credits.schemas.ts';
import { amountsShown, decideDispute, statementDetail, statementInScope, statementView } from './statements.service.ts';

const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems, 409: Problems };
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const tags = ['credits'];

const creditsRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  const detail = async (
    id: number,
    request: { scope: Parameters<typeof statementInScope>[1]; principal: Parameters<typeof amountsShown>[1] },
  ) =>
    statementDetail(
      app.db,
      await statementInScope(app.db, request.scope, id),
      await amountsShown(app.db, request.principal),
    );

  app.get(
    '/api/credits/statements',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listStatements',
        tags,
        response: { 200: Type.Object({ items: Type.Array(StatementView) }), ...problems },
      },
    },
    async (request) => {
      const shown = await amountsShown(app.db, request.principal);
      const stored = await listStatements(app.db, request.scope.kind === 'vendor' ? request.scope.vendorId : null);
      return { items: await Promise.all(stored.map((s) => statementView(app.db, s, shown))) };
    },
  );

  app.post(
    '/api/credits/statements',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'computeStatement',
        tags,
        body: Type.Object(
          { vendorId: Type.Integer({ minimum: 1 }), month: MonthParam },
          { additionalProperties: false },
        ),
        response: { 200: StatementDetail, ...problems },
      },
    },
    async (request) => {
      const { vendorId, month } = request.body;
      const id = await app.db
        .transaction()
        .execute((trx) => computeDraft(trx, vendorId, month, request.principal?.userId ?? null));
      if (id === 'no-vendor') throw new Problem('not-found', `No vendor ${vendorId}`);
      if (id === 'no-terms')
        throw new Problem('conflict', `No money terms are in force for vendor ${vendorId} in ${month}`);
      if (id === 'past-draft')
        throw new Problem('conflict', `The statement of ${month} is past draft; it is no longer recomputed`);
      return detail(id, request);
    },
  );

  app.get(
    '/api/credits/statements/:id',
    {
      config: { access: 'read' },
      schema: { operationId: 'getStatement', tags, params: Id, response: { 200: StatementDetail, ...problems } },
    },
    async (request) => detail(request.params.id, request),
  );

  app.get(
    '/api/credits/statements/:id/csv',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getStatementCsv',
        tags,
        params: Id,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...problems },
      },
    },
    async (request, reply) => {
      const stored = await statementInScope(app.db, request.scope, request.params.id);
      const view = await statementView(app.db, stored, await amountsShown(app.db, request.principal));
      const vendor = await findVendorName(app.db, stored.vendorId);
      if (!vendor) throw new Problem('not-found', `No vendor ${stored.vendorId}`);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="statement-${stored.vendorId}-${stored.month}.csv"`)
        .send(statementCsv(view, vendor.name));
    },
  );

  const transition = (
    path: string,
    operationId: string,
    from: readonly ('draft' | 'shared' | 'disputed')[],
    to: 'shared' | 'final',
  ) =>
    app.post(
      path,
      {
        config: { access: 'finance' },
        schema: { operationId, tags, params: Id, response: { 200: StatementDetail, ...problems } },
      },
      async (request) => {
        const { id } = request.params;
        await statementInScope(app.db, request.scope, id);
        await app.db.transaction().execute(async (trx) => {
          if (to === 'final') {
            const open = await openDisputeMetrics(trx, id);
            if (open.length > 0) throw new Problem('conflict', `Disputes still open: ${open.join(', ')}`);
          }
          if (!(await moveStatus(trx, id, from, to)))
            throw new Problem('conflict', `The statement cannot become ${to} from its status`);
          await recordEvent(
            trx,
            id,
            to === 'final' ? 'finalised' : 'shared',
            null,
            null,
            request.principal?.userId ?? null,
          );
        });
        return detail(id, request);
      },
    );
  transition('/api/credits/statements/:id/share', 'shareStatement', ['draft'], 'shared');
  transition('/api/credits/statements/:id/finalise', 'finaliseStatement', ['shared', 'disputed'], 'final');

  app.post(
    '/api/credits/statements/:id/disputes',
    {
      config: { access: 'dispute' },
      schema: {
        operationId: 'disputeStatementLine',
        tags,
        params: Id,
        body: DisputeBody,
        response: { 200: StatementDetail, ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      const stored = await statementInScope(app.db, request.scope, id);
      const { metric, reason } = request.body;
      if (!stored.computed.lines.some((l) => l.metric === metric))
        throw new Problem('bad-request', `The statement has no ${metric} line`);
      await app.db.transaction().execute(async (trx) => {
        if (!(await moveStatus(trx, id, ['shared', 'disputed'], 'disputed')))
          throw new Problem('conflict', 'Only a shared statement can be disputed');
        const inserted = await openDispute(trx, id, metric, reason, request.principal?.userId ?? null);
        if (!inserted) throw new Problem('conflict', `The ${metric} line is already disputed`);
        await recordEvent(trx, id, 'disputed', metric, reason, request.principal?.userId ?? null);
      });
      return detail(id, request);
    },
  );

  app.post(
    '/api/credits/statements/:id/disputes/:metric/decision',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'decideStatementDispute',
        tags,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), metric: Type.String({ maxLength: 40 }) }),
        body: DecisionBody,
        response: { 200: StatementDetail, ...problems },
      },
    },
    async (request) => {
      const { id, metric } = request.params;
      const stored = await statementInScope(app.db, request.scope, id);
      await app.db
        .transaction()
        .execute((trx) => decideDispute(trx, stored, metric, request.body, request.principal?.userId ?? null));
      return detail(id, request);
    },
  );
  done();
};

export default creditsRoutes;
