import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { scopeOf, type Principal, type VendorScope } from '../auth/access.ts';

// Placeholder until sign-in lands (issue 8): every caller is an admin. Replaced, not extended.
const PLACEHOLDER_ADMIN: Principal = { userId: null, tokenId: null, role: 'admin', vendorId: null };

export default fp(
  async function auth(app: FastifyInstance) {
    app.decorateRequest('principal', null);
    app.decorateRequest<VendorScope | null>('scope', null);
    app.addHook('onRequest', async (request) => {
      request.principal = PLACEHOLDER_ADMIN;
      request.scope = scopeOf(PLACEHOLDER_ADMIN);
    });
  },
  { name: 'auth' },
);
