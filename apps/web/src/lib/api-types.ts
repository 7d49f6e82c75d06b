/**
 * The API's request and response bodies by operationId, from the types generated out of its OpenAPI document
 * (api.generated.ts, `pnpm codegen:api`): `ApiResponse<'listVendors'>`, `ApiBody<'createTarget'>`. Feature api
 * files name their types with these instead of copying the API's schemas by hand.
 */
import type { operations } from './api.generated.ts';

type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type OperationId = keyof operations;

/** The JSON body the operation answers with `status` (default 200). */
export type ApiResponse<
  Op extends OperationId,
  Status extends number = 200,
> = operations[Op]['responses'] extends infer R ? (Status extends keyof R ? JsonOf<R[Status]> : never) : never;

/** The JSON body the operation takes. */
export type ApiBody<Op extends OperationId> = operations[Op] extends { requestBody?: infer B }
  ? JsonOf<NonNullable<B>>
  : never;

/** The operation's query string. */
export type ApiQuery<Op extends OperationId> = operations[Op]['parameters'] extends { query?: infer Q }
  ? NonNullable<Q>
  : never;
