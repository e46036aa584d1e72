/**
 * Why a PII vault operation failed. Messages are constant: never a plaintext, a ciphertext, a key
 * or an identifier of a person. Callers log the code (and the row id they hold, if they must).
 */
export const PiiVaultErrorCode = {
  /** A field reference, scope, organization id or option is malformed. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The (table, column) of a field reference is not a registered encrypted column. */
  UNREGISTERED_COLUMN: 'UNREGISTERED_COLUMN',
  /** Not a field ciphertext of ours (too short, unknown format byte). */
  INVALID_CIPHERTEXT: 'INVALID_CIPHERTEXT',
  /**
   * Authentication failed: the ciphertext was moved (another organization, table, column or
   * row), tampered with, or does not match its key. Indistinguishable on purpose.
   */
  DECRYPT_FAILED: 'DECRYPT_FAILED',
  /** No data key with the id the ciphertext names. */
  KEY_NOT_FOUND: 'KEY_NOT_FOUND',
  /** The data key was destroyed (crypto-shredded): what it encrypted is unrecoverable. */
  KEY_DESTROYED: 'KEY_DESTROYED',
  /** The data key was retired although a ciphertext still names it (a column was not registered). */
  KEY_RETIRED: 'KEY_RETIRED',
  /** The wrapped data key did not open under the master key version it names. */
  KEY_UNWRAP_FAILED: 'KEY_UNWRAP_FAILED',
  /** The vault was closed. */
  CLOSED: 'CLOSED',
} as const;

export type PiiVaultErrorCode = (typeof PiiVaultErrorCode)[keyof typeof PiiVaultErrorCode];

const MESSAGES: Record<PiiVaultErrorCode, string> = {
  INVALID_INPUT: 'pii-vault: invalid input',
  UNREGISTERED_COLUMN: 'pii-vault: not a registered encrypted column',
  INVALID_CIPHERTEXT: 'pii-vault: not a field ciphertext',
  DECRYPT_FAILED: 'pii-vault: decryption failed (moved or tampered ciphertext)',
  KEY_NOT_FOUND: 'pii-vault: data key not found',
  KEY_DESTROYED: 'pii-vault: the data key was destroyed; the value is unrecoverable',
  KEY_RETIRED: 'pii-vault: the data key was retired while still referenced',
  KEY_UNWRAP_FAILED: 'pii-vault: the data key did not unwrap under its master key version',
  CLOSED: 'pii-vault: closed',
};

export class PiiVaultError extends Error {
  override readonly name = 'PiiVaultError';
  readonly code: PiiVaultErrorCode;

  /** `detail` is a constant naming the failed check, never a value. */
  constructor(code: PiiVaultErrorCode, detail?: string, options?: ErrorOptions) {
    super(detail === undefined ? MESSAGES[code] : `${MESSAGES[code]}: ${detail}`, options);
    this.code = code;
  }
}

export function isPiiVaultError(value: unknown, code?: PiiVaultErrorCode): value is PiiVaultError {
  return value instanceof PiiVaultError && (code === undefined || value.code === code);
}
