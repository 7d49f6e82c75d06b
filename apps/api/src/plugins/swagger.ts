import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemDocument } from '../http/problems.ts';

export default fp(
  async function openapi(app: FastifyInstance) {
    app.addSchema(ProblemDocument);
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Scorecard API',
          version: '1.0.0',
          description:
            'Weekly BPO vendor scorecards. Errors are RFC 9457 problem documents (application/problem+json).',
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'swagger' },
);
