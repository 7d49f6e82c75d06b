import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Problem, problemCodes, problemType, type ProblemCode } from '../http/problems.ts';
import { patternMeaning } from '../http/schemas.ts';

const statusToCode = new Map<number, ProblemCode>(
  Object.entries(problemCodes).map(([code, { status }]) => [status, code as ProblemCode]),
);

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
) {
  const { status, title } = problemCodes[code];
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: problemType(code), title, status, detail, instance: request.url, ...extensions });
}

export default fp(
  async function errors(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
      if (error instanceof Problem) {
        return sendProblem(reply, request, error.code, error.detail, error.extensions);
      }
      if (error.validation) {
        const errors = error.validation.map((v) => ({
          location: `${error.validationContext ?? 'request'}${v.instancePath || ''}`,
          message:
            (v.keyword === 'pattern' ? patternMeaning(v.params.pattern) : undefined) ?? v.message ?? 'is invalid',
        }));
        const detail = errors.map((e) => `${e.location} ${e.message}`).join('; ');
        return sendProblem(reply, request, 'bad-request', detail, { errors });
      }
      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status >= 400 && status < 500) {
        const code = statusToCode.get(status) ?? 'bad-request';
        // Fastify's own 4xx messages (bad JSON, body too large, bad content type) are safe to show.
        return reply
          .code(status)
          .type('application/problem+json')
          .send({
            type: problemType(code),
            title: problemCodes[code].title,
            status,
            detail: error.message,
            instance: request.url,
          });
      }
      request.log.error({ err: error }, 'request failed');
      const code: ProblemCode = status === 503 ? 'unavailable' : 'internal';
      return sendProblem(reply, request, code, 'The server could not complete the request; it has been logged.');
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, request, 'not-found', `No route ${request.method} ${request.url.split('?')[0]}`),
    );
  },
  { name: 'errors' },
);
