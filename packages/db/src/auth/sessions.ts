/**
 * Sessions: looked up by the sha-256 of the cookie value. A session lives `idleSeconds` after its last use,
 * and never beyond its absolute expiry.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { UserRole } from './users.ts';

/** Sliding expiry is written at most this often, so reads do not turn into a write each. */
const TOUCH_EVERY_SECONDS = 60;

export interface NewSession {
  idHash: string;
  userId: number;
  csrfToken: string;
  idleSeconds: number;
  absoluteSeconds: number;
}

export async function insertSession(db: Db, session: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: sql<Date>`now() + make_interval(secs => ${session.idleSeconds})`,
      absolute_expires_at: sql<Date>`now() + make_interval(secs => ${session.absoluteSeconds})`,
    })
    .execute();
}

export interface SessionPrincipal {
  sessionId: number;
  csrfToken: string;
  userId: number;
  role: UserRole;
  vendorId: number | null;
  /** The earlier of the idle and the absolute expiry: the session is not live from then on. */
  expiresAt: Date;
}

/**
 * The live session of an enabled user, or undefined (unknown, expired, user disabled, or a vendor user whose
 * vendor is archived: refused while archived, accepted again once restored if it has not expired meanwhile).
 */
export async function findLiveSession(db: Db, idHash: string): Promise<SessionPrincipal | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('vendors', 'vendors.id', 'users.vendor_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token as csrfToken',
      'users.id as userId',
      'users.role',
      'users.vendor_id as vendorId',
      sql<Date>`least(sessions.expires_at, sessions.absolute_expires_at)`.as('expiresAt'),
    ])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.absolute_expires_at', '>', sql<Date>`now()`)
    .where('users.disabled_at', 'is', null)
    .where('vendors.archived_at', 'is', null)
    .executeTakeFirst();
  return row && { ...row, role: row.role as UserRole };
}

/** Pushes the idle expiry forward (capped by the absolute expiry); cheap no-op when touched recently. */
export async function touchSession(db: Db, sessionId: number, idleSeconds: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({
      last_seen_at: sql<Date>`now()`,
      expires_at: sql<Date>`least(now() + make_interval(secs => ${idleSeconds}), absolute_expires_at)`,
    })
    .where('id', '=', sessionId)
    .where('last_seen_at', '<', sql<Date>`now() - make_interval(secs => ${TOUCH_EVERY_SECONDS})`)
    .execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Signs a user out everywhere, optionally keeping the session that asked (password change). */
export async function deleteUserSessions(db: Db, userId: number, exceptSessionId?: number): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId !== undefined) query = query.where('id', '!=', exceptSessionId);
  await query.execute();
}

/** Deletes every session past its expiry; returns how many. */
export async function deleteExpiredSessions(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
