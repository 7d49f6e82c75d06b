/**
 * POST /api/credits/forecasts.csv (finance): volume forecasts per vendor and month from a CSV file sent as the
 * request body (text/csv). Every data row is accounted for: read = loaded + replaced + rejected, each reject
 * with its line and reason; a file that cannot be read as forecasts at all is refused with 400 and what to fix.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { loadForecasts } from '@scorecard/db/credits/forecast-import';
import { ForecastFileProblem, parseForecastCsv } from '@scorecard/domain/credits/forecast-csv';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { Problems } from './credits.schemas.ts';

const problems = { 400: Problems, 401: Problems, 403: Problems, 413: Problems, 415: Problems };

const ForecastImport = Type.Object({
  read: Type.Integer({ description: 'data rows in the file (blank lines are not rows)' }),
  loaded: Type.Integer({ description: 'vendor-months that had no forecast' }),
  replaced: Type.Integer({ description: 'vendor-months whose forecast the file replaced' }),
  rejected: Type.Integer(),
  rejects: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })),
});

const forecastImportRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  // Encapsulated: only this plugin's routes read a text/csv body, as a string within the app's body limit.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, parsed) => parsed(null, body));

  app.post(
    '/api/credits/forecasts.csv',
    {
      config: { access: 'finance' },
      schema: {
        operationId: 'importVolumeForecasts',
        summary: 'Import volume forecasts (text/csv body: vendor_id or vendor, month YYYY-MM, forecast)',
        tags: ['credits'],
        consumes: ['text/csv'],
        body: Type.String({ description: 'the CSV file, UTF-8' }),
        response: { 200: ForecastImport, ...problems },
      },
    },
    async (request) => {
      if (!/^text\/csv\b/i.test(request.headers['content-type'] ?? ''))
        throw new Problem('unsupported-media-type', 'Send the file as the body with content-type text/csv.');
      let parsed;
      try {
        parsed = parseForecastCsv(request.body);
      } catch (error) {
        if (error instanceof ForecastFileProblem) throw new Problem('bad-request', error.message);
        throw error;
      }
      if (parsed.read === 0) throw new Problem('bad-request', 'The file has a header but no rows.');
      const load = await app.db.transaction().execute((trx) => loadForecasts(trx, parsed.rows));
      const rejects = [...parsed.rejects, ...load.rejects].sort((a, b) => a.line - b.line);
      return { read: parsed.read, loaded: load.loaded, replaced: load.replaced, rejected: rejects.length, rejects };
    },
  );
  done();
};

export default forecastImportRoutes;
