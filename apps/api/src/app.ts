/**
 * Builds the Fastify application from a Config. `server.ts` listens; tests call `buildApp` and `inject`.
 */
import type { Config } from '@scorecard/config';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import admissionPlugin from './plugins/admission.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin from './plugins/errors.ts';
import securityHeadersPlugin from './plugins/security-headers.ts';
import generationsPlugin from './plugins/generations.ts';
import queuesPlugin from './plugins/queues.ts';
import queueBoardPlugin from './plugins/queue-board.ts';
import swaggerPlugin from './plugins/swagger.ts';
import webPlugin from './plugins/web.ts';
import inputGuardPlugin, { frameworkErrors } from './security/input-guard.ts';
import healthRoutes from './health/health.routes.ts';
import scorecardsRoutes from './scorecards/scorecards.routes.ts';
import casesRoutes from './cases/cases.routes.ts';
import targetsRoutes from './targets/targets.routes.ts';
import settingsRoutes from './settings/settings.routes.ts';
import reportsRoutes from './reports/reports.routes.ts';
import importsRoutes from './imports/imports.routes.ts';
import vendorsRoutes from './vendors/vendors.routes.ts';
import presetsRoutes from './imports/presets.routes.ts';
import authRoutes from './auth/auth.routes.ts';
import usersRoutes from './users/users.routes.ts';
import tokensRoutes from './tokens/tokens.routes.ts';
import plansRoutes from './plans/plans.routes.ts';
import planItemsRoutes from './plans/items.routes.ts';
import termsRoutes from './terms/terms.routes.ts';
import calendarsRoutes from './calendars/calendars.routes.ts';
import reconciliationRoutes from './reconciliation/reconciliation.routes.ts';
import sourcesRoutes from './sources/sources.routes.ts';
import alertsRoutes from './alerts/alerts.routes.ts';
import weekToDateRoutes from './alerts/week-to-date.routes.ts';
import qualityFormsRoutes from './quality/forms.routes.ts';
import qualityReviewsRoutes from './quality/reviews.routes.ts';
import qualityInsightsRoutes from './quality/insights.routes.ts';
import qualitySamplingRoutes from './quality/sampling.routes.ts';
import qualityEscalationsRoutes from './quality/escalations.routes.ts';
import qualityCaseworkRoutes from './quality/casework.routes.ts';
import qualityDrillDownRoutes from './quality/drill-down.routes.ts';
import creditsRoutes from './credits/credits.routes.ts';
import moneyTermsRoutes from './credits/money-terms.routes.ts';
import statementDrillRoutes from './credits/statement-drill.routes.ts';
import forecastImportRoutes from './credits/forecast-import.routes.ts';
import exposureRoutes from './credits/exposure.routes.ts';

export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.log.level },
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    frameworkErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('config', config);
  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin);
  // First of the request hooks: a refused request costs no authentication or database work.
  await app.register(admissionPlugin);
  // Before any route: its onRoute hook checks that every route declares its access.
  await app.register(authPlugin);
  await app.register(inputGuardPlugin);
  await app.register(swaggerPlugin);
  await app.register(dbPlugin, { ...config.db });
  await app.register(generationsPlugin);
  await app.register(queuesPlugin, { redisUrl: config.redis.url, prefix: config.redis.queuePrefix });
  await app.register(queueBoardPlugin);

  await app.register(healthRoutes);
  await app.register(scorecardsRoutes);
  await app.register(casesRoutes);
  await app.register(targetsRoutes);
  await app.register(settingsRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(tokensRoutes);
  // Feature routes register here, each under /api.
  await app.register(importsRoutes);
  await app.register(vendorsRoutes);
  await app.register(presetsRoutes);
  await app.register(plansRoutes);
  await app.register(planItemsRoutes);
  await app.register(reportsRoutes);
  await app.register(termsRoutes);
  await app.register(calendarsRoutes);
  await app.register(reconciliationRoutes);
  await app.register(sourcesRoutes);
  await app.register(alertsRoutes);
  await app.register(weekToDateRoutes);
  await app.register(qualityFormsRoutes);
  await app.register(qualityReviewsRoutes);
  await app.register(qualityInsightsRoutes);
  await app.register(qualitySamplingRoutes);
  await app.register(qualityEscalationsRoutes);
  await app.register(qualityCaseworkRoutes);
  await app.register(qualityDrillDownRoutes);
  await app.register(creditsRoutes);
  await app.register(moneyTermsRoutes);
  await app.register(statementDrillRoutes);
  await app.register(forecastImportRoutes);
  await app.register(exposureRoutes);

  await app.register(webPlugin, { distDir: config.web.distDir });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}
