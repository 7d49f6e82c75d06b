/**
 * Alert rules, subscriptions, firings and deliveries (docs/alerts.md). Admin and ops manage rules;
 * everyone signed in lists the rules that can fire about their scope and subscribes themselves by email.
 * A vendor user sees their own vendor's firings only, and neither other people's addresses nor webhooks.
 */
import { findVendorArchiveState } from '@scorecard/db/vendors/archive';
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listDeliveries, listFirings } from '@scorecard/db/alerts/deliveries';
import {
  createAlertRule,
  deleteAlertRule,
  findAlertRule,
  listAlertRules,
  setSubscription,
  updateAlertRule,
  webhookOf,
  type AlertRule,
  type AlertRuleInput,
} from '@scorecard/db/alerts/rules';
import type { Static } from 'typebox';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import type { Principal } from '../auth/access.ts';
import { Problem } from '../http/problems.ts';
import {
  DeliveryList,
  FiringList,
  IdParams,
  ListQuery,
  problems,
  RuleBody,
  RuleList,
  SavedRule,
  SubscriptionBody,
} from './alerts.schemas.ts';

const tags = ['alerts'];

const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

function userIdOf(principal: Principal | null): number {
  if (principal?.userId == null)
    throw new Problem('bad-request', 'Subscriptions belong to a signed-in user, not a token.');
  return principal.userId;
}

/** A token has no user: it sees no subscription of its own. */
const viewerId = (principal: Principal | null) => principal?.userId ?? 0;

const alertsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function validInput(body: Static<typeof RuleBody>): Promise<AlertRuleInput> {
    if (body.condition === 'required_rate' && body.threshold === null)
      throw new Problem('bad-request', 'A required_rate rule needs a threshold.');
    if (body.vendorId !== null) {
      const vendor = await findVendorArchiveState(app.db, body.vendorId);
      if (!vendor) throw new Problem('bad-request', `No vendor ${body.vendorId}.`);
      if (vendor.archivedAt !== null)
        throw new Problem('conflict', `${vendor.name} is archived and is not evaluated; restore it first.`);
    }
    return {
      ...body,
      threshold: body.condition === 'required_rate' ? body.threshold : null,
      metric: body.condition === 'plan_unachievable' ? null : body.metric,
      emailTo: [...new Set(body.emailTo.map((e) => e.toLowerCase()))],
    };
  }

  async function ruleOr404(scope: VendorScope, principal: Principal | null, id: number): Promise<AlertRule> {
    const rule = await findAlertRule(app.db, scope, viewerId(principal), id);
    if (!rule) throw new Problem('not-found', `No alert rule ${id}.`);
    return rule;
  }

  app.get(
    '/api/alerts/rules',
    {
      config: { access: 'read' },
      schema: { operationId: 'listAlertRules', tags, response: { 200: RuleList, ...problems } },
    },
    async (request) => ({ items: await listAlertRules(app.db, request.scope, viewerId(request.principal)) }),
  );

  app.post(
    '/api/alerts/rules',
    {
      config: { access: 'ops' },
      schema: { operationId: 'createAlertRule', tags, body: RuleBody, response: { 201: SavedRule, ...problems } },
    },
    async (request, reply) => {
      const input = await validInput(request.body);
      const secret = input.webhookUrl === null ? null : newWebhookSecret();
      const id = await createAlertRule(app.db, input, secret, userIdOf(request.principal));
      reply.code(201);
      return { rule: await ruleOr404(request.scope, request.principal, id), webhookSecret: secret };
    },
  );

  app.put(
    '/api/alerts/rules/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'updateAlertRule',
        tags,
        params: IdParams,
        body: RuleBody,
        response: { 200: SavedRule, ...problems },
      },
    },
    async (request) => {
      const { id } = request.params;
      const input = await validInput(request.body);
      const current = await webhookOf(app.db, id);
      if (!current) throw new Problem('not-found', `No alert rule ${id}.`);
      // A webhook keeps its secret while its URL stays; a new URL gets a new secret, shown once.
      const secret =
        input.webhookUrl === current.url ? undefined : input.webhookUrl === null ? null : newWebhookSecret();
      await updateAlertRule(app.db, id, input, secret);
      return { rule: await ruleOr404(request.scope, request.principal, id), webhookSecret: secret ?? null };
    },
  );

  app.delete(
    '/api/alerts/rules/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'deleteAlertRule',
        tags,
        params: IdParams,
        response: { 204: { type: 'null' }, ...problems },
      },
    },
    async (request, reply) => {
      if (!(await deleteAlertRule(app.db, request.params.id)))
        throw new Problem('not-found', `No alert rule ${request.params.id}.`);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/alerts/rules/:id/subscription',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'setAlertSubscription',
        tags,
        params: IdParams,
        body: SubscriptionBody,
        response: { 200: SavedRule, ...problems },
      },
    },
    async (request) => {
      const userId = userIdOf(request.principal);
      await ruleOr404(request.scope, request.principal, request.params.id);
      await setSubscription(app.db, request.params.id, userId, request.body.subscribed);
      return { rule: await ruleOr404(request.scope, request.principal, request.params.id), webhookSecret: null };
    },
  );

  app.get(
    '/api/alerts/firings',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listAlertFirings',
        tags,
        querystring: ListQuery,
        response: { 200: FiringList, ...problems },
      },
    },
    async (request) => ({
      items: await listFirings(app.db, request.scope, request.query.limit, request.query.ruleId),
    }),
  );

  app.get(
    '/api/alerts/deliveries',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listAlertDeliveries',
        tags,
        querystring: ListQuery,
        response: { 200: DeliveryList, ...problems },
      },
    },
    async (request) => ({
      items: await listDeliveries(app.db, request.scope, request.query.limit, request.query.ruleId),
    }),
  );
};

export default alertsRoutes;
