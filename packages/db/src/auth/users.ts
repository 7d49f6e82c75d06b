/**
 * Users: query functions only. Passwords arrive here already hashed (apps/api/src/auth/passwords.ts);
 * emails are normalised to lower case by the caller and the schema refuses anything else.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';

export type UserRole = 'admin' | 'ops' | 'viewer' | 'vendor' | 'finance';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  vendorId: number | null;
  vendorName: string | null;
  /** When the user's vendor is archived: a vendor user cannot sign in meanwhile. */
  vendorArchivedAt: Date | null;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

export interface UserWithHash extends UserRow {
  passwordHash: string;
}

function selectUsers(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('vendors', 'vendors.id', 'users.vendor_id')
    .select([
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.vendor_id as vendorId',
      'vendors.name as vendorName',
      'vendors.archived_at as vendorArchivedAt',
      'users.must_change_password as mustChangePassword',
      'users.disabled_at as disabledAt',
      'users.created_at as createdAt',
    ]);
}

function asUser<T extends { role: string }>(row: T): T & { role: UserRole } {
  return row as T & { role: UserRole };
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const rows = await selectUsers(db).orderBy('users.email').execute();
  return rows.map(asUser);
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  const row = await selectUsers(db).where('users.id', '=', id).executeTakeFirst();
  return row && asUser(row);
}

export async function findUserByEmail(db: Db, email: string): Promise<UserWithHash | undefined> {
  const row = await selectUsers(db)
    .select('users.password_hash as passwordHash')
    .where('users.email', '=', email)
    .executeTakeFirst();
  return row && asUser(row);
}

export async function findPasswordHash(db: Db, userId: number): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

export async function countUsers(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(count);
}

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  vendorId: number | null;
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function insertUser(db: Db, user: NewUser): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      vendor_id: user.vendorId,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface UserChanges {
  name?: string;
  role?: UserRole;
  vendorId?: number | null;
  disabled?: boolean;
}

/** Returns false when no such user exists. */
export async function updateUser(db: Db, id: number, changes: UserChanges): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.role === undefined ? {} : { role: changes.role }),
      ...(changes.vendorId === undefined ? {} : { vendor_id: changes.vendorId }),
      ...(changes.disabled === undefined
        ? {}
        : { disabled_at: changes.disabled ? sql<Date>`coalesce(disabled_at, now())` : null }),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setPasswordHash(
  db: Db,
  userId: number,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChangePassword })
    .where('id', '=', userId)
    .execute();
}
