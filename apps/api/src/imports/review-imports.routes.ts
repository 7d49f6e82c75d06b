/**
 * The dry run of a review import (kind `reviews`). The upload itself, its status, accounting, rejects,
 * replaced and skipped rows, warnings and retry are the import routes every kind shares (imports.routes.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { rm } from 'node:fs/promises';
import { problems } from './imports.schemas.ts';
import { reviewDryRun } from './review-dry-run.ts';
import { ReviewDryRun } from './review-imports.schemas.ts';
import { receiveUpload } from './upload.ts';

const reviewImportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/imports/reviews/dry-run',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'dryRunReviewImport',
        tags: ['imports'],
        summary:
          'Preview a QA review export (multipart: optional preset, timeZone, mapping, rows, then file): the whole file accounted for; nothing is stored',
        consumes: ['multipart/form-data'],
        response: { 200: ReviewDryRun, ...problems },
      },
    },
    async (request) => {
      const { uploads } = app.config;
      const upload = await receiveUpload(request, uploads.dir, uploads.maxBytes);
      try {
        return await reviewDryRun(app.db, upload.storedPath, upload.fields, app.config.imports);
      } finally {
        await rm(upload.storedPath, { force: true });
      }
    },
  );
};

export default reviewImportsRoutes;
