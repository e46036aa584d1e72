/** Ed25519 signatures (audit checkpoints). Secret keys are 64 bytes (seed + public key). */
import { assertLength, randomBytes, withBytes, wipe, type BytesLike } from './bytes.js';
import { sodium } from './sodium.js';

export const SIGNING_PUBLIC_KEY_BYTES = 32;
export const SIGNING_SECRET_KEY_BYTES = 64;
export const SIGNATURE_BYTES = 64;
const SEED_BYTES = 32;

export interface SigningKeyPair {
  readonly publicKey: Uint8Array;
  /** Keep it wrapped at rest (`wrapKey`) and wipe it when done. */
  readonly secretKey: Uint8Array;
}

/** A new Ed25519 key pair from a seed drawn from Node's CSPRNG (the seed is wiped). */
export function generateSigningKeyPair(): SigningKeyPair {
  const seed = randomBytes(SEED_BYTES);
  try {
    const { publicKey, privateKey } = sodium().crypto_sign_seed_keypair(seed);
    return { publicKey, secretKey: privateKey };
  } finally {
    wipe(seed);
  }
}

/** The public key inside an Ed25519 secret key, e.g. to publish with exported checkpoints. */
export function signingPublicKey(secretKey: Uint8Array): Uint8Array {
  assertLength(secretKey, SIGNING_SECRET_KEY_BYTES, 'signing secret key');
  return sodium().crypto_sign_ed25519_sk_to_pk(secretKey);
}

/** A detached 64-byte signature of `message`. */
export function sign(secretKey: Uint8Array, message: BytesLike): Uint8Array {
  assertLength(secretKey, SIGNING_SECRET_KEY_BYTES, 'signing secret key');
  return withBytes(message, (bytes) => sodium().crypto_sign_detached(bytes, secretKey));
}

/** True only for a valid signature; malformed keys or signatures give false, never a throw. */
export function verify(publicKey: Uint8Array, message: BytesLike, signature: Uint8Array): boolean {
  if (publicKey.length !== SIGNING_PUBLIC_KEY_BYTES || signature.length !== SIGNATURE_BYTES) {
    return false;
  }
  try {
    return withBytes(message, (bytes) =>
      sodium().crypto_sign_verify_detached(signature, bytes, publicKey),
    );
  } catch {
    return false;
  }
}
