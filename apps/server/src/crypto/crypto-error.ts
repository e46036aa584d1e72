/** Why a crypto operation failed. Messages are constant: no key, plaintext or input in them. */
export const CryptoErrorCode = {
  /** `ready()` was not awaited before a libsodium-backed call. */
  NOT_READY: 'NOT_READY',
  /** A key, nonce or signature has the wrong length, or an argument is out of range. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** Not an envelope of ours (too short, unknown version byte). */
  INVALID_ENVELOPE: 'INVALID_ENVELOPE',
  /** Authentication failed: wrong key, wrong associated data, or tampered bytes. */
  DECRYPT_FAILED: 'DECRYPT_FAILED',
  /**
   * The password worker has too many requests queued. Internal to the worker client: the hasher
   * rethrows it as AppError(SERVICE_UNAVAILABLE) with a retry hint (503 + Retry-After).
   */
  HASHER_BUSY: 'HASHER_BUSY',
  /** The password worker crashed or was closed. */
  HASHER_FAILED: 'HASHER_FAILED',
  /** A test-strength password profile was requested in production. */
  WEAK_PROFILE: 'WEAK_PROFILE',
} as const;

export type CryptoErrorCode = (typeof CryptoErrorCode)[keyof typeof CryptoErrorCode];

const MESSAGES: Record<CryptoErrorCode, string> = {
  NOT_READY: 'crypto: await ready() before use',
  INVALID_INPUT: 'crypto: invalid input',
  INVALID_ENVELOPE: 'crypto: not a supported envelope',
  DECRYPT_FAILED: 'crypto: decryption failed',
  HASHER_BUSY: 'crypto: password hasher busy',
  HASHER_FAILED: 'crypto: password hasher failed',
  WEAK_PROFILE: 'crypto: password profile too weak for production',
};

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  readonly code: CryptoErrorCode;

  /** `detail` is a constant description of *which* check failed, never a value. */
  constructor(code: CryptoErrorCode, detail?: string) {
    super(detail === undefined ? MESSAGES[code] : `${MESSAGES[code]}: ${detail}`);
    this.code = code;
  }
}

export function isCryptoError(value: unknown): value is CryptoError {
  return value instanceof CryptoError;
}
