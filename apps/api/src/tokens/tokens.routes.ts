/** API tokens for automation (admin only): create (secret shown once), list (never the secret), revoke. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  findApiToken,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiTokenRow,
} from '@scorecard/db/auth/tokens';
import { newApiTokenSecret } from '../auth/credentials.ts';
import { Problem } from '../http/problems.ts';
import { checkRoleVendor } from '../auth/users.service.ts';
import { ApiTokenList, CreateApiTokenBody, CreatedApiToken, TokenIdParams } from './tokens.schemas.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem };

function toJson(token: ApiTokenRow) {
  return {
    ...token,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

const tokensRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: { operationId: 'listApiTokens', tags: ['tokens'], response: { 200: ApiTokenList, ...errors } },
    },
    async () => ({ items: (await listApiTokens(app.db)).map(toJson) }),
  );

  app.post(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createApiToken',
        tags: ['tokens'],
        body: CreateApiTokenBody,
        response: { 201: CreatedApiToken, ...errors },
      },
    },
    async (request, reply) => {
      const vendorId = request.body.vendorId ?? null;
      await checkRoleVendor(app.db, request.body.role, vendorId);
      const { secret, hash, prefix } = newApiTokenSecret();
      const id = await insertApiToken(app.db, {
        name: request.body.name.trim(),
        tokenHash: hash,
        prefix,
        role: request.body.role,
        vendorId,
        createdBy: request.principal?.userId ?? null,
      });
      return reply.code(201).send({ token: toJson((await findApiToken(app.db, id))!), secret });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'revokeApiToken',
        tags: ['tokens'],
        params: TokenIdParams,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      if (!(await revokeApiToken(app.db, request.params.id)))
        throw new Problem('not-found', `No token ${request.params.id}.`);
      return reply.code(204).send(null);
    },
  );
};

export default tokensRoutes;
