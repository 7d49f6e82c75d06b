/**
 * GET/PUT /api/settings/metrics (admin), GET /api/settings/reporting-time-zone (read: the zone every week
 * label and case time on the dashboard is shown in) and POST /api/recompute (admin). A change to a setting that alters
 * the definitions (time zone, thresholds, window, satisfied score) enqueues a full recompute.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { readOrganisationSettings, updateMetricSettings } from '@scorecard/db/metrics/settings';
import { METRIC_KEYS } from '@scorecard/domain/metrics/catalogue';
import { enqueue } from '@scorecard/jobs';
import Type from 'typebox';
import { isTimeZone } from '@scorecard/domain/time-zones';
import { Problem } from '../http/problems.ts';

const Problems = { $ref: 'ProblemDocument#' } as const;
const problems = { 400: Problems, 401: Problems, 403: Problems, 503: Problems };
const Seconds = (maximum: number) => Type.Integer({ minimum: 0, maximum });
const Weights = Type.Object(
  Object.fromEntries(
    METRIC_KEYS.filter((k) => k !== 'volume').map((k) => [
      k,
      Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
    ]),
  ),
  { additionalProperties: false },
);
const fields = {
  reportingTimeZone: Type.String({ minLength: 1, maxLength: 64 }),
  slThresholdVoiceSeconds: Seconds(3600),
  slThresholdChatSeconds: Seconds(3600),
  asyncSlaSeconds: Type.Integer({ minimum: 1, maximum: 30 * 86_400 }),
  shortAbandonSeconds: Seconds(600),
  repeatWindowSeconds: Seconds(90 * 86_400),
  satisfiedScore: Type.Integer({ minimum: 1, maximum: 5 }),
  minSample: Type.Integer({ minimum: 0, maximum: 100_000 }),
  compositeWeights: Weights,
  // Off by default: a vendor user's scorecard then carries no rank and no case-mix-adjusted figures.
  shareRankWithVendors: Type.Boolean(),
};
const Settings = Type.Object({ ...fields, updatedAt: Type.String() });
const SettingsPatch = Type.Object(
  Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, Type.Optional(s)])) as {
    [K in keyof typeof fields]: ReturnType<typeof Type.Optional<(typeof fields)[K]>>;
  },
  { additionalProperties: false, minProperties: 1 },
);
const Queued = Type.Object({ jobId: Type.String(), status: Type.Literal('queued') });

const settingsRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  const enqueueFull = async (reason: string) => {
    const job = await enqueue(app.queues, 'recompute', { scope: { kind: 'all' }, reason }).catch(() => {
      throw new Problem('unavailable', 'The job queue is unavailable; try again shortly.');
    });
    return { jobId: String(job.id), status: 'queued' as const };
  };

  app.get(
    '/api/settings/metrics',
    {
      config: { access: 'admin' },
      schema: { operationId: 'getMetricSettings', tags: ['metrics'], response: { 200: Settings, ...problems } },
    },
    async () => readOrganisationSettings(app.db),
  );

  app.get(
    '/api/settings/reporting-time-zone',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getReportingTimeZone',
        tags: ['metrics'],
        response: { 200: Type.Object({ reportingTimeZone: Type.String() }), 401: Problems, 503: Problems },
      },
    },
    async () => ({ reportingTimeZone: (await readOrganisationSettings(app.db)).reportingTimeZone }),
  );

  app.put(
    '/api/settings/metrics',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updateMetricSettings',
        tags: ['metrics'],
        body: SettingsPatch,
        response: {
          200: Type.Object({ settings: Settings, recompute: Type.Union([Queued, Type.Null()]) }),
          ...problems,
        },
      },
    },
    async (request) => {
      const zone = request.body.reportingTimeZone;
      if (zone !== undefined && !isTimeZone(zone)) throw new Problem('bad-request', `${zone} is not an IANA time zone`);
      const { settings, definitionsChanged } = await updateMetricSettings(app.db, request.body);
      const recompute = definitionsChanged ? await enqueueFull('settings changed') : null;
      return { settings, recompute };
    },
  );

  app.post(
    '/api/recompute',
    {
      config: { access: 'admin' },
      schema: { operationId: 'recomputeAll', tags: ['metrics'], response: { 202: Queued, ...problems } },
    },
    async (_request, reply) => reply.code(202).send(await enqueueFull('requested by an admin')),
  );
  done();
};

export default settingsRoutes;
