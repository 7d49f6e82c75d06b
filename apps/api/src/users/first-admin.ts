/** The first admin: created on API start when no user exists, its password printed once. */
import { countUsers } from '@scorecard/db/auth/users';
import type { Db } from '@scorecard/db/database';
import { generatePassword } from '../auth/credentials.ts';
import { createUser } from '../auth/users.service.ts';

export const FIRST_ADMIN_EMAIL = 'admin@localhost';

/** Returns the generated password when it created the admin, or null when users already exist. */
export async function ensureFirstAdmin(db: Db): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = generatePassword();
  try {
    await createUser(db, {
      email: FIRST_ADMIN_EMAIL,
      name: 'Administrator',
      role: 'admin',
      password,
      mustChangePassword: true,
    });
  } catch (error) {
    // Another API process started at the same moment and created it first.
    if ((error as { code?: string }).code === 'conflict') return null;
    throw error;
  }
  return password;
}
