import Type from 'typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './credentials.ts';

export const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' });
export const RoleSchema = Type.Union([
  Type.Literal('admin'),
  Type.Literal('ops'),
  Type.Literal('viewer'),
  Type.Literal('vendor'),
  Type.Literal('finance'),
]);

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);

export const SessionUser = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  vendorId: Type.Union([Type.Integer(), Type.Null()]),
  vendorName: Type.Union([Type.String(), Type.Null()]),
  mustChangePassword: Type.Boolean(),
});

export const SessionBody = Type.Object({ user: SessionUser, csrfToken: Type.String() });

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
