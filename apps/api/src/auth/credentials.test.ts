import { describe, expect, it } from 'vitest';
import { constantTimeEqual, newApiTokenSecret, sha256Hex } from './credentials.ts';

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    // UTF-8 bytes of "é" (c3 a9), as the stored hashes were made (the digest is coreutils' sha256sum of them).
    ['é', '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'],
  ])('%j is the FIPS 180-2 digest of its UTF-8 bytes', (value, hex) => {
    expect(sha256Hex(value)).toBe(hex);
  });

  it('is the stored hash of a new API token', () => {
    const { secret, hash } = newApiTokenSecret();
    expect(sha256Hex(secret)).toBe(hash);
  });
});

describe('constantTimeEqual', () => {
  it.each([
    ['same', 'same', true],
    ['same', 'Same', false],
    ['short', 'shorter', false],
    ['', '', true],
  ])('%j and %j → %s', (a, b, equal) => {
    expect(constantTimeEqual(a, b)).toBe(equal);
  });
});
