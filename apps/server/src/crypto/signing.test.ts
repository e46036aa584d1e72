import { beforeAll, describe, expect, it } from 'vitest';
import { CryptoError } from './crypto-error.js';
import {
  generateSigningKeyPair,
  sign,
  SIGNATURE_BYTES,
  signingPublicKey,
  verify,
} from './signing.js';
import { ready } from './sodium.js';

beforeAll(ready);

const checkpoint = JSON.stringify({ seq: 1024, head: 'a'.repeat(64) });

describe('Ed25519', () => {
  let publicKey: Uint8Array;
  let secretKey: Uint8Array;
  beforeAll(() => {
    ({ publicKey, secretKey } = generateSigningKeyPair());
  });

  it('signs and verifies', () => {
    const signature = sign(secretKey, checkpoint);
    expect(signature).toHaveLength(SIGNATURE_BYTES);
    expect(verify(publicKey, checkpoint, signature)).toBe(true);
    expect(signingPublicKey(secretKey)).toEqual(publicKey);
  });

  it('detects a tampered message, signature or key', () => {
    const signature = sign(secretKey, checkpoint);
    expect(verify(publicKey, checkpoint.replace('1024', '1025'), signature)).toBe(false);
    const bad = signature.slice();
    bad[10] = (bad[10] ?? 0) ^ 0x80;
    expect(verify(publicKey, checkpoint, bad)).toBe(false);
    expect(verify(generateSigningKeyPair().publicKey, checkpoint, signature)).toBe(false);
  });

  it('answers false for malformed input instead of throwing', () => {
    const signature = sign(secretKey, checkpoint);
    expect(verify(publicKey, checkpoint, signature.subarray(0, 63))).toBe(false);
    expect(verify(publicKey.subarray(0, 31), checkpoint, signature)).toBe(false);
    expect(() => sign(secretKey.subarray(0, 32), checkpoint)).toThrow(CryptoError);
  });

  it('generates distinct key pairs', () => {
    expect(generateSigningKeyPair().publicKey).not.toEqual(publicKey);
  });
});
