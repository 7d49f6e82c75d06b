/**
 * The secrets of sign-in: argon2id password hashes, random session ids, CSRF and API tokens.
 * Only hashes are stored; comparisons of presented secrets run in constant time.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { hash as digest, randomBytes, timingSafeEqual } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const API_TOKEN_PREFIX = 'sct_';

// Algorithm.Argon2id; the const enum cannot be read under verbatimModuleSyntax.
const ARGON2ID = 2 as Algorithm;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

/** Never throws: a malformed stored hash is a failed verification. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

let dummyHash: Promise<string> | undefined;
/**
 * Verifies against a throw-away hash so that an unknown email costs the same time as a wrong password
 * (an attacker must not learn which emails exist from the timing).
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomSecret(16));
  await verifyPassword(await dummyHash, password);
  return false;
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A readable one-time password for an invited user (~120 bits). */
export function generatePassword(): string {
  return randomSecret(15);
}

/** Run on every authenticated request: the one-shot digest costs about 40 % of a Hash object's. */
export function sha256Hex(value: string): string {
  return digest('sha256', value, 'hex');
}

export function newApiTokenSecret(): { secret: string; hash: string; prefix: string } {
  const secret = `${API_TOKEN_PREFIX}${randomSecret(32)}`;
  return { secret, hash: sha256Hex(secret), prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6) };
}

export function constantTimeEqual(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison time does not reveal the expected length.
  return timingSafeEqual(digest('sha256', a, 'buffer'), digest('sha256', b, 'buffer'));
}
