import Type from 'typebox';
import { Id } from '../http/schemas.ts';
import { Email, RoleSchema } from '../auth/auth.schemas.ts';

const NullableId = Type.Union([Id(), Type.Null()]);

export const User = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  vendorId: Type.Union([Type.Integer(), Type.Null()]),
  vendorName: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean(),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

export const UserList = Type.Object({ items: Type.Array(User) });

export const UserIdParams = Type.Object({ id: Id() });

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    role: RoleSchema,
    vendorId: Type.Optional(NullableId),
  },
  { additionalProperties: false },
);

export const CreatedUser = Type.Object({
  user: User,
  /** Shown once; the user is asked to change it at first sign-in. */
  initialPassword: Type.String(),
});

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    role: Type.Optional(RoleSchema),
    vendorId: Type.Optional(NullableId),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const PasswordReset = Type.Object({ initialPassword: Type.String() });
