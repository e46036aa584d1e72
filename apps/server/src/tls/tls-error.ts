/** Start-up errors about certificates. Messages name the file and the check, never contents. */
export const TlsErrorCode = {
  FILE_NOT_FOUND: 'TLS_FILE_NOT_FOUND',
  FILE_UNREADABLE: 'TLS_FILE_UNREADABLE',
  CERT_INVALID: 'TLS_CERT_INVALID',
  CERT_NOT_YET_VALID: 'TLS_CERT_NOT_YET_VALID',
  CERT_EXPIRED: 'TLS_CERT_EXPIRED',
  KEY_INVALID: 'TLS_KEY_INVALID',
  KEY_MISMATCH: 'TLS_KEY_MISMATCH',
} as const;

export type TlsErrorCode = (typeof TlsErrorCode)[keyof typeof TlsErrorCode];

export class TlsConfigError extends Error {
  override readonly name = 'TlsConfigError';
  readonly code: TlsErrorCode;

  constructor(code: TlsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
