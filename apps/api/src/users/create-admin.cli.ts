/**
 * `pnpm user:create-admin --email x --password y [--name z]`: creates an admin, or makes an existing user
 * an enabled admin with that password (idempotent; the way back in when every admin is locked out).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@scorecard/config';
import { findUserByEmail } from '@scorecard/db/auth/users';
import { deleteUserSessions } from '@scorecard/db/auth/sessions';
import { createDb } from '@scorecard/db/database';
import { migrateToLatest } from '@scorecard/db/migrate';
import { PASSWORD_MIN_LENGTH } from '../auth/credentials.ts';
import { changeUser, createUser, normaliseEmail, resetPassword } from '../auth/users.service.ts';

const { values } = parseArgs({
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
  allowPositionals: true,
});
if (!values.email || !values.password) {
  console.error('usage: pnpm user:create-admin --email <email> --password <password> [--name <name>]');
  process.exit(2);
}
if (values.password.length < PASSWORD_MIN_LENGTH) {
  console.error(`The password needs at least ${PASSWORD_MIN_LENGTH} characters.`);
  process.exit(2);
}

const config = loadConfig();
const { db } = createDb({ url: config.db.url, maxConnections: 1 });
try {
  await migrateToLatest(db);
  const email = normaliseEmail(values.email);
  const existing = await findUserByEmail(db, email);
  if (existing) {
    await changeUser(db, null, existing.id, { role: 'admin', vendorId: null, disabled: false });
    await resetPassword(db, existing.id, values.password, false);
    await deleteUserSessions(db, existing.id);
    console.log(`${email} is an admin; password reset.`);
  } else {
    await createUser(db, { email, name: values.name ?? email, role: 'admin', password: values.password });
    console.log(`${email} created as admin.`);
  }
} finally {
  await db.destroy();
}
