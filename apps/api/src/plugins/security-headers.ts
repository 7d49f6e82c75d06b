/**
 * Security headers on every response, computed once at start-up (apps/api/src/http/security-headers.ts):
 * - pages and files a browser renders (the dashboard, the API docs UI, the queue board): helmet's document
 *   set, with the CSP the dashboard needs;
 * - JSON (the API's answers and problem documents): the set the OWASP REST Security Cheat Sheet names for
 *   APIs — a CSP that allows nothing and no framing, nosniff, DENY framing, same-origin resource policy, no
 *   referrer — and `Cache-Control: no-store`, as they hold one caller's data. The document-only headers
 *   (origin-agent-cluster, DNS prefetch, IE download options…) would be 400 bytes of noise on every answer.
 * The set follows the response's content type, so a route's errors and a UI's own JSON calls get the JSON set.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { securityHeaders } from '../http/security-headers.ts';

const JSON_TYPE = /^application\/(?:problem\+)?json\b/;

export default fp(
  async function securityHeadersPlugin(app: FastifyInstance) {
    const hsts = app.config.auth.cookieSecure;
    const documents = securityHeaders({
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
          ...(hsts ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      hsts,
    });
    const json = {
      ...securityHeaders({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
        },
        crossOriginOpenerPolicy: false,
        originAgentCluster: false,
        xDnsPrefetchControl: false,
        xDownloadOptions: false,
        xFrameOptions: { action: 'deny' },
        xPermittedCrossDomainPolicies: false,
        xXssProtection: false,
        hsts,
      }),
      'cache-control': 'no-store',
    };
    app.addHook('onSend', (_request, reply, payload, done) => {
      const type = reply.getHeader('content-type');
      reply.headers(typeof type === 'string' && JSON_TYPE.test(type) ? json : documents);
      done(null, payload);
    });
  },
  { name: 'security-headers' },
);
