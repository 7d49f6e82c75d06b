/**
 * Authorisation in one place. Every request: resolve the principal (session cookie or bearer token),
 * refuse non-public routes without one (401), check CSRF on cookie-authenticated state changes (403),
 * check the route's `config.access` for the role (403), and set `request.scope`.
 * An `onRoute` hook refuses to start the app when an API route does not declare its access.
 */
import cookie from '@fastify/cookie';
import { findLiveSession, touchSession } from '@scorecard/db/auth/sessions';
import { useApiToken } from '@scorecard/db/auth/tokens';
import type { VendorScope } from '@scorecard/domain/vendors/scope';
import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { mayAccess, scopeOf, type Access, type CsrfProof, type Principal } from '../auth/access.ts';
import { constantTimeEqual, sha256Hex } from '../auth/credentials.ts';
import { PrincipalCache } from '../auth/principal-cache.ts';
import { CSRF_HEADER, SESSION_COOKIE, sessionLifetimes } from '../auth/sessions.ts';
import { Problem } from '../http/problems.ts';

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with its declared access (read by docs/security.md tooling and the security suites). */
    routeTable: readonly RouteEntry[];
    /**
     * Set (with `decorate`) inside an encapsulated plugin whose routes come from a library and cannot
     * declare `config.access` themselves (bull-board): the access of every route of that context.
     */
    routeAccess?: Access;
    /** Likewise for `config.csrfProof`. */
    routeCsrfProof?: CsrfProof;
  }
  interface FastifyRequest {
    /** The session that authenticated the request, when it was a cookie. */
    sessionId: number | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that cannot carry `config.access` themselves: the API docs UI and the dashboard's static files. */
function isPublicByLocation(url: string): boolean {
  return url.startsWith('/api/docs') || !(url === '/api' || url.startsWith('/api/') || url.startsWith('/health'));
}

export default fp(
  async function auth(app: FastifyInstance) {
    const routeTable: RouteEntry[] = [];
    app.decorate('routeTable', routeTable);
    app.decorateRequest('principal', null);
    app.decorateRequest('sessionId', null);
    app.decorateRequest<VendorScope | null>('scope', null);

    app.addHook('onRoute', function (route) {
      let access = route.config?.access ?? this.routeAccess;
      if (!access) {
        if (!isPublicByLocation(route.url)) {
          throw new Error(
            `Route ${String(route.method)} ${route.url} declares no config.access; every API route must.`,
          );
        }
        access = 'public';
      }
      const csrfProof = route.config?.csrfProof ?? this.routeCsrfProof ?? 'token';
      route.config = { ...route.config, access, csrfProof };
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) routeTable.push({ method, url: route.url, access, schema: route.schema });
    });

    await app.register(cookie);

    const principals = new PrincipalCache<Cached>();
    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      // No access means no route matched: the not-found handler answers and reveals nothing.
      if (!access) return;
      const principal = await resolvePrincipal(app, principals, request);
      if (access === 'public') {
        if (principal) setPrincipal(request, principal);
        return;
      }
      if (!principal) throw new Problem('unauthenticated', 'Sign in, or send a valid API token.');
      if (request.sessionId !== null && !SAFE_METHODS.has(request.method) && !provesOwnPage(request, principal)) {
        throw new Problem('forbidden', `Missing or wrong ${CSRF_HEADER} header.`);
      }
      if (!mayAccess(principal.role, access)) throw new Problem('forbidden', 'Your role may not do this.');
      setPrincipal(request, principal);
    });
  },
  // `generations` registers later (after db) and is read at request time only.
  { name: 'auth', dependencies: ['errors'] },
);

type Resolved = Principal & { csrfToken: string | null };

/** Whether a state change with a session cookie carries the proof its route asks for (`config.csrfProof`). */
function provesOwnPage(request: FastifyRequest, principal: Resolved): boolean {
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent === 'string' && constantTimeEqual(sent, principal.csrfToken ?? '')) return true;
  return (
    request.routeOptions.config.csrfProof === 'token-or-same-origin' &&
    request.headers['sec-fetch-site'] === 'same-origin'
  );
}

function setPrincipal(request: FastifyRequest, principal: Resolved): void {
  const { csrfToken: _csrf, ...rest } = principal;
  request.principal = rest;
  request.scope = scopeOf(rest);
}

type Cached = Resolved & { sessionId: number | null };

/** Never throws for bad credentials: returns null and lets the route's access decide. */
async function resolvePrincipal(
  app: FastifyInstance,
  cache: PrincipalCache<Cached>,
  request: FastifyRequest,
): Promise<Resolved | null> {
  const authorization = request.headers.authorization;
  const cookieValue = authorization === undefined ? request.cookies[SESSION_COOKIE] : undefined;
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const secret = bearer ?? cookieValue;
  if (!secret) return null;
  const key = `${bearer === undefined ? 's' : 't'}:${sha256Hex(secret)}`;
  // Read before the lookup: a revocation committed meanwhile bumps past it and retires what is stored below.
  const { auth: generation } = await app.generations.ofRequest(request);
  const cached = cache.get(key, generation) ?? (await lookUpPrincipal(app, cache, key, generation));
  if (!cached) return null;
  request.sessionId = cached.sessionId;
  const { sessionId: _session, ...resolved } = cached;
  return resolved;
}

async function lookUpPrincipal(
  app: FastifyInstance,
  cache: PrincipalCache<Cached>,
  key: string,
  generation: number,
): Promise<Cached | null> {
  const hash = key.slice(2);
  if (key.startsWith('t:')) {
    const token = await useApiToken(app.db, hash);
    if (!token) return null;
    const principal = { userId: null, tokenId: token.tokenId, role: token.role, vendorId: token.vendorId };
    const cached = { ...principal, csrfToken: null, sessionId: null };
    cache.set(key, cached, generation);
    return cached;
  }
  const session = await findLiveSession(app.db, hash);
  if (!session) return null;
  // Sliding expiry: advanced on every lookup, i.e. at least once per cache lifetime of an active session.
  await touchSession(app.db, session.sessionId, sessionLifetimes(app.config).idleSeconds);
  const cached = {
    userId: session.userId,
    tokenId: null,
    role: session.role,
    vendorId: session.vendorId,
    csrfToken: session.csrfToken,
    sessionId: session.sessionId,
  };
  cache.set(key, cached, generation, session.expiresAt.getTime());
  return cached;
}
