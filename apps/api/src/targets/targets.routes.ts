/**
 * Targets: (metric, value, optional vendor, optional channel or queue, effective from week). Statuses are
 * derived when read, so changing a target needs no recompute. Vendor users read global targets and their own.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { METRICS } from '@scorecard/domain/metrics/catalogue';
import { parseWeekLabel, weekLabel } from '@scorecard/domain/weeks';
import { deleteTarget, insertTarget, listTargetRows, type TargetRow } from '@scorecard/db/targets/targets';
import { findVendorName } from '@scorecard/db/vendors/vendors';
import Type from 'typebox';
import { WeekLabel } from '../http/schemas.ts';
import { ChannelSchema } from '../http/channel.ts';
import { Problem } from '../http/problems.ts';

const Problems = { $ref: 'ProblemDocument#' } as const;
const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems, 409: Problems };
// Metrics with a good direction (not volume, not the signed calibration gap): the table's CHECK lists the same.
const TargetMetric = Type.Union(METRICS.filter((m) => m.direction !== 'none').map((m) => Type.Literal(m.key)));
const Target = Type.Object({
  id: Type.Integer(),
  metric: Type.String(),
  value: Type.Number(),
  vendorId: Type.Union([Type.Integer(), Type.Null()]),
  channel: Type.Union([Type.String(), Type.Null()]),
  queue: Type.Union([Type.String(), Type.Null()]),
  effectiveFrom: Type.String(),
  createdAt: Type.String(),
});
const TargetInput = Type.Object(
  {
    metric: TargetMetric,
    value: Type.Number({ minimum: 0, maximum: 1e9 }),
    vendorId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    channel: Type.Optional(Type.Union([ChannelSchema, Type.Null()])),
    queue: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    effectiveFrom: WeekLabel(),
  },
  { additionalProperties: false },
);

const toTarget = (r: TargetRow) => ({
  id: r.id,
  metric: r.metric,
  value: r.value,
  vendorId: r.vendor_id,
  channel: r.channel,
  queue: r.queue,
  effectiveFrom: weekLabel(r.effective_from),
  createdAt: r.created_at.toISOString(),
});

const targetsRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  app.get(
    '/api/targets',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listTargets',
        tags: ['metrics'],
        response: { 200: Type.Object({ items: Type.Array(Target) }), ...problems },
      },
    },
    async (request) => {
      return { items: (await listTargetRows(app.db, request.scope)).map(toTarget) };
    },
  );

  app.post(
    '/api/targets',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'createTarget',
        tags: ['metrics'],
        body: TargetInput,
        response: { 201: Target, ...problems },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const week = parseWeekLabel(body.effectiveFrom);
      if (!week) throw new Problem('bad-request', `${body.effectiveFrom} is not an ISO week`);
      if (body.channel && body.queue)
        throw new Problem('bad-request', 'A target applies to a channel or a queue, not both');
      if (body.vendorId && !(await findVendorName(app.db, body.vendorId)))
        throw new Problem('bad-request', `No vendor ${body.vendorId}`);
      const row = await insertTarget(app.db, {
        metric: body.metric,
        value: body.value,
        vendorId: body.vendorId ?? null,
        channel: body.channel ?? null,
        queue: body.queue ?? null,
        effectiveFrom: week,
      });
      if (!row)
        throw new Problem(
          'conflict',
          'A target for this metric, vendor, channel/queue and week exists; delete it first',
        );
      return reply.code(201).send(toTarget(row));
    },
  );

  app.delete(
    '/api/targets/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'deleteTarget',
        tags: ['metrics'],
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      if (!(await deleteTarget(app.db, request.params.id)))
        throw new Problem('not-found', `No target ${request.params.id}`);
      return reply.code(204).send(null);
    },
  );
  done();
};

export default targetsRoutes;
