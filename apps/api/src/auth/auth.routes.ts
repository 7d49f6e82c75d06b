/** Sign-in, sign-out, the current user and password change. */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { deleteSession, deleteUserSessions, findLiveSession } from '@scorecard/db/auth/sessions';
import { findPasswordHash, findUserByEmail, findUserById, type UserRow } from '@scorecard/db/auth/users';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../http/problems.ts';
import { normaliseEmail, resetPassword } from './users.service.ts';
import { PasswordChangeBody, SessionBody, SignInBody } from './auth.schemas.ts';
import { burnPasswordCheck, sha256Hex, verifyPassword } from './credentials.ts';
import { SESSION_COOKIE, sessionCookieOptions, startSession } from './sessions.ts';

export const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;
const problem = { $ref: 'ProblemDocument#' };

function sessionBody(user: UserRow, csrfToken: string) {
  const { id, email, name, role, vendorId, vendorName, mustChangePassword } = user;
  return { user: { id, email, name, role, vendorId, vendorName, mustChangePassword }, csrfToken };
}

function currentUserId(request: FastifyRequest): number {
  const userId = request.principal?.userId;
  if (userId === null || userId === undefined || request.sessionId === null) {
    throw new Problem('unauthenticated', 'This needs a signed-in user, not an API token.');
  }
  return userId;
}

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Encapsulated here: only sign-in is limited. Counters live in Redis so every API process shares them.
  await app.register(rateLimit, {
    global: false,
    redis: app.redis,
    nameSpace: `${app.config.redis.queuePrefix}:sign-in-limit:`,
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new Problem('rate-limited', `Too many sign-in attempts; try again in ${context.after}.`),
  });

  app.post(
    '/api/auth/sign-in',
    {
      config: {
        access: 'public',
        rateLimit: {
          // After body parsing: the key includes the email.
          hook: 'preHandler',
          max: SIGN_IN_ATTEMPTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `${request.ip}|${typeof email === 'string' ? normaliseEmail(email) : ''}`;
          },
        },
      },
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        body: SignInBody,
        response: { 200: SessionBody, 400: problem, 401: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const user = await findUserByEmail(app.db, normaliseEmail(request.body.email));
      // The same answer and cost for an unknown email, a wrong password and a disabled user.
      const ok = user
        ? await verifyPassword(user.passwordHash, request.body.password)
        : await burnPasswordCheck(request.body.password);
      if (!user || !ok || user.disabledAt !== null) throw new Problem('unauthenticated', 'Wrong email or password.');
      const { cookie, csrfToken } = await startSession(app.db, app.config, user.id);
      reply.setCookie(SESSION_COOKIE, cookie, sessionCookieOptions(app.config));
      return sessionBody(user, csrfToken);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'read' },
      schema: { operationId: 'currentUser', tags: ['auth'], response: { 200: SessionBody, 401: problem } },
    },
    async (request) => {
      const user = await findUserById(app.db, currentUserId(request));
      const session = await findLiveSession(app.db, sha256Hex(request.cookies[SESSION_COOKIE] ?? ''));
      if (!user || !session) throw new Problem('unauthenticated', 'Sign in again.');
      return sessionBody(user, session.csrfToken);
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'signOut',
        tags: ['auth'],
        response: { 204: { type: 'null' }, 401: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await deleteSession(app.db, sha256Hex(cookie));
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(app.config));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'changeOwnPassword',
        tags: ['auth'],
        body: PasswordChangeBody,
        response: { 204: { type: 'null' }, 400: problem, 401: problem, 403: problem },
      },
    },
    async (request, reply) => {
      const userId = currentUserId(request);
      const passwordHash = await findPasswordHash(app.db, userId);
      if (!passwordHash || !(await verifyPassword(passwordHash, request.body.currentPassword))) {
        throw new Problem('forbidden', 'The current password is wrong.');
      }
      await resetPassword(app.db, userId, request.body.newPassword, false);
      // Other devices signed in with the old password are signed out; this one stays.
      await deleteUserSessions(app.db, userId, request.sessionId ?? undefined);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
