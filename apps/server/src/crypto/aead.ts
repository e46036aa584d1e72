/**
 * Authenticated encryption for PII attributes and wrapped keys: XChaCha20-Poly1305 (IETF).
 *
 * Envelope (version 1), one byte string:
 *
 *   offset 0      1 byte   version = 0x01
 *   offset 1     24 bytes  nonce (random, from Node's CSPRNG; 192 bits, so random nonces are safe)
 *   offset 25   n+16 bytes ciphertext followed by the 16-byte Poly1305 tag
 *
 * The additional data authenticated with it is `version byte || associatedData`, so neither the
 * version nor the caller's context can be swapped without failing authentication. The caller's
 * associated data is mandatory: it binds a ciphertext to its place (for example
 * `orders.shipping_address:<orderId>`), so a value copied to another row or column fails.
 */
import { assertLength, fromUtf8, randomBytes, withBytes, type BytesLike } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { sodium } from './sodium.js';

export const ENVELOPE_VERSION = 1;
export const KEY_BYTES = 32;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
/** Size of an envelope holding `n` plaintext bytes is `n + ENVELOPE_OVERHEAD`. */
export const ENVELOPE_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

/** A new random 256-bit key for {@link aeadEncrypt} or {@link keyedHash}. Wipe it when done. */
export function generateKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

function fullAssociatedData(associatedData: Uint8Array): Uint8Array {
  if (associatedData.length === 0) {
    throw new CryptoError('INVALID_INPUT', 'associated data must not be empty');
  }
  const ad = new Uint8Array(1 + associatedData.length);
  ad[0] = ENVELOPE_VERSION;
  ad.set(associatedData, 1);
  return ad;
}

/** Encrypts `plaintext` (bytes, or text as UTF-8) into a version-1 envelope. */
export function aeadEncrypt(
  key: Uint8Array,
  plaintext: BytesLike,
  associatedData: BytesLike,
): Uint8Array {
  assertLength(key, KEY_BYTES, 'key');
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = withBytes(associatedData, (ad) =>
    withBytes(plaintext, (message) =>
      sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(
        message,
        fullAssociatedData(ad),
        null,
        nonce,
        key,
      ),
    ),
  );
  const envelope = new Uint8Array(1 + NONCE_BYTES + sealed.length);
  envelope[0] = ENVELOPE_VERSION;
  envelope.set(nonce, 1);
  envelope.set(sealed, 1 + NONCE_BYTES);
  return envelope;
}

/**
 * Decrypts a version-1 envelope. Throws `INVALID_ENVELOPE` for malformed input and
 * `DECRYPT_FAILED` for a wrong key, wrong associated data or any tampered byte (the cipher
 * cannot tell these apart, and neither do we). The caller owns, and should wipe, the result.
 */
export function aeadDecrypt(
  key: Uint8Array,
  envelope: Uint8Array,
  associatedData: BytesLike,
): Uint8Array {
  assertLength(key, KEY_BYTES, 'key');
  if (!(envelope instanceof Uint8Array) || envelope.length < ENVELOPE_OVERHEAD) {
    throw new CryptoError('INVALID_ENVELOPE');
  }
  if (envelope[0] !== ENVELOPE_VERSION) throw new CryptoError('INVALID_ENVELOPE', 'version');
  const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
  const sealed = envelope.subarray(1 + NONCE_BYTES);
  return withBytes(associatedData, (ad) => {
    try {
      return sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        sealed,
        fullAssociatedData(ad),
        nonce,
        key,
      );
    } catch (error) {
      if (error instanceof CryptoError) throw error;
      throw new CryptoError('DECRYPT_FAILED');
    }
  });
}

/** {@link aeadDecrypt} for text: the plaintext bytes are wiped after strict UTF-8 decoding. */
export function aeadDecryptText(
  key: Uint8Array,
  envelope: Uint8Array,
  associatedData: BytesLike,
): string {
  const bytes = aeadDecrypt(key, envelope, associatedData);
  try {
    return fromUtf8(bytes);
  } finally {
    sodium().memzero(bytes);
  }
}
