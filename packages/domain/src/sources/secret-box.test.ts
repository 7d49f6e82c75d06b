import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { openSecret, SecretBoxError, sealSecret } from './secret-box.ts';

const key = randomBytes(32);

describe('secret box', () => {
  test('opens what it sealed, and the envelope does not contain the plaintext', () => {
    const envelope = sealSecret(key, 7, '{"password":"hunter2"}');
    expect(envelope).not.toContain('hunter2');
    expect(openSecret(key, 7, envelope)).toBe('{"password":"hunter2"}');
  });

  test('two seals of the same secret differ (random IV)', () => {
    expect(sealSecret(key, 1, 'same')).not.toBe(sealSecret(key, 1, 'same'));
  });

  test.each([
    ['another key', (e: string) => openSecret(randomBytes(32), 7, e)],
    ['another source', (e: string) => openSecret(key, 8, e)],
    ['a changed byte', (e: string) => openSecret(key, 7, e.slice(0, -2) + (e.endsWith('A') ? 'BB' : 'AA'))],
    ['not an envelope', () => openSecret(key, 7, 'plain')],
    ['a short key', (e: string) => openSecret(key.subarray(0, 16), 7, e)],
  ])('refuses %s', (_name, open) => {
    const envelope = sealSecret(key, 7, 'secret');
    expect(() => open(envelope)).toThrow(SecretBoxError);
  });
});
