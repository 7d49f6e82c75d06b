/**
 * Imports: upload (→ queued job, or duplicate of an earlier import of the same bytes read the same way), status
 * and progress, rejects (JSON and CSV download), retry of a failed or stranded import. docs/definitions.md
 * "Imports". Imports are ops-only for now, reads included.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { rm } from 'node:fs/promises';
import {
  findImport,
  listArchivedVendorCases,
  listImports,
  listRejects,
  listUnmapped,
  streamRejects,
} from '@scorecard/db/imports/imports';
import Type from 'typebox';
import { csvStream } from '../http/csv.ts';
import { Problem } from '../http/problems.ts';
import { retryImport } from './recovery.ts';
import {
  Accepted,
  DryRun,
  IdParams,
  ImportDetail,
  ImportSummary,
  IMPORTS_PAGE,
  Page,
  problems,
  Reject,
  toSummary,
} from './imports.schemas.ts';
import accountedRowsRoutes from './accounted-rows.routes.ts';
import reviewImportsRoutes from './review-imports.routes.ts';
import { dryRun } from './dry-run.ts';
import { startImport } from './imports.service.ts';
import { receiveUpload } from './upload.ts';
import { pageOf } from '../http/schemas.ts';

const tags = ['imports'];

const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart);
  await app.register(accountedRowsRoutes);
  await app.register(reviewImportsRoutes);

  app.post(
    '/api/imports',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'createImport',
        tags,
        summary:
          'Upload an export (multipart: optional kind (cases | reviews), preset, timeZone, mapping fields, then file)',
        consumes: ['multipart/form-data'],
        response: { 200: Accepted, 202: Accepted, ...problems },
      },
    },
    async (request, reply) => {
      const { uploads } = app.config;
      const upload = await receiveUpload(request, uploads.dir, uploads.maxBytes);
      const started = await startImport({ db: app.db, queues: app.queues, log: request.log }, upload);
      return reply.code(started.status === 'queued' ? 202 : 200).send(started);
    },
  );

  app.post(
    '/api/imports/dry-run',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'dryRunImport',
        tags,
        summary:
          'Preview an import on the first rows (multipart like an import, plus optional `rows`); nothing is stored',
        consumes: ['multipart/form-data'],
        response: { 200: DryRun, ...problems },
      },
    },
    async (request) => {
      const { uploads } = app.config;
      const upload = await receiveUpload(request, uploads.dir, uploads.maxBytes);
      try {
        return await dryRun(app.db, upload.storedPath, upload.fields, app.config.imports);
      } finally {
        await rm(upload.storedPath, { force: true });
      }
    },
  );

  app.get(
    '/api/imports',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'listImports',
        tags,
        querystring: Page,
        response: { 200: Type.Object({ items: Type.Array(ImportSummary), total: Type.Integer() }), ...problems },
      },
    },
    async (request) => {
      const { limit, offset } = pageOf(request.query, IMPORTS_PAGE);
      const { items, total } = await listImports(app.db, limit, offset);
      return { items: items.map(toSummary), total };
    },
  );

  app.get(
    '/api/imports/:id',
    {
      config: { access: 'ops' },
      schema: { operationId: 'getImport', tags, params: IdParams, response: { 200: ImportDetail, ...problems } },
    },
    async (request) => {
      const row = await findImportOr404(request.params.id);
      const [unmapped, archived] = await Promise.all([
        listUnmapped(app.db, row.id),
        listArchivedVendorCases(app.db, row.id),
      ]);
      return {
        ...toSummary(row),
        mapping: row.mapping ?? null,
        unmapped: unmapped.map((u) => ({ field: u.field, value: u.value, caseCount: u.case_count })),
        archivedVendors: archived.map((a) => ({ vendorId: a.vendor_id, vendorName: a.name, caseCount: a.case_count })),
      };
    },
  );

  app.post(
    '/api/imports/:id/retry',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'retryImport',
        tags,
        summary: 'Run a failed or stranded import again from its stored file (rejects and counts start over)',
        params: IdParams,
        response: { 202: Accepted, ...problems },
      },
    },
    async (request, reply) => {
      const row = await findImportOr404(request.params.id);
      await retryImport(app.db, app.queues, row);
      return reply.code(202).send({ id: row.id, status: 'queued' as const });
    },
  );

  app.get(
    '/api/imports/:id/rejects',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'listImportRejects',
        tags,
        params: IdParams,
        querystring: Page,
        response: { 200: Type.Object({ items: Type.Array(Reject), total: Type.Integer() }), ...problems },
      },
    },
    async (request) => {
      const row = await findImportOr404(request.params.id);
      const { limit, offset } = pageOf(request.query, IMPORTS_PAGE);
      return listRejects(app.db, row.id, limit, offset);
    },
  );

  app.get(
    '/api/imports/:id/rejects.csv',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'downloadImportRejects',
        tags,
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'CSV: line, column, reason, raw' }), ...problems },
      },
    },
    async (request, reply) => {
      const row = await findImportOr404(request.params.id);
      async function* rows() {
        for await (const r of streamRejects(app.db, row.id)) yield [r.line, r.column, r.reason, r.raw];
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${row.id}-rejects.csv"`)
        .send(csvStream(['line', 'column', 'reason', 'raw'], rows()));
    },
  );

  async function findImportOr404(id: number) {
    const row = await findImport(app.db, id);
    if (!row) throw new Problem('not-found', `No import ${id}.`);
    return row;
  }
};

export default importsRoutes;
