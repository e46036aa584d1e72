/**
 * The secrets the server holds, what each one is, and how it is encoded at rest. Byte secrets
 * are stored as base64; the LWA client secret is stored as the string Amazon issued.
 */
import {
  generateKey,
  generateSigningKeyPair,
  KEY_BYTES,
  SIGNING_SECRET_KEY_BYTES,
  wipe,
} from '../crypto/index.js';
import { SecretsError } from './secrets-error.js';

export const SECRET_CATALOG = {
  /** Key-encryption key: wraps every data key (`wrapKey`). */
  masterKey: { kind: 'bytes', length: KEY_BYTES, generate: 'aead-key' },
  /** Login with Amazon client secret: issued by Amazon, stored as-is, never generated here. */
  lwaClientSecret: { kind: 'text', length: null, generate: null },
  /** Ed25519 secret key (64 bytes) that signs audit checkpoints. */
  auditSigningKey: { kind: 'bytes', length: SIGNING_SECRET_KEY_BYTES, generate: 'ed25519' },
  /** HMAC key for CSRF tokens. */
  csrfKey: { kind: 'bytes', length: KEY_BYTES, generate: 'aead-key' },
  /** AEAD key of the identity module's secret sealer (TOTP secrets). */
  sealerKey: { kind: 'bytes', length: KEY_BYTES, generate: 'aead-key' },
} as const;

export type SecretName = keyof typeof SECRET_CATALOG;
export const SECRET_NAMES = Object.keys(SECRET_CATALOG) as readonly SecretName[];

/** Secrets we generate (and so can rotate). */
export type GeneratedSecretName = {
  [N in SecretName]: (typeof SECRET_CATALOG)[N]['generate'] extends null ? never : N;
}[SecretName];
/** Secrets issued elsewhere and stored with `put`. */
export type ExternalSecretName = Exclude<SecretName, GeneratedSecretName>;

/** `Uint8Array` for keys, `string` for the LWA client secret. */
export type SecretValue<N extends SecretName> = (typeof SECRET_CATALOG)[N]['kind'] extends 'text'
  ? string
  : Uint8Array;

export function isSecretName(value: string): value is SecretName {
  return Object.hasOwn(SECRET_CATALOG, value);
}

export function isGenerated(name: SecretName): name is GeneratedSecretName {
  return SECRET_CATALOG[name].generate !== null;
}

/** Turns a stored (encoded) value into the typed value, checking its length. */
export function decodeSecret<N extends SecretName>(name: N, encoded: string): SecretValue<N> {
  const spec = SECRET_CATALOG[name];
  if (spec.kind === 'text') {
    if (encoded.length === 0) throw new SecretsError('INVALID_VALUE', name);
    return encoded as SecretValue<N>;
  }
  const strict = /^[A-Za-z0-9+/]*={0,2}$/.test(encoded);
  const bytes = new Uint8Array(Buffer.from(encoded, 'base64'));
  if (!strict || bytes.length !== spec.length) {
    wipe(bytes);
    throw new SecretsError('INVALID_VALUE', name);
  }
  return bytes as SecretValue<N>;
}

/** The stored form of a typed value. */
export function encodeSecret<N extends SecretName>(name: N, value: SecretValue<N>): string {
  if (typeof value === 'string') return decodeSecret(name, value) as string;
  const encoded = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  wipe(decodeSecret(name, encoded) as Uint8Array);
  return encoded;
}

/** A new random value for a generated secret, already encoded. */
export function generateEncodedSecret(name: GeneratedSecretName): string {
  const spec = SECRET_CATALOG[name];
  const bytes = spec.generate === 'ed25519' ? generateSigningKeyPair().secretKey : generateKey();
  try {
    return encodeSecret(name, bytes);
  } finally {
    wipe(bytes);
  }
}
