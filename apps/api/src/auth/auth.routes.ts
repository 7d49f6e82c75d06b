/** Sign-in, sign-out, the current user and password change. */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { deleteSession, deleteUserSessions, findLiveSession } from '@scorecard/db/auth/sessions';
import { findPasswordHash, findUserByEmail, findUserById, type UserRow } from '@scorecard/db/auth/users';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  });
  const emailOf = (request: FastifyRequest) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    return typeof email === 'string' ? normaliseEmail(email) : '';
  };
  // Every attempt costs an argon2 hash (an unknown email too, so that timing reveals nothing). Three limits,
  // tightest first: one account guessed from one address; password spraying over many accounts from one
  // address; and all callers together, sized to the hashing the API can afford beside its other work.
  const signInLimits = [
    {
      check: app.createRateLimit({
        max: SIGN_IN_ATTEMPTS_PER_MINUTE,
        timeWindow: 60_000,
        keyGenerator: (request) => `ip-email:${request.ip}|${emailOf(request)}`,
      }),
      refusal: 'Too many sign-in attempts for this account',
    },
    {
      check: app.createRateLimit({
        max: app.config.auth.signInPerIpPerMinute,
        timeWindow: 60_000,
        keyGenerator: (request) => `ip:${request.ip}`,
      }),
      refusal: 'Too many sign-in attempts from this address',
    },
    {
      check: app.createRateLimit({
        max: app.config.auth.signInGlobalPerMinute,
        timeWindow: 60_000,
        keyGenerator: () => 'all',
      }),
      refusal: 'Too many sign-in attempts on this service right now',
    },
  ];
  /** Runs after body parsing (the first key holds the email) and before any hash is computed. */
  async function limitSignIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    for (const { check, refusal } of signInLimits) {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw new Problem('rate-limited', `${refusal}; try again in ${result.ttlInSeconds} s.`);
      }
    }
  }

  app.post(
    '/api/auth/sign-in',
    {
      config: { access: 'public' },
      preHandler: limitSignIn,
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        body: SignInBody,
        response: { 200: SessionBody, 400: problem, 401: problem, 403: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const user = await findUserByEmail(app.db, normaliseEmail(request.body.email));
      // The same answer and cost for an unknown email, a wrong password and a disabled user.
      const ok = user
        ? await verifyPassword(user.passwordHash, request.body.password)
        : await burnPasswordCheck(request.body.password);
      if (!user || !ok || user.disabledAt !== null) throw new Problem('unauthenticated', 'Wrong email or password.');
      // Said only to the holder of the right password, so it reveals nothing to someone guessing.
      if (user.vendorArchivedAt !== null)
        throw new Problem(
          'forbidden',
          `${user.vendorName ?? 'Your vendor'} is archived in Scorecard, so its users cannot sign in. Ask your operations contact.`,
        );
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
