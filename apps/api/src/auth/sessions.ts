/** Session lifetimes and the session cookie. */
import type { Config } from '@scorecard/config';
import { insertSession } from '@scorecard/db/auth/sessions';
import type { Db } from '@scorecard/db/database';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { randomSecret, sha256Hex } from './credentials.ts';

export const SESSION_COOKIE = 'sc_session';
export const CSRF_HEADER = 'x-csrf-token';
/** A session ends after `sessionTtlHours` without use, and at the latest this many TTLs after sign-in. */
const ABSOLUTE_TTL_FACTOR = 7;

export function sessionLifetimes(config: Config): { idleSeconds: number; absoluteSeconds: number } {
  const idleSeconds = config.auth.sessionTtlHours * 3600;
  return { idleSeconds, absoluteSeconds: idleSeconds * ABSOLUTE_TTL_FACTOR };
}

export function sessionCookieOptions(config: Config): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.auth.cookieSecure, path: '/' };
}

/** Creates a session; returns the cookie value (never stored) and the CSRF token. */
export async function startSession(
  db: Db,
  config: Config,
  userId: number,
): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = randomSecret(32);
  const csrfToken = randomSecret(32);
  await insertSession(db, { idHash: sha256Hex(cookie), userId, csrfToken, ...sessionLifetimes(config) });
  return { cookie, csrfToken };
}
