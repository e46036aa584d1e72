import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from './aead.js';
import { CryptoError } from './crypto-error.js';
import {
  blake2bHex,
  constantTimeEqual,
  hashToken,
  keyedHash,
  randomToken,
  sha256Hex,
} from './hashing.js';
import { ready } from './sodium.js';

beforeAll(ready);

describe('keyedHash (BLAKE2b keyed)', () => {
  const key = generateKey();

  it('is deterministic per key and differs across keys and inputs', () => {
    const buyer = 'amzn1.account.AEXAMPLEBUYERID';
    expect(keyedHash(key, buyer)).toBe(keyedHash(key, buyer));
    expect(keyedHash(key, buyer)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash(generateKey(), buyer)).not.toBe(keyedHash(key, buyer));
    expect(keyedHash(key, `${buyer}2`)).not.toBe(keyedHash(key, buyer));
    expect(keyedHash(key, new TextEncoder().encode(buyer))).toBe(keyedHash(key, buyer));
  });

  it('is not the unkeyed hash and refuses short keys', () => {
    expect(keyedHash(key, 'x')).not.toBe(blake2bHex('x'));
    expect(() => keyedHash(new Uint8Array(8), 'x')).toThrow(CryptoError);
  });
});

describe('digests', () => {
  it('sha256Hex matches Node; blake2bHex matches the BLAKE2b-256 test vectors', () => {
    expect(sha256Hex('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(blake2bHex('')).toBe('0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8');
    expect(blake2bHex('abc')).toBe(
      'bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319',
    );
  });
});

describe('tokens', () => {
  it('randomToken is base64url of the requested size and unique', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(Array.from({ length: 200 }, () => randomToken())).size).toBe(200);
    expect(() => randomToken(8)).toThrow(CryptoError);
  });

  it('hashToken is a stable SHA-256 digest, never the token', () => {
    const token = randomToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(randomToken())).not.toBe(hashToken(token));
  });
});

describe('constantTimeEqual', () => {
  it('compares strings and bytes', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2]), 'ab')).toBe(false);
  });
});
