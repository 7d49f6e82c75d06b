/**
 * Action items: create by hand (ops), read with comments and history (scoped), change (vendor users: status
 * only), comment (everyone who sees the item except viewers).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listPlanEvents, type PlanEventRow } from '@scorecard/db/plans/events';
import { findItem, listComments, type ItemRow } from '@scorecard/db/plans/items';
import { planSettings } from '@scorecard/db/plans/plans';
import { Problem } from '../http/problems.ts';
import { Comment, CommentBody, IdParams, Item, ItemDetail, NewItemBody, UpdateItemBody } from './plans.schemas.ts';
import { addItemTo, changeItem, commentOn } from './plans.service.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
const tags = ['plans'];

export function itemJson(item: ItemRow) {
  return {
    ...item,
    doneAt: item.doneAt?.toISOString() ?? null,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function eventJson(event: PlanEventRow) {
  return { ...event, at: event.at.toISOString() };
}

const itemsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  async function itemDetail(id: number, scope: Parameters<typeof findItem>[1]) {
    const { today } = await planSettings(app.db);
    const item = await findItem(app.db, scope, id, today);
    if (!item) throw new Problem('not-found', `No action item ${id}.`);
    const [comments, history] = await Promise.all([listComments(app.db, id), listPlanEvents(app.db, item.planId, id)]);
    return {
      item: itemJson(item),
      comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
      history: history.map(eventJson),
    };
  }

  app.post(
    '/api/plans/:id/items',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'addPlanItem',
        tags,
        params: IdParams,
        body: NewItemBody,
        response: { 201: Item, ...errors },
      },
    },
    async (request, reply) => {
      const id = await addItemTo(app.db, request.principal, request.params.id, request.body);
      return reply.code(201).send((await itemDetail(id, request.scope)).item);
    },
  );

  app.get(
    '/api/plan-items/:id',
    {
      config: { access: 'read' },
      schema: { operationId: 'getPlanItem', tags, params: IdParams, response: { 200: ItemDetail, ...errors } },
    },
    async (request) => itemDetail(request.params.id, request.scope),
  );

  app.patch(
    '/api/plan-items/:id',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'updatePlanItem',
        tags,
        params: IdParams,
        body: UpdateItemBody,
        response: { 200: ItemDetail, ...errors },
      },
    },
    async (request) => {
      if (!request.principal) throw new Problem('unauthenticated', 'Sign in first.');
      await changeItem(app.db, request.principal, request.scope, request.params.id, request.body);
      return itemDetail(request.params.id, request.scope);
    },
  );

  app.post(
    '/api/plan-items/:id/comments',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'commentPlanItem',
        tags,
        params: IdParams,
        body: CommentBody,
        response: { 201: Comment, ...errors },
      },
    },
    async (request, reply) => {
      if (!request.principal) throw new Problem('unauthenticated', 'Sign in first.');
      const id = await commentOn(app.db, request.principal, request.scope, request.params.id, request.body.body);
      const comment = (await listComments(app.db, request.params.id)).find((c) => c.id === id)!;
      return reply.code(201).send({ ...comment, createdAt: comment.createdAt.toISOString() });
    },
  );
};

export default itemsRoutes;
