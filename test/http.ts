/**
 * How integration tests call the API as a given role. Every API test goes through this,
 * so that sign-in (sessions, CSRF) is set up in one place.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../apps/api/src/auth/access.ts';

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

/** Until sign-in exists every request is an admin's; `role` and `vendorId` are recorded for later. */
export async function callerAs(
  app: FastifyInstance,
  role: Role,
  options: { vendorId?: number } = {},
): Promise<Caller> {
  const inject = (request: InjectOptions) => app.inject(request);
  const withBody = (method: 'POST' | 'PUT' | 'PATCH') => (url: string, payload?: unknown) =>
    inject({ method, url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) });
  return {
    role,
    vendorId: options.vendorId ?? null,
    inject,
    get: (url) => inject({ method: 'GET', url }),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    delete: (url) => inject({ method: 'DELETE', url }),
  };
}
