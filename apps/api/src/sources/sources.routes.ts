/**
 * Import sources: ops configure where exports are pulled from and when. Secrets are sealed with
 * SOURCE_SECRET_KEY before they reach the database and are never answered. Every change re-applies the
 * source's BullMQ Job Scheduler at once; "run now" enqueues one pull. Ops-only, reads included.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  deleteSource,
  findSource,
  insertSource,
  listRuns,
  listSourceImports,
  listSources,
  storeSealedSecret,
  updateSource,
  type SourceRow,
} from '@scorecard/db/sources/sources';
import type { SourceKind } from '@scorecard/domain/sources/kinds';
import { sealSecret } from '@scorecard/domain/sources/secret-box';
import { applySourceSchedule, enqueue, jobs, sourceSchedulerId, type Queues } from '@scorecard/jobs';
import { randomUUID } from 'node:crypto';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { checkPart, checkReading, checkZone } from './source-input.ts';
import { IdParams, problems, Source, SourceDetail, SourceInput, SourcePatch, toSource } from './sources.schemas.ts';

const tags = ['sources'];
const UNIQUE_VIOLATION = '23505';
const DETAIL_ROWS = 20;

const sourcesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const failingAfter = app.config.sources.failureAlertAfter;

  app.get(
    '/api/sources',
    {
      config: { access: 'ops' },
      schema: { operationId: 'listSources', tags, response: { 200: Type.Array(Source), ...problems } },
    },
    async () => {
      const rows = await listSources(app.db);
      return Promise.all(rows.map(async (row) => toSource(row, failingAfter, await nextRunAt(app.queues, row))));
    },
  );

  app.get(
    '/api/sources/:id',
    {
      config: { access: 'ops' },
      schema: { operationId: 'getSource', tags, params: IdParams, response: { 200: SourceDetail, ...problems } },
    },
    async (request) => {
      const row = await findOr404(request.params.id);
      const [runs, imports] = await Promise.all([
        listRuns(app.db, row.id, DETAIL_ROWS),
        listSourceImports(app.db, row.id, DETAIL_ROWS),
      ]);
      return {
        ...toSource(row, failingAfter, await nextRunAt(app.queues, row)),
        runs: runs.map((r) => ({
          ...r,
          startedAt: r.startedAt.toISOString(),
          finishedAt: r.finishedAt?.toISOString() ?? null,
        })),
        imports: imports.map((i) => ({
          importId: i.id,
          item: i.item_key,
          pulledAt: i.pulled_at.toISOString(),
          fileName: i.file_name,
          status: i.status,
          rowsRead: i.rows_read,
          rowsLoaded: i.rows_loaded,
          rowsReplaced: i.rows_replaced,
          rowsSkipped: i.rows_skipped,
          rowsRejected: i.rows_rejected,
          error: i.error,
        })),
      };
    },
  );

  app.post(
    '/api/sources',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'createSource',
        tags,
        body: SourceInput,
        response: { 201: Source, ...problems },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const kind = body.kind;
      const settings = checkPart(kind, 'settings', body.settings);
      checkPart(kind, 'secrets', body.secrets);
      const reading = await checkReading(app.db, kind, body.presetKey, body.timeZone);
      const scheduleTimeZone = checkZone(body.scheduleTimeZone ?? 'UTC');
      const key = secretKey();
      const row = await app.db.transaction().execute(async (trx) => {
        let created: SourceRow;
        try {
          created = await insertSource(trx, {
            name: body.name.trim(),
            kind,
            settings: JSON.stringify(settings),
            preset_key: reading.presetKey,
            time_zone: reading.timeZone,
            cron: body.cron,
            schedule_time_zone: scheduleTimeZone,
            enabled: body.enabled ?? true,
          });
        } catch (error) {
          if ((error as { code?: string }).code === UNIQUE_VIOLATION)
            throw new Problem('conflict', `A source named "${body.name.trim()}" exists.`);
          throw error;
        }
        const envelope = sealSecret(key, created.id, JSON.stringify(body.secrets));
        await storeSealedSecret(trx, created.id, envelope);
        await schedule(created);
        return { ...created, secret_ciphertext: envelope };
      });
      return reply.code(201).send(toSource(row, failingAfter, await nextRunAt(app.queues, row)));
    },
  );

  app.patch(
    '/api/sources/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'updateSource',
        tags,
        params: IdParams,
        body: SourcePatch,
        response: { 200: Source, ...problems },
      },
    },
    async (request) => {
      const current = await findOr404(request.params.id);
      const body = request.body;
      const kind = current.kind as SourceKind;
      const settings = body.settings && checkPart(kind, 'settings', body.settings);
      if (body.secrets) checkPart(kind, 'secrets', body.secrets);
      const reading =
        body.presetKey !== undefined || body.timeZone !== undefined
          ? await checkReading(app.db, kind, body.presetKey ?? current.preset_key, body.timeZone ?? current.time_zone)
          : undefined;
      const row = await app.db.transaction().execute(async (trx) => {
        let updated: SourceRow | undefined;
        try {
          updated = await updateSource(trx, current.id, {
            name: body.name?.trim(),
            settings: settings && JSON.stringify(settings),
            preset_key: reading?.presetKey,
            time_zone: reading?.timeZone,
            cron: body.cron,
            schedule_time_zone: body.scheduleTimeZone === undefined ? undefined : checkZone(body.scheduleTimeZone),
            enabled: body.enabled,
          });
        } catch (error) {
          if ((error as { code?: string }).code === UNIQUE_VIOLATION)
            throw new Problem('conflict', `A source named "${body.name?.trim()}" exists.`);
          throw error;
        }
        if (!updated) throw new Problem('not-found', `No source ${current.id}.`);
        if (body.secrets) {
          const envelope = sealSecret(secretKey(), updated.id, JSON.stringify(body.secrets));
          await storeSealedSecret(trx, updated.id, envelope);
          updated = { ...updated, secret_ciphertext: envelope };
        }
        await schedule(updated);
        return updated;
      });
      return toSource(row, failingAfter, await nextRunAt(app.queues, row));
    },
  );

  app.delete(
    '/api/sources/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'deleteSource',
        tags,
        params: IdParams,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const row = await findOr404(request.params.id);
      await unavailableOnQueueError(() =>
        app.queues[jobs['pull-source'].queue].removeJobScheduler(sourceSchedulerId(row.id)),
      );
      // The imports it created stay: they are ordinary imports, with their cases.
      await deleteSource(app.db, row.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/sources/:id/run',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'runSource',
        tags,
        summary: 'Pull the source now (one run, as the schedule would)',
        params: IdParams,
        response: { 202: Type.Object({ jobId: Type.String() }), ...problems },
      },
    },
    async (request, reply) => {
      const row = await findOr404(request.params.id);
      if (!row.enabled) throw new Problem('conflict', `Source "${row.name}" is paused; resume it to run it.`);
      const jobId = `source-${row.id}-manual-${randomUUID()}`;
      await unavailableOnQueueError(() =>
        enqueue(app.queues, 'pull-source', { sourceId: row.id, trigger: 'manual' }, { jobId }),
      );
      return reply.code(202).send({ jobId });
    },
  );

  async function findOr404(id: number): Promise<SourceRow> {
    const row = await findSource(app.db, id);
    if (!row) throw new Problem('not-found', `No source ${id}.`);
    return row;
  }

  function secretKey(): Buffer {
    const key = app.config.sources.secretKey;
    if (!key) throw new Problem('conflict', 'SOURCE_SECRET_KEY is not configured: sources cannot store credentials.');
    return key;
  }

  /** An unparseable cron is the caller's mistake (400); Redis being away is ours (503). */
  async function schedule(row: SourceRow): Promise<void> {
    try {
      await applySourceSchedule(app.queues, {
        sourceId: row.id,
        cron: row.cron,
        timeZone: row.schedule_time_zone,
        enabled: row.enabled,
      });
    } catch (error) {
      if (isQueueUnavailable(error))
        throw new Problem('unavailable', 'The job queue is unavailable; nothing was saved.');
      throw new Problem('bad-request', `The schedule "${row.cron}" cannot be used: ${(error as Error).message}`);
    }
  }
};

async function nextRunAt(queues: Queues, row: SourceRow): Promise<Date | null> {
  if (!row.enabled) return null;
  try {
    const scheduler = await queues[jobs['pull-source'].queue].getJobScheduler(sourceSchedulerId(row.id));
    return scheduler?.next ? new Date(scheduler.next) : null;
  } catch {
    // The list still answers while Redis is away; the next run is then unknown.
    return null;
  }
}

function isQueueUnavailable(error: unknown): boolean {
  const message = (error as Error).message ?? '';
  return /Connection is closed|ECONNREFUSED|Stream isn't writeable|enableOfflineQueue|max retries/i.test(message);
}

async function unavailableOnQueueError<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (isQueueUnavailable(error)) throw new Problem('unavailable', 'The job queue is unavailable. Try again shortly.');
    throw error;
  }
}

export default sourcesRoutes;
