/**
 * How integration tests call the API as a given role. Every API test goes through this,
 * so that sign-in (sessions, CSRF) is set up in one place: `callerAs` creates a real user through the
 * production code, signs in through `POST /api/auth/sign-in`, and sends the session cookie on every
 * request and the CSRF header on every state-changing one.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../apps/api/src/auth/access.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../apps/api/src/auth/sessions.ts';
import { createUser } from '../apps/api/src/auth/users.service.ts';

export interface Caller {
  role: Role;
  vendorId: number | null;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export interface SignedInCaller extends Caller {
  userId: number;
  email: string;
  password: string;
  csrfToken: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function makeCaller(
  app: FastifyInstance,
  role: Role,
  vendorId: number | null,
  headersFor: (method: string) => Record<string, string>,
): Caller {
  const inject = (request: InjectOptions) => {
    const method = (request.method ?? 'GET').toUpperCase();
    // The caller's own headers (e.g. a multipart boundary) are kept; credentials are added on top.
    return app.inject({ ...request, headers: { ...(request.headers ?? {}), ...headersFor(method) } });
  };
  const withBody = (method: 'POST' | 'PUT' | 'PATCH') => (url: string, payload?: unknown) =>
    inject({ method, url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
  return {
    role,
    vendorId,
    inject,
    get: (url) => inject({ method: 'GET', url }),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    delete: (url) => inject({ method: 'DELETE', url }),
  };
}

/** Signs in an existing user through the API; throws with the answer when sign-in fails. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { cookie: cookie.value, csrfToken: (response.json() as { csrfToken: string }).csrfToken };
}

/** A new user of `role` (vendor users need `vendorId`), signed in through the API. */
export async function callerAs(
  app: FastifyInstance,
  role: Role,
  options: { vendorId?: number; email?: string } = {},
): Promise<SignedInCaller> {
  const vendorId = options.vendorId ?? null;
  if (role === 'vendor' && vendorId === null) throw new Error('callerAs(app, "vendor") needs { vendorId }');
  const email = options.email ?? `${role}-${randomBytes(5).toString('hex')}@test.example`;
  const password = randomBytes(18).toString('base64url');
  const user = await createUser(app.db, {
    email,
    name: `Test ${role}`,
    role,
    vendorId: role === 'vendor' ? vendorId : null,
    password,
  });
  const { cookie, csrfToken } = await signIn(app, email, password);
  const caller = makeCaller(app, role, role === 'vendor' ? vendorId : null, (method) => ({
    cookie: `${SESSION_COOKIE}=${cookie}`,
    ...(STATE_CHANGING.has(method) ? { [CSRF_HEADER]: csrfToken } : {}),
  }));
  return { ...caller, userId: user.id, email, password, csrfToken };
}

/** Automation: `Authorization: Bearer <token>` on every request, no cookie, no CSRF header. */
export function bearerCaller(
  app: FastifyInstance,
  token: string,
  role: Role = 'ops',
  vendorId: number | null = null,
): Caller {
  return makeCaller(app, role, vendorId, () => ({ authorization: `Bearer ${token}` }));
}

/** Nobody signed in. */
export function anonymous(app: FastifyInstance): Caller {
  return makeCaller(app, 'viewer', null, () => ({}));
}
