import Type from 'typebox';
import { Id } from '../http/schemas.ts';
import { RoleSchema } from '../auth/auth.schemas.ts';

export const ApiToken = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** The first characters of the secret, to tell tokens apart; never the secret. */
  prefix: Type.String(),
  role: RoleSchema,
  vendorId: Type.Union([Type.Integer(), Type.Null()]),
  vendorName: Type.Union([Type.String(), Type.Null()]),
  createdBy: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) });

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    role: RoleSchema,
    vendorId: Type.Optional(Type.Union([Id(), Type.Null()])),
  },
  { additionalProperties: false },
);

export const CreatedApiToken = Type.Object({
  token: ApiToken,
  /** Shown once: send as `Authorization: Bearer <secret>`. */
  secret: Type.String(),
});

export const TokenIdParams = Type.Object({ id: Id() });
