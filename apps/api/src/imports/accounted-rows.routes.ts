/**
 * The rows of an import that were neither loaded as they stand nor rejected, listed and downloadable
 * like rejects: `replaced` (a later row with the same id in the same file won), `skipped` (the mapping's skip
 * rule) and `warnings` (a loaded row whose optional field was left empty). Ops-only, like every import read.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findImport } from '@scorecard/db/imports/imports';
import { listAccountedRows, ROW_KINDS, streamAccountedRows, type RowKind } from '@scorecard/db/imports/row-accounting';
import Type from 'typebox';
import { csvStream } from '../http/csv.ts';
import { Problem } from '../http/problems.ts';
import { AccountedRow, IdParams, IMPORTS_PAGE, Page, problems } from './imports.schemas.ts';
import { pageOf } from '../http/schemas.ts';

const tags = ['imports'];
const NAMES: Record<RowKind, string> = { replaced: 'Replaced', skipped: 'Skipped', warnings: 'Warnings' };
const SUMMARIES: Record<RowKind, string> = {
  replaced: 'Rows replaced by a later row with the same external id in the same file',
  skipped: "Rows left out by the mapping's skip rule",
  warnings: 'Loaded rows whose optional field was left empty, with the reason',
};

const accountedRowsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function findImportOr404(id: number) {
    const row = await findImport(app.db, id);
    if (!row) throw new Problem('not-found', `No import ${id}.`);
    return row;
  }

  for (const kind of ROW_KINDS) {
    app.get(
      `/api/imports/:id/${kind}`,
      {
        config: { access: 'ops' },
        schema: {
          operationId: `listImport${NAMES[kind]}`,
          tags,
          summary: SUMMARIES[kind],
          params: IdParams,
          querystring: Page,
          response: { 200: Type.Object({ items: Type.Array(AccountedRow), total: Type.Integer() }), ...problems },
        },
      },
      async (request) => {
        const row = await findImportOr404(request.params.id);
        const { limit, offset } = pageOf(request.query, IMPORTS_PAGE);
        return listAccountedRows(app.db, row.id, kind, limit, offset);
      },
    );

    app.get(
      `/api/imports/:id/${kind}.csv`,
      {
        config: { access: 'ops' },
        schema: {
          operationId: `downloadImport${NAMES[kind]}`,
          tags,
          summary: `${SUMMARIES[kind]} (CSV: line, column, reason)`,
          params: IdParams,
          produces: ['text/csv'],
          response: { 200: Type.String({ description: 'CSV: line, column, reason' }), ...problems },
        },
      },
      async (request, reply) => {
        const row = await findImportOr404(request.params.id);
        async function* rows() {
          for await (const r of streamAccountedRows(app.db, row.id, kind)) yield [r.line, r.column, r.reason];
        }
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="import-${row.id}-${kind}.csv"`)
          .send(csvStream(['line', 'column', 'reason'], rows()));
      },
    );
  }
};

export default accountedRowsRoutes;
