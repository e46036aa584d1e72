// The PII vault: every PII attribute (and seller refresh token) is encrypted here before it
// reaches a store, under per-organization data keys wrapped by the master key; blind indexes
// for exact search; rotation, re-encryption, retirement and crypto-shredding of keys. This
// folder handles plaintext PII and unwrapped keys; the cipher itself is `src/crypto`.
// See apps/server/README.md, "Field encryption".
export {
  createPiiVault,
  type EncryptOptions,
  type PiiVault,
  type PiiVaultOptions,
  type SealedCell,
} from './pii-vault.service.js';
export {
  createEncryptedColumnRegistry,
  type EncryptedColumn,
  type EncryptedColumnRegistry,
  type FieldRef,
} from './encrypted-columns.js';
export { FIELD_CIPHERTEXT_OVERHEAD, keyIdOf } from './field-ciphertext.js';
export type { FieldPlaintext } from './field-sealing.js';
export { BlindIndexKind, normalisePersonName, normalisePostalCode } from './blind-index.js';
export type { DataKeyInfo, DestroySelection, KeyState } from './key-lifecycle.js';
export { KeyPhase, type KeyOperationContext, type VaultAudit } from './key-audit.js';
export type { ReencryptBatchResult, ReencryptCursor, ReencryptOptions } from './reencrypt.js';
export { isPiiVaultError, PiiVaultError, PiiVaultErrorCode } from './pii-vault-error.js';
export { maintainDataKeys, type KeyMaintenanceReport } from './key-maintenance.js';
