/**
 * The authorisation contract every route follows.
 * - A route declares `config: { access }`: who may call it at all.
 * - A route that reads vendor data passes `request.scope` to its query functions, which filter by it.
 *   A vendor user's scope is its own vendor; nothing else ever widens it.
 */
import type { VendorScope } from '@scorecard/domain/vendors/scope';

export const ROLES = ['admin', 'ops', 'viewer', 'vendor', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/**
 * public: anyone; read: any signed-in role (vendor data scoped); ops: admin and ops; admin: admin only;
 * vendor: vendor users only (acts only a vendor takes, such as disputing a review of its cases).
 * finance: admin and finance (money terms, statements); dispute: admin, finance and vendor users (a vendor
 * disputes its own statement's lines, finance records a dispute received by mail).
 */
export type Access = 'public' | 'read' | 'ops' | 'admin' | 'vendor' | 'finance' | 'dispute';

export interface Principal {
  userId: number | null;
  tokenId: number | null;
  role: Role;
  vendorId: number | null;
}

/** What proves a cookie-authenticated state change came from our own pages (see `config.csrfProof`). */
export type CsrfProof = 'token' | 'token-or-same-origin';

export function scopeOf(principal: Principal): VendorScope {
  if (principal.role === 'vendor') {
    if (principal.vendorId === null) throw new Error('A vendor user without a vendor must never be signed in');
    return { kind: 'vendor', vendorId: principal.vendorId };
  }
  return { kind: 'all' };
}

const allowed: Record<Access, readonly Role[]> = {
  public: ROLES,
  read: ROLES,
  ops: ['admin', 'ops'],
  admin: ['admin'],
  vendor: ['vendor'],
  finance: ['admin', 'finance'],
  dispute: ['admin', 'finance', 'vendor'],
};

export function mayAccess(role: Role, access: Access): boolean {
  return allowed[access].includes(role);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * What proves a cookie-authenticated state change was made by our own pages: the CSRF header (default),
     * or, for pages we do not write and that cannot send it (the queue board), also the browser's
     * `Sec-Fetch-Site: same-origin` (Fetch Metadata: a header no page script can set or forge).
     */
    csrfProof?: CsrfProof;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Set for every non-public route before its handler runs. */
    scope: VendorScope;
  }
}
