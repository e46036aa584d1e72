import { beforeAll, describe, expect, it } from 'vitest';
import {
  aeadDecrypt,
  aeadDecryptText,
  aeadEncrypt,
  ENVELOPE_OVERHEAD,
  ENVELOPE_VERSION,
  generateKey,
  KEY_BYTES,
} from './aead.js';
import { utf8 } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { ready } from './sodium.js';

beforeAll(ready);

const AD = 'orders.shipping_address:111-2222222-3333333';
const PLAINTEXT = '123 Main St, Springfield, IL 62704';

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof CryptoError ? error.code : 'not a CryptoError';
  }
};

const flip = (bytes: Uint8Array, index: number): Uint8Array => {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
};

describe('aeadEncrypt / aeadDecrypt (XChaCha20-Poly1305, envelope v1)', () => {
  const key = generateKey();

  it('round-trips text and bytes', () => {
    const envelope = aeadEncrypt(key, PLAINTEXT, AD);
    expect(aeadDecryptText(key, envelope, AD)).toBe(PLAINTEXT);
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(aeadDecrypt(key, aeadEncrypt(key, bytes, utf8(AD)), AD)).toEqual(bytes);
    expect(aeadDecryptText(key, aeadEncrypt(key, '', AD), AD)).toBe('');
  });

  it('writes version byte, 24-byte nonce, ciphertext and tag', () => {
    const envelope = aeadEncrypt(key, PLAINTEXT, AD);
    expect(envelope[0]).toBe(ENVELOPE_VERSION);
    expect(envelope.length).toBe(utf8(PLAINTEXT).length + ENVELOPE_OVERHEAD);
    expect(ENVELOPE_OVERHEAD).toBe(1 + 24 + 16);
  });

  it('uses a fresh nonce each time', () => {
    const a = aeadEncrypt(key, PLAINTEXT, AD);
    const b = aeadEncrypt(key, PLAINTEXT, AD);
    expect(a.subarray(1, 25)).not.toEqual(b.subarray(1, 25));
    expect(a).not.toEqual(b);
  });

  it('rejects every flipped byte: version, nonce, ciphertext and tag', () => {
    const envelope = aeadEncrypt(key, PLAINTEXT, AD);
    expect(codeOf(() => aeadDecrypt(key, flip(envelope, 0), AD))).toBe('INVALID_ENVELOPE');
    for (let i = 1; i < envelope.length; i += 1) {
      expect(codeOf(() => aeadDecrypt(key, flip(envelope, i), AD))).toBe('DECRYPT_FAILED');
    }
  });

  it('rejects other associated data, a wrong key and a truncated envelope', () => {
    const envelope = aeadEncrypt(key, PLAINTEXT, AD);
    expect(codeOf(() => aeadDecrypt(key, envelope, `${AD}x`))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => aeadDecrypt(key, envelope, 'orders.buyer_name:111-2222222-3333333'))).toBe(
      'DECRYPT_FAILED',
    );
    expect(codeOf(() => aeadDecrypt(generateKey(), envelope, AD))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => aeadDecrypt(key, envelope.subarray(0, 40), AD))).toBe('INVALID_ENVELOPE');
    expect(codeOf(() => aeadDecrypt(key, envelope.subarray(0, -1), AD))).toBe('DECRYPT_FAILED');
  });

  it('refuses a key of the wrong size and empty associated data', () => {
    expect(codeOf(() => aeadEncrypt(new Uint8Array(16), PLAINTEXT, AD))).toBe('INVALID_INPUT');
    expect(codeOf(() => aeadEncrypt(key, PLAINTEXT, ''))).toBe('INVALID_INPUT');
  });

  it('never puts key or plaintext in an error message', () => {
    const envelope = aeadEncrypt(key, PLAINTEXT, AD);
    try {
      aeadDecrypt(generateKey(), envelope, AD);
    } catch (error) {
      expect(String(error)).toBe('CryptoError: crypto: decryption failed');
    }
  });

  it('generates distinct 32-byte keys', () => {
    const a = generateKey();
    expect(a).toHaveLength(KEY_BYTES);
    expect(a).not.toEqual(generateKey());
  });
});
