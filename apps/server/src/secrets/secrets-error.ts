/**
 * Why a secrets operation failed. Messages name the secret and the check, never a value, a
 * passphrase, or an upstream error message (which could echo one).
 */
export const SecretsErrorCode = {
  /** The provider has no value for this secret (not generated, not configured). */
  NOT_FOUND: 'NOT_FOUND',
  /** A stored value has the wrong encoding or length for its secret. */
  INVALID_VALUE: 'INVALID_VALUE',
  /** No version with this id. */
  UNKNOWN_VERSION: 'UNKNOWN_VERSION',
  /** `rotate` on a secret we do not generate (the LWA client secret: Amazon issues it). */
  NOT_ROTATABLE: 'NOT_ROTATABLE',
  /** The `env` provider in production mode. */
  REFUSED_IN_PRODUCTION: 'REFUSED_IN_PRODUCTION',
  /** The key file is missing, unreadable, or not a key file of ours. */
  KEY_FILE_UNREADABLE: 'KEY_FILE_UNREADABLE',
  /** The key file can be read or written by group or others (must be 0600). */
  KEY_FILE_INSECURE: 'KEY_FILE_INSECURE',
  /** `init` on a key file that already exists. */
  KEY_FILE_EXISTS: 'KEY_FILE_EXISTS',
  /** Wrong passphrase or tampered key file (the AEAD cannot tell them apart). */
  KEY_FILE_REJECTED: 'KEY_FILE_REJECTED',
  /** No passphrase was supplied. */
  PASSPHRASE_MISSING: 'PASSPHRASE_MISSING',
  /** The remote store (AWS) failed; `upstream` holds the SDK's error name only. */
  BACKEND_FAILED: 'BACKEND_FAILED',
  /** The provider was closed. */
  CLOSED: 'CLOSED',
} as const;

export type SecretsErrorCode = (typeof SecretsErrorCode)[keyof typeof SecretsErrorCode];

export class SecretsError extends Error {
  override readonly name = 'SecretsError';
  readonly code: SecretsErrorCode;
  /** The AWS SDK error name (e.g. `AccessDeniedException`), for BACKEND_FAILED. */
  readonly upstream: string | undefined;

  /** `detail` is a constant or a secret *name*; never pass a value or an upstream message. */
  constructor(code: SecretsErrorCode, detail?: string, upstream?: string) {
    super(detail === undefined ? `secrets: ${code}` : `secrets: ${code}: ${detail}`);
    this.code = code;
    this.upstream = upstream;
  }
}

export function isSecretsError(value: unknown, code?: SecretsErrorCode): value is SecretsError {
  return value instanceof SecretsError && (code === undefined || value.code === code);
}
