/**
 * Creating and changing users: the production path used by the users API, the first-admin start-up,
 * the CLI and the test helpers alike.
 */
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  setPasswordHash,
  updateUser,
  type UserChanges,
  type UserRole,
  type UserRow,
} from '@scorecard/db/auth/users';
import { deleteUserSessions } from '@scorecard/db/auth/sessions';
import type { Db } from '@scorecard/db/database';
import { findVendorName } from '@scorecard/db/vendors/vendors';
import { Problem } from '../http/problems.ts';
import { hashPassword } from './credentials.ts';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** docs/definitions.md: a vendor user belongs to exactly one vendor; no other role has one. */
export async function checkRoleVendor(db: Db, role: UserRole, vendorId: number | null): Promise<void> {
  if (role !== 'vendor') {
    if (vendorId !== null) throw new Problem('bad-request', 'Only vendor users have a vendor; send vendorId null.');
    return;
  }
  if (vendorId === null) throw new Problem('bad-request', 'A vendor user needs a vendorId.');
  const vendor = await findVendorName(db, vendorId);
  if (!vendor) throw new Problem('bad-request', `No vendor ${vendorId}.`);
}

export interface CreateUserInput {
  email: string;
  name: string;
  role: UserRole;
  vendorId?: number | null;
  password: string;
  /** True when someone else chose the password: the user is asked to change it. */
  mustChangePassword?: boolean;
}

export async function createUser(db: Db, input: CreateUserInput): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  const vendorId = input.vendorId ?? null;
  await checkRoleVendor(db, input.role, vendorId);
  if (await findUserByEmail(db, email)) throw new Problem('conflict', 'A user with this email already exists.');
  const passwordHash = await hashPassword(input.password);
  const id = await insertUser(db, {
    email,
    name: input.name.trim(),
    role: input.role,
    vendorId,
    passwordHash,
    mustChangePassword: input.mustChangePassword ?? false,
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === '23505')
      throw new Problem('conflict', 'A user with this email already exists.');
    throw error;
  });
  return (await findUserById(db, id))!;
}

/** Role, vendor and disabling change together and are checked together; sessions end when access shrinks. */
export async function changeUser(
  db: Db,
  actingUserId: number | null,
  id: number,
  changes: UserChanges,
): Promise<UserRow> {
  const current = await findUserById(db, id);
  if (!current) throw new Problem('not-found', `No user ${id}.`);
  const role = changes.role ?? current.role;
  const vendorId = changes.vendorId !== undefined ? changes.vendorId : role === 'vendor' ? current.vendorId : null;
  await checkRoleVendor(db, role, vendorId);
  const losesAdmin =
    current.role === 'admin' && current.disabledAt === null && (role !== 'admin' || changes.disabled === true);
  if (losesAdmin && (await countActiveAdmins(db)) <= 1) {
    throw new Problem('conflict', 'This is the last active admin; make another admin first.');
  }
  if (id === actingUserId && changes.disabled === true) throw new Problem('conflict', 'You cannot disable yourself.');
  await updateUser(db, id, { ...changes, role, vendorId });
  const accessChanged = role !== current.role || vendorId !== current.vendorId || changes.disabled === true;
  if (accessChanged) await deleteUserSessions(db, id);
  return (await findUserById(db, id))!;
}

export async function resetPassword(
  db: Db,
  userId: number,
  password: string,
  mustChangePassword: boolean,
): Promise<void> {
  await setPasswordHash(db, userId, await hashPassword(password), mustChangePassword);
}
