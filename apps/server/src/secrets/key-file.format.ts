/**
 * The encrypted key file, version 1 (JSON, mode 0600):
 *
 *   { "format": "spapi-keyfile/v1",
 *     "kdf": { "algorithm": "argon2id13", "opslimit": 3, "memlimit": 134217728, "salt": "<b64>" },
 *     "ciphertext": "<b64 XChaCha20-Poly1305 envelope of the secrets document>" }
 *
 * The key is Argon2id(passphrase, salt, cost). The header (format and every KDF parameter) is
 * the envelope's associated data, so changing any byte of the file — header or ciphertext —
 * fails authentication, exactly like a wrong passphrase (`KEY_FILE_REJECTED`).
 */
import { z } from 'zod';
import {
  aeadDecryptText,
  aeadEncrypt,
  deriveKeyFromPassphrase,
  generateKdfSalt,
  isCryptoError,
  type Argon2idCost,
} from '../crypto/index.js';
import { secretsDocumentSchema, type SecretsDocument } from './secrets-document.js';
import { SecretsError } from './secrets-error.js';

const FORMAT = 'spapi-keyfile/v1';
const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

const keyFileSchema = z.strictObject({
  format: z.literal(FORMAT),
  kdf: z.strictObject({
    algorithm: z.literal('argon2id13'),
    opslimit: z.int().positive(),
    memlimit: z.int().positive(),
    salt: base64,
  }),
  ciphertext: base64,
});

type KeyFile = z.infer<typeof keyFileSchema>;

/** The file's derived key and header, kept while the provider is open to write new versions. */
export interface KeyFileKey {
  readonly key: Uint8Array;
  readonly kdf: KeyFile['kdf'];
}

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const toBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function associatedData(kdf: KeyFile['kdf']): string {
  return JSON.stringify([FORMAT, kdf.algorithm, kdf.opslimit, kdf.memlimit, kdf.salt]);
}

function parseKeyFile(text: string): KeyFile {
  try {
    return keyFileSchema.parse(JSON.parse(text));
  } catch {
    throw new SecretsError('KEY_FILE_UNREADABLE', 'not a key file');
  }
}

/** Derives the key for a new file (fresh salt). */
export function newKeyFileKey(
  passphrase: string | Uint8Array,
  cost: Argon2idCost,
  production: boolean,
): KeyFileKey {
  const salt = generateKdfSalt();
  const kdf = {
    algorithm: 'argon2id13' as const,
    opslimit: cost.opslimit,
    memlimit: cost.memlimit,
    salt: toBase64(salt),
  };
  return { key: deriveKeyFromPassphrase(passphrase, salt, cost, production), kdf };
}

/** Derives the key of an existing file from its header (the expensive step, done once). */
export function keyFileKeyFor(
  text: string,
  passphrase: string | Uint8Array,
  production: boolean,
): KeyFileKey {
  const { kdf } = parseKeyFile(text);
  try {
    const key = deriveKeyFromPassphrase(passphrase, fromBase64(kdf.salt), kdf, production);
    return { key, kdf };
  } catch (error) {
    if (isCryptoError(error) && error.code === 'WEAK_PROFILE') {
      throw new SecretsError('KEY_FILE_REJECTED', 'Argon2id cost below the production floor');
    }
    throw new SecretsError('KEY_FILE_UNREADABLE', 'bad KDF parameters');
  }
}

export function encryptKeyFile(fileKey: KeyFileKey, doc: SecretsDocument): string {
  const ciphertext = aeadEncrypt(fileKey.key, JSON.stringify(doc), associatedData(fileKey.kdf));
  const file: KeyFile = { format: FORMAT, kdf: fileKey.kdf, ciphertext: toBase64(ciphertext) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Decrypts with the key derived earlier; a changed header or ciphertext is refused. */
export function decryptKeyFile(fileKey: KeyFileKey, text: string): SecretsDocument {
  const file = parseKeyFile(text);
  let plaintext: string;
  try {
    plaintext = aeadDecryptText(fileKey.key, fromBase64(file.ciphertext), associatedData(file.kdf));
  } catch {
    throw new SecretsError('KEY_FILE_REJECTED', 'wrong passphrase or modified file');
  }
  const parsed = secretsDocumentSchema.safeParse(JSON.parse(plaintext));
  if (!parsed.success) throw new SecretsError('KEY_FILE_UNREADABLE', 'bad document');
  return parsed.data;
}
