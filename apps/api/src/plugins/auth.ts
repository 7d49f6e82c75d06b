/**
 * Authorisation in one place. Every request: resolve the principal (session cookie or bearer token),
 * refuse non-public routes without one (401), check CSRF on cookie-authenticated state changes (403),
 * check the route's `config.access` for the role (403), and set `request.scope`.
 * An `onRoute` hook refuses to start the app when an API route does not declare its access.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { findLiveSession, touchSession } from '@scorecard/db/auth/sessions';
import { useApiToken } from '@scorecard/db/auth/tokens';
import type { FastifyInstance, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';
import { mayAccess, scopeOf, type Access, type Principal, type VendorScope } from '../auth/access.ts';
import { constantTimeEqual, sha256Hex } from '../auth/credentials.ts';
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

    app.addHook('onRoute', (route) => {
      let access = route.config?.access;
      if (!access) {
        if (!isPublicByLocation(route.url)) {
          throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access; every API route must.`);
        }
        access = 'public';
        route.config = { ...route.config, access };
      }
      const methods = (Array.isArray(route.method) ? route.method : [route.method]) as HTTPMethods[];
      for (const method of methods) routeTable.push({ method, url: route.url, access, schema: route.schema });
    });

    await app.register(cookie);
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Swagger UI and chart libraries set inline style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(app.config.auth.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      hsts: app.config.auth.cookieSecure,
    });

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      // No access means no route matched: the not-found handler answers and reveals nothing.
      if (!access) return;
      const principal = await resolvePrincipal(app, request);
      if (access === 'public') {
        if (principal) setPrincipal(request, principal);
        return;
      }
      if (!principal) throw new Problem('unauthenticated', 'Sign in, or send a valid API token.');
      if (request.sessionId !== null && !SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !constantTimeEqual(sent, principal.csrfToken ?? '')) {
          throw new Problem('forbidden', `Missing or wrong ${CSRF_HEADER} header.`);
        }
      }
      if (!mayAccess(principal.role, access)) throw new Problem('forbidden', 'Your role may not do this.');
      setPrincipal(request, principal);
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);

type Resolved = Principal & { csrfToken: string | null };

function setPrincipal(request: FastifyRequest, principal: Resolved): void {
  const { csrfToken: _csrf, ...rest } = principal;
  request.principal = rest;
  request.scope = scopeOf(rest);
}

/** Never throws for bad credentials: returns null and lets the route's access decide. */
async function resolvePrincipal(app: FastifyInstance, request: FastifyRequest): Promise<Resolved | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const token = match?.[1] && (await useApiToken(app.db, sha256Hex(match[1])));
    if (!token) return null;
    return { userId: null, tokenId: token.tokenId, role: token.role, vendorId: token.vendorId, csrfToken: null };
  }
  const cookieValue = request.cookies[SESSION_COOKIE];
  if (!cookieValue) return null;
  const session = await findLiveSession(app.db, sha256Hex(cookieValue));
  if (!session) return null;
  await touchSession(app.db, session.sessionId, sessionLifetimes(app.config).idleSeconds);
  request.sessionId = session.sessionId;
  return { userId: session.userId, tokenId: null, role: session.role, vendorId: session.vendorId, csrfToken: session.csrfToken };
}
