/** Users admin API (admin only): list, invite with a one-time password, change role/vendor/disable, reset password. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { deleteUserSessions } from '@scorecard/db/auth/sessions';
import { findUserById, listUsers, type UserRow } from '@scorecard/db/auth/users';
import { generatePassword } from '../auth/credentials.ts';
import { Problem } from '../http/problems.ts';
import {
  CreatedUser,
  CreateUserBody,
  PasswordReset,
  UpdateUserBody,
  User,
  UserIdParams,
  UserList,
} from './users.schemas.ts';
import { changeUser, createUser, resetPassword } from '../auth/users.service.ts';

const problem = { $ref: 'ProblemDocument#' };
const errors = { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem };

function toJson(user: UserRow) {
  return { ...user, disabledAt: user.disabledAt?.toISOString() ?? null, createdAt: user.createdAt.toISOString() };
}

const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: { operationId: 'listUsers', tags: ['users'], response: { 200: UserList, ...errors } },
    },
    async () => ({ items: (await listUsers(app.db)).map(toJson) }),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        body: CreateUserBody,
        response: { 201: CreatedUser, ...errors },
      },
    },
    async (request, reply) => {
      const initialPassword = generatePassword();
      const user = await createUser(app.db, { ...request.body, password: initialPassword, mustChangePassword: true });
      return reply.code(201).send({ user: toJson(user), initialPassword });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        params: UserIdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errors },
      },
    },
    async (request) =>
      toJson(await changeUser(app.db, request.principal?.userId ?? null, request.params.id, request.body)),
  );

  app.post(
    '/api/users/:id/password-reset',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'resetUserPassword',
        tags: ['users'],
        params: UserIdParams,
        response: { 200: PasswordReset, ...errors },
      },
    },
    async (request) => {
      const user = await findUserById(app.db, request.params.id);
      if (!user) throw new Problem('not-found', `No user ${request.params.id}.`);
      const initialPassword = generatePassword();
      await resetPassword(app.db, user.id, initialPassword, true);
      await deleteUserSessions(app.db, user.id);
      return { initialPassword };
    },
  );
};

export default usersRoutes;
