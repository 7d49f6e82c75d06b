/**
 * GET /api/credits/exposure: the current month's projected credit exposure of one vendor (docs/credits.md
 * "Exposure this month"). Staff only: like a draft, a projection is not shown to the vendor; amounts by role.
 */
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { monthExposure } from '@scorecard/db/credits/exposure';
import type { Statement } from '@scorecard/domain/credits/statement';
import { withAmounts } from '@scorecard/domain/credits/statement-view';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { Problems } from './credits.schemas.ts';
import { amountsShown, vendorExists } from './statements.service.ts';

const problems = { 400: Problems, 401: Problems, 403: Problems, 404: Problems };
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([Type.Null(), schema]);
const Amount = Nullable(Type.Integer());
const Required = Nullable(Type.Object({ rate: Nullable(Type.Number()), state: Type.String() }));

const Scenario = Type.Object({
  creditsBeforeCapMinor: Amount,
  creditsMinor: Amount,
  earnBackMinor: Amount,
  bonusMinor: Amount,
  netMinor: Amount,
  lines: Type.Array(
    Type.Object({
      metric: Type.String(),
      figure: Type.Object({ value: Nullable(Type.Number()), n: Type.Number() }),
      outcome: Type.String(),
      verdict: Type.Object({ isDefault: Type.Boolean(), missesInWindow: Type.Integer(), reason: Type.String() }),
      chargedMinor: Amount,
      formula: Type.String(),
    }),
  ),
});

const ExposureView = Type.Object({
  termsInForce: Type.Literal(true),
  vendorId: Type.Integer(),
  month: Type.String(),
  asOf: Type.String(),
  elapsedDays: Type.Number(),
  daysInMonth: Type.Integer(),
  patternWeeks: Type.Integer(),
  amountsShown: Type.Boolean(),
  currency: Type.String(),
  volume: Type.Object({ soFar: Type.Number(), projected: Type.Number(), forecast: Nullable(Type.Integer()) }),
  levels: Type.Array(
    Type.Object({
      metric: Type.String(),
      kind: Type.String(),
      method: Type.String(),
      soFar: Type.Object({ value: Nullable(Type.Number()), n: Type.Number() }),
      projected: Type.Object({
        value: Nullable(Type.Number()),
        n: Type.Number(),
        low: Nullable(Type.Number()),
        high: Nullable(Type.Number()),
      }),
      intervalMethod: Nullable(Type.String()),
      requiredForExpected: Required,
      requiredForMinimum: Required,
      formula: Type.String(),
    }),
  ),
  projected: Scenario,
  /** Every level at the unfavourable end of its interval. */
  worst: Scenario,
  best: Scenario,
});

/** No money terms are in force for the vendor in the month: nothing to project (a state, not an error). */
const NoTermsView = Type.Object({ termsInForce: Type.Literal(false), vendorId: Type.Integer(), month: Type.String() });

const exposureRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  app.get(
    '/api/credits/exposure',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getCreditExposure',
        tags: ['credits'],
        querystring: Type.Object(
          {
            vendorId: Type.Integer({ minimum: 1 }),
            asOf: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Union([ExposureView, NoTermsView]), ...problems },
      },
    },
    async (request) => {
      const { vendorId } = request.query;
      // A projection is a draft of a draft: a vendor user sees statements once shared, never this.
      if (request.scope.kind === 'vendor') throw new Problem('not-found', `No exposure of vendor ${vendorId}`);
      await vendorExists(app.db, vendorId);
      const asOf = request.query.asOf === undefined ? new Date() : new Date(request.query.asOf);
      const exposure = await monthExposure(app.db, vendorId, asOf);
      if (!exposure.termsInForce) return { termsInForce: false as const, vendorId, month: exposure.month };
      const shown = await amountsShown(app.db, request.principal);
      const scenario = (statement: Statement) => withAmounts(statement, new Map(), shown);
      return {
        ...exposure,
        vendorId,
        amountsShown: shown,
        currency: exposure.projected.currency,
        projected: scenario(exposure.projected),
        worst: scenario(exposure.worst),
        best: scenario(exposure.best),
      };
    },
  );
  done();
};

export default exposureRoutes;
