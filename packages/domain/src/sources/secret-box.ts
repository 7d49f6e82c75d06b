/**
 * Import sources' secrets at rest: one AES-256-GCM envelope per source, `v1.<iv>.<tag>.<ciphertext>` in
 * base64url. The source id is bound in as additional data, so an envelope copied onto another source's row
 * does not open. Never throws on a bad key length silently: every failure is a SecretBoxError.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new SecretBoxError(`The secret key must be ${KEY_BYTES} bytes.`);
}

export function sealSecret(key: Buffer, sourceId: number, plaintext: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`import-source:${sourceId}`));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Throws SecretBoxError when the envelope is malformed, was sealed with another key or for another source. */
export function openSecret(key: Buffer, sourceId: number, envelope: string): string {
  checkKey(key);
  const [version, iv, tag, ciphertext, ...rest] = envelope.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length) {
    throw new SecretBoxError('The stored secret is not a v1 envelope.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`import-source:${sourceId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('The stored secret does not open with the configured SOURCE_SECRET_KEY.');
  }
}
