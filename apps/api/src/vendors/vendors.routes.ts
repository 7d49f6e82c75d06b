/**
 * Vendors and vendor mappings ((source, field, value) → vendor). Adding or deleting a mapping re-attributes
 * the matching cases in one transaction and enqueues a recompute of the old and new vendor-weeks. A vendor is
 * archived and restored, or deleted while it holds no data (docs/definitions.md "Archived vendors").
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SOURCES } from '@scorecard/domain/mapping/canonical';
import { findReportSchedule } from '@scorecard/db/reports/schedules';
import { applyReportSchedule, enqueue } from '@scorecard/jobs';
import Type from 'typebox';
import { deleteUnusedVendor, setVendorArchived } from '@scorecard/db/vendors/archive';
import { Problem } from '../http/problems.ts';
import { WeekLabel } from '../http/schemas.ts';
import { isTimeZone } from '@scorecard/domain/time-zones';
import {
  createMappingAndReattribute,
  createVendor,
  deleteMappingAndReattribute,
  findVendor,
  listUnmappedKeys,
  listVendorMappings,
  listVendors,
  updateVendor,
  type ReattributeResult,
} from '@scorecard/db/vendors/vendors';

const Problems = { $ref: 'ProblemDocument#' } as const;
const problems = { 400: Problems, 404: Problems, 409: Problems, 503: Problems };
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const Vendor = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  timeZone: Type.String(),
  reportRecipients: Type.Array(Type.String()),
  archivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  unlistedFromWeek: Type.Union([WeekLabel(), Type.Null()], {
    description: 'The first week whose scorecard no longer lists the archived vendor; earlier weeks keep it.',
  }),
});
const VendorsQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('active'), Type.Literal('archived'), Type.Literal('all')], {
        default: 'active',
        description: 'active (default, what pickers offer), archived, or all',
      }),
    ),
  },
  { additionalProperties: false },
);
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Recipients = Type.Array(Type.String({ format: 'email', maxLength: 320 }), { maxItems: 50 });
const VendorInput = Type.Object(
  { name: Name, timeZone: Type.Optional(Type.String({ maxLength: 64 })), reportRecipients: Type.Optional(Recipients) },
  { additionalProperties: false },
);
const VendorPatch = Type.Object(
  {
    name: Type.Optional(Name),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    reportRecipients: Type.Optional(Recipients),
  },
  { additionalProperties: false, minProperties: 1 },
);

// A union built from a mapped array infers as never in TypeBox 1; Unsafe keeps the schema and states the type.
const Source = Type.Unsafe<(typeof SOURCES)[number]>(Type.Union(SOURCES.map((s) => Type.Literal(s))));
const VendorMapping = Type.Object({
  id: Type.Integer(),
  source: Type.String(),
  field: Type.String(),
  value: Type.String(),
  vendorId: Type.Integer(),
  vendorName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
const MappingInput = Type.Object(
  {
    source: Source,
    field: Type.String({ minLength: 1, maxLength: 500 }),
    value: Type.String({ minLength: 1, maxLength: 500 }),
    vendorId: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
const MappingChange = Type.Object({
  id: Type.Integer(),
  casesMoved: Type.Integer(),
  recomputeVendorWeeks: Type.Integer(),
});

const vendorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * A new vendor's default report schedule, or a changed time zone, takes effect at once (as a schedule edit
   * does), so "Next send" is real from the start; with Redis down the worker's start-up reconcile repairs it.
   */
  async function syncReportScheduler(vendorId: number): Promise<void> {
    const schedule = await findReportSchedule(app.db, vendorId);
    if (!schedule || app.redis.status !== 'ready') return;
    const { cron, timeZone, enabled } = schedule;
    await applyReportSchedule(app.queues, { vendorId, cron, timeZone, enabled }).catch((error: unknown) => {
      app.log.warn({ err: error, vendorId }, 'report scheduler not applied; the worker reconciles it at start');
    });
  }

  app.get(
    '/api/vendors',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listVendors',
        tags: ['vendors'],
        querystring: VendorsQuery,
        response: { 200: Type.Object({ items: Type.Array(Vendor) }), ...problems },
      },
    },
    async (request) => ({ items: await listVendors(app.db, request.scope, request.query.status) }),
  );

  app.post(
    '/api/vendors',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'createVendor',
        tags: ['vendors'],
        body: VendorInput,
        response: { 201: Vendor, ...problems },
      },
    },
    async (request, reply) => {
      checkTimeZone(request.body.timeZone);
      const vendor = await createVendor(app.db, { ...request.body, name: request.body.name.trim() });
      if (!vendor) throw new Problem('conflict', `A vendor named "${request.body.name.trim()}" exists.`);
      await syncReportScheduler(vendor.id);
      return reply.code(201).send(vendor);
    },
  );

  app.patch(
    '/api/vendors/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'updateVendor',
        tags: ['vendors'],
        params: IdParams,
        body: VendorPatch,
        response: { 200: Vendor, ...problems },
      },
    },
    async (request) => {
      checkTimeZone(request.body.timeZone);
      const name = request.body.name?.trim();
      try {
        const vendor = await updateVendor(app.db, request.scope, request.params.id, { ...request.body, name });
        if (!vendor) throw new Problem('not-found', `No vendor ${request.params.id}.`);
        if (request.body.timeZone !== undefined) await syncReportScheduler(vendor.id);
        return vendor;
      } catch (error) {
        if ((error as { code?: string }).code === '23505')
          throw new Problem('conflict', `A vendor named "${name}" exists.`);
        throw error;
      }
    },
  );

  for (const action of ['archive', 'restore'] as const) {
    app.post(
      `/api/vendors/:id/${action}`,
      {
        config: { access: 'ops' },
        schema: {
          operationId: action === 'archive' ? 'archiveVendor' : 'restoreVendor',
          tags: ['vendors'],
          summary:
            action === 'archive'
              ? 'Archive: history kept; off current scorecards, pickers, reports, alerts and sampling; users refused'
              : 'Restore an archived vendor: listed, reported and signed in again as before',
          params: IdParams,
          response: { 200: Vendor, ...problems },
        },
      },
      async (request) => {
        const { id } = request.params;
        if (!(await setVendorArchived(app.db, id, action === 'archive')))
          throw new Problem('not-found', `No vendor ${id}.`);
        // Stops (or resumes) the weekly report at once; the worker's start-up reconcile repairs it otherwise.
        await syncReportScheduler(id);
        return (await findVendor(app.db, id))!;
      },
    );
  }

  app.delete(
    '/api/vendors/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'deleteVendor',
        tags: ['vendors'],
        summary: 'Delete a vendor that holds no data; 409 when it does (archive it instead)',
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await deleteUnusedVendor(app.db, id);
      if (result.deleted) {
        // A scheduler left behind finds no vendor and fails permanently; the worker's reconcile removes it too.
        if (app.redis.status === 'ready')
          await applyReportSchedule(app.queues, { vendorId: id, cron: '', timeZone: 'UTC', enabled: false }).catch(
            (error: unknown) => app.log.warn({ err: error, vendorId: id }, 'report scheduler of a deleted vendor kept'),
          );
        return reply.code(204).send(null);
      }
      if (result.reason === 'not-found') throw new Problem('not-found', `No vendor ${id}.`);
      const held = result.heldBy.map((table) => table.replaceAll('_', ' ')).join(', ');
      throw new Problem('conflict', `This vendor has data (${held}); archive it instead to keep its history.`, {
        heldBy: result.heldBy,
      });
    },
  );

  app.get(
    '/api/vendor-mappings',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'listVendorMappings',
        tags: ['vendors'],
        response: { 200: Type.Object({ items: Type.Array(VendorMapping) }), ...problems },
      },
    },
    async () => ({ items: await listVendorMappings(app.db) }),
  );

  app.get(
    '/api/vendor-mappings/unmapped',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'listUnmappedVendorValues',
        tags: ['vendors'],
        summary: 'Attribution keys of cases that have no vendor yet, across all imports',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                source: Type.String(),
                field: Type.String(),
                value: Type.String(),
                caseCount: Type.Integer(),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async () => ({ items: await listUnmappedKeys(app.db) }),
  );

  app.post(
    '/api/vendor-mappings',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'createVendorMapping',
        tags: ['vendors'],
        body: MappingInput,
        response: { 201: Type.Intersect([VendorMapping, MappingChange]), ...problems },
      },
    },
    async (request, reply) => {
      const vendor = await findVendor(app.db, request.body.vendorId);
      if (!vendor) throw new Problem('bad-request', `No vendor ${request.body.vendorId}.`);
      if (vendor.archivedAt !== null)
        throw new Problem('conflict', `Vendor "${vendor.name}" is archived; restore it before mapping values to it.`);
      const { source, field, value } = request.body;
      const result = await app.db.transaction().execute((trx) => createMappingAndReattribute(trx, request.body));
      if (!result) {
        throw new Problem('conflict', `(${source}, ${field}, ${value}) is mapped already; delete that mapping first.`);
      }
      await enqueueRecompute(result, 'create');
      const [mapping] = await listVendorMappings(app.db, result.mappingId);
      return reply.code(201).send({ ...mapping!, ...toChange(result) });
    },
  );

  app.delete(
    '/api/vendor-mappings/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'deleteVendorMapping',
        tags: ['vendors'],
        params: IdParams,
        response: { 200: MappingChange, ...problems },
      },
    },
    async (request) => {
      const result = await app.db.transaction().execute((trx) => deleteMappingAndReattribute(trx, request.params.id));
      if (!result) throw new Problem('not-found', `No vendor mapping ${request.params.id}.`);
      await enqueueRecompute(result, 'delete');
      return toChange(result);
    },
  );

  /** The cases moved already; a recompute that cannot be queued is reported, and a full recompute repairs it. */
  async function enqueueRecompute(result: ReattributeResult, action: 'create' | 'delete') {
    if (result.touched.length === 0) return;
    try {
      await enqueue(
        app.queues,
        'recompute',
        {
          scope: { kind: 'vendor-weeks', vendorWeeks: result.touched },
          reason: `vendor mapping ${result.mappingId} ${action}d`,
        },
        { jobId: `recompute-mapping-${result.mappingId}-${action}` },
      );
    } catch (error) {
      app.log.error({ err: error }, 'could not enqueue recompute after a vendor mapping change');
      throw new Problem(
        'unavailable',
        'The mapping is saved but its weeks could not be queued for recompute; run a full recompute.',
      );
    }
  }
};

function toChange(result: ReattributeResult) {
  return { id: result.mappingId, casesMoved: result.casesMoved, recomputeVendorWeeks: result.touched.length };
}

function checkTimeZone(timeZone: string | undefined) {
  if (timeZone !== undefined && !isTimeZone(timeZone))
    throw new Problem('bad-request', `"${timeZone}" is not an IANA time zone.`);
}

export default vendorsRoutes;
