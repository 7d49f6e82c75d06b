/**
 * Review forms: everyone signed in reads them (vendor users dispute on them); ops create drafts, edit
 * them, publish them (frozen from then on) and start a new version.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createForm, findForm, listForms, newVersion, publishForm, updateDraft } from '@scorecard/db/quality/forms';
import { formProblems } from '@scorecard/domain/quality/forms';
import Type from 'typebox';
import { Problem } from '../http/problems.ts';
import { Form, IdParams, NewFormBody } from './quality.schemas.ts';
import { formJson } from './quality.service.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };
const tags = ['quality'];

function checked<T>(content: T): T {
  const problems = formProblems(content);
  if (problems.length > 0) throw new Problem('bad-request', problems.join('; '));
  return content;
}

const formsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/quality/forms',
    {
      config: { access: 'read' },
      schema: { operationId: 'listQualityForms', tags, response: { 200: Type.Array(Form), ...errors } },
    },
    async () => (await listForms(app.db)).map(formJson),
  );

  app.post(
    '/api/quality/forms',
    {
      config: { access: 'ops' },
      schema: { operationId: 'createQualityForm', tags, body: NewFormBody, response: { 201: Form, ...errors } },
    },
    async (request, reply) => {
      const content = checked(request.body.content);
      const exists = (await listForms(app.db)).some((f) => f.key === request.body.key);
      if (exists) throw new Problem('conflict', `Form ${request.body.key} exists; start a new version of it.`);
      const form = await createForm(app.db, request.body.key, content, request.principal?.userId ?? null);
      return reply.code(201).send(formJson(form));
    },
  );

  app.get(
    '/api/quality/forms/:id',
    {
      config: { access: 'read' },
      schema: { operationId: 'getQualityForm', tags, params: IdParams, response: { 200: Form, ...errors } },
    },
    async (request) => {
      const form = await findForm(app.db, request.params.id);
      if (!form) throw new Problem('not-found', `No quality form ${request.params.id}.`);
      return formJson(form);
    },
  );

  app.put(
    '/api/quality/forms/:id',
    {
      config: { access: 'ops' },
      schema: {
        operationId: 'updateQualityForm',
        tags,
        params: IdParams,
        body: NewFormBody.properties.content,
        response: { 200: Form, ...errors },
      },
    },
    async (request) => {
      const form = await updateDraft(app.db, request.params.id, checked(request.body));
      if (form) return formJson(form);
      if (await findForm(app.db, request.params.id)) {
        throw new Problem('conflict', `Form ${request.params.id} is published and frozen; start a new version.`);
      }
      throw new Problem('not-found', `No quality form ${request.params.id}.`);
    },
  );

  app.post(
    '/api/quality/forms/:id/publish',
    {
      config: { access: 'ops' },
      schema: { operationId: 'publishQualityForm', tags, params: IdParams, response: { 200: Form, ...errors } },
    },
    async (request) => {
      const form = await app.db.transaction().execute((trx) => publishForm(trx, request.params.id));
      if (form) return formJson(form);
      if (await findForm(app.db, request.params.id)) {
        throw new Problem('conflict', `Form ${request.params.id} is already published.`);
      }
      throw new Problem('not-found', `No quality form ${request.params.id}.`);
    },
  );

  app.post(
    '/api/quality/forms/:id/versions',
    {
      config: { access: 'ops' },
      schema: { operationId: 'newQualityFormVersion', tags, params: IdParams, response: { 201: Form, ...errors } },
    },
    async (request, reply) => {
      const form = await newVersion(app.db, request.params.id, request.principal?.userId ?? null);
      if (form) return reply.code(201).send(formJson(form));
      if (await findForm(app.db, request.params.id)) {
        throw new Problem('conflict', `Form ${request.params.id} already has a draft version.`);
      }
      throw new Problem('not-found', `No quality form ${request.params.id}.`);
    },
  );
};

export default formsRoutes;
