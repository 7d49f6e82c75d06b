/**
 * Refuses text that no route can store or compare safely, before validation: NUL characters (PostgreSQL
 * text cannot hold them, so they would surface as a 500) and lone UTF-16 surrogates (not Unicode text;
 * they turn into U+FFFD on the way to the database, so what is stored would differ from what was sent).
 * Covers path parameters, query strings and JSON bodies; multipart uploads are read by their route.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Problem, problemCodes, problemType } from '../http/problems.ts';

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching NUL is the point of this guard
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_DEPTH = 32;

/** The location of the first forbidden string in `value` (keys included), or null. */
export function findForbiddenText(value: unknown, location: string, depth = 0): string | null {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? location : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return location;
  for (const [key, child] of Object.entries(value)) {
    if (FORBIDDEN.test(key)) return `${location}/${key.replace(FORBIDDEN, '?')}`;
    const found = findForbiddenText(child, `${location}/${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

const ID_KEY = /(^id$|Id$|_id$)/;

/**
 * The location of the first bad number, or null: any number that is not finite (query coercion turns
 * "Infinity" into one), and any identifier (a path parameter, or a key named `id`/`…Id`) that is not a safe
 * integer: ids are PostgreSQL bigints, and a larger number would fail in the database instead of here.
 */
export function findBadNumber(value: unknown, location: string, isId: boolean, depth = 0): string | null {
  if (typeof value === 'number')
    return Number.isFinite(value) && (!isId || Number.isSafeInteger(value)) ? null : location;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const [key, child] of Object.entries(value)) {
    const found = findBadNumber(child, `${location}/${key}`, isId || ID_KEY.test(key), depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Fastify's `frameworkErrors` option: a URL that is not valid percent-encoded UTF-8, or a path parameter
 * over the router's length limit, is refused before any route runs; answer it as a problem document too.
 */
export function frameworkErrors(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path segment is too long.'
      : 'The URL is not valid percent-encoded UTF-8.';
  const { status, title } = problemCodes['bad-request'];
  void reply
    .code(status)
    .type('application/problem+json')
    .send({ type: problemType('bad-request'), title, status, detail, instance: request.url.slice(0, 200) });
}

export default fp(
  async function inputGuard(app: FastifyInstance) {
    app.addHook('preValidation', async (request) => {
      const isMultipart = String(request.headers['content-type'] ?? '')
        .toLowerCase()
        .startsWith('multipart/');
      const found =
        findForbiddenText(request.params, 'params') ??
        findForbiddenText(request.query, 'querystring') ??
        (isMultipart ? null : findForbiddenText(request.body, 'body'));
      if (found) {
        throw new Problem(
          'bad-request',
          `${found} contains a NUL character, a lone surrogate or nesting deeper than ${MAX_DEPTH}.`,
          {
            errors: [
              { location: found, message: 'contains a NUL character, a lone surrogate or is nested too deeply' },
            ],
          },
        );
      }
    });
    // After validation: coercion has turned query and path text into numbers by then.
    app.addHook('preHandler', async (request) => {
      const found =
        findBadNumber(request.params, 'params', true) ??
        findBadNumber(request.query, 'querystring', false) ??
        findBadNumber(request.body, 'body', false);
      if (found) {
        const message = 'must be a finite number (an id: a positive safe integer)';
        throw new Problem('bad-request', `${found} ${message}.`, { errors: [{ location: found, message }] });
      }
    });
  },
  { name: 'input-guard', dependencies: ['errors'] },
);
