/**
 * Contract terms: GET /api/terms (history), GET /api/vendors/:id/terms (in force at a week, with the formula
 * text), POST /api/terms and DELETE /api/terms/:id (ops). A change recomputes exactly the vendor-weeks it
 * affects: that vendor's weeks from the effective week on (packages/db/src/terms/terms.ts).
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { findCalendar } from '@scorecard/db/terms/calendars';
import { requestedOrDefaultWeek } from '@scorecard/db/metrics/read';
import { termsForVendors } from '@scorecard/db/terms/formulas';
import {
  affectedVendorWeeks,
  deleteTerms,
  listTerms,
  upsertTerms,
  type StoredTerms,
  type TermsInput as DbTermsInput,
} from '@scorecard/db/terms/terms';
import { parseWeekLabel, weekLabel } from '@scorecard/domain/weeks';
import { enqueue } from '@scorecard/jobs';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { vendorInScope } from '../http/vendor-in-scope.ts';
import { Problems, Queued, ResolvedTerms, TermsInput, TermsRow } from './terms.schemas.ts';

/** The Monday of an ISO week label; undefined when absent; 400 when not a week. */
function parsedWeek(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  const week = parseWeekLabel(label);
  if (!week) throw new Problem('bad-request', `${label} is not an ISO week`);
  return week;
}

const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems, 409: Problems, 503: Problems };
const toApi = (t: StoredTerms) => ({ ...t, effectiveFrom: weekLabel(t.effectiveFrom) });

const termsRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  /** Enqueues the recompute of the vendor's weeks from `fromWeek`; null when it has no cases there. */
  const recomputeFrom = async (vendorId: number, fromWeek: string, reason: string) => {
    const vendorWeeks = await affectedVendorWeeks(app.db, vendorId, fromWeek);
    if (vendorWeeks.length === 0) return null;
    const job = await enqueue(app.queues, 'recompute', { scope: { kind: 'vendor-weeks', vendorWeeks }, reason }).catch(
      () => {
        throw new Problem('unavailable', 'The job queue is unavailable; the terms are saved, recompute later.');
      },
    );
    return { jobId: String(job.id), status: 'queued' as const, vendorWeeks: vendorWeeks.length };
  };

  app.get(
    '/api/terms',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listTerms',
        tags: ['terms'],
        querystring: Type.Object(
          { vendorId: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(TermsRow) }), ...problems },
      },
    },
    async (request) => {
      const { vendorId } = request.query;
      if (vendorId !== undefined) await vendorInScope(app.db, request.scope, vendorId);
      const scoped = request.scope.kind === 'vendor' ? request.scope.vendorId : vendorId;
      return { items: (await listTerms(app.db, scoped)).map(toApi) };
    },
  );

  app.get(
    '/api/vendors/:id/terms',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getVendorTerms',
        tags: ['terms'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object(
          {
            week: Type.Optional(Type.String()),
            queue: Type.Optional(Type.String({ maxLength: 200 })),
            channel: Type.Optional(Type.String({ maxLength: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ResolvedTerms, ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      await vendorInScope(app.db, request.scope, id);
      const week = await requestedOrDefaultWeek(app.db, parsedWeek(request.query.week), id);
      const { queue, channel } = request.query;
      const terms = (await termsForVendors(app.db, [id], week, { queue, channel })).get(id)!;
      return { ...terms, week: weekLabel(week) };
    },
  );

  app.post(
    '/api/terms',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'saveTerms',
        tags: ['terms'],
        body: TermsInput,
        response: { 201: Type.Object({ terms: TermsRow, recompute: Type.Union([Queued, Type.Null()]) }), ...problems },
      },
    },
    async (request, reply) => {
      const body = request.body as Record<string, unknown> & { vendorId: number; effectiveFrom: string };
      const week = parseWeekLabel(body.effectiveFrom);
      if (!week) throw new Problem('bad-request', `${body.effectiveFrom} is not an ISO week`);
      if (body.queue != null && body.channel != null)
        throw new Problem('bad-request', 'Terms apply to a queue or a channel, not both');
      await vendorInScope(app.db, request.scope, body.vendorId);
      if (typeof body.calendarId === 'number' && !(await findCalendar(app.db, body.calendarId))) {
        throw new Problem('bad-request', `No calendar ${body.calendarId}`);
      }
      const input = { queue: null, channel: null, note: null, ...body, effectiveFrom: week } as DbTermsInput;
      const saved = await upsertTerms(app.db, input);
      const recompute = await recomputeFrom(saved.vendorId, week, `terms ${saved.id} saved`);
      return reply.code(201).send({ terms: toApi(saved), recompute });
    },
  );

  app.delete(
    '/api/terms/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'deleteTerms',
        tags: ['terms'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Object({ recompute: Type.Union([Queued, Type.Null()]) }), ...problems },
      },
    },
    async (request) => {
      const deleted = await deleteTerms(app.db, request.params.id);
      if (!deleted) throw new Problem('not-found', `No terms ${request.params.id}`);
      return { recompute: await recomputeFrom(deleted.vendorId, deleted.effectiveFrom, `terms ${deleted.id} deleted`) };
    },
  );
  done();
};

export default termsRoutes;
