// The audit trail (DPP "Logging"): hash-chained, append-only entries with signed checkpoints,
// a JSON-lines copy, the full export for auditors, and the verifier behind `audit verify`.
// Feature code uses `AuditTrail`.
export {
  AuditAction,
  AuditTargetType,
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
} from './audit-actions.js';
export {
  auditEntrySchema,
  parseAuditEntry,
  type AuditDetailValue,
  type AuditEntry,
  type AuditEntryInput,
} from './audit-entry.schema.js';
export { buyerPseudonym, BUYER_PSEUDONYM } from './buyer-pseudonym.js';
export { canonicalJson, type CanonicalValue } from './canonical-json.js';
export {
  chainedText,
  checkpointMessage,
  entryHash,
  CHECKPOINT_MESSAGE_TYPE,
  type StoredAuditEntry,
} from './audit-chain.js';
export {
  checkpointExportSchema,
  verifyCheckpointExport,
  type ExportedCheckpoint,
  type CheckpointExport,
  type StoredCheckpoint,
} from './audit-checkpoints.js';
export {
  createAuditTrail,
  failureEntry,
  type AuditTrail,
  type AuditTrailOptions,
  type FailureEntry,
} from './audit-trail.service.js';
export {
  startCheckpointSchedule,
  unrefInterval,
  type CheckpointSchedule,
  type CheckpointScheduleOptions,
  type IntervalScheduler,
} from './audit-checkpoint-schedule.js';
export {
  createAuditLog,
  auditLogOptionsSchema,
  type AuditLog,
  type AuditLogOptions,
  type AuditSink,
} from './audit-log.sink.js';
export {
  createInMemorySigningKeyProvider,
  type AuditPublicKey,
  type AuditSigningKey,
  type InMemorySigningKeyProvider,
  type SigningKeyProvider,
} from './signing-key.provider.js';
export {
  verifyAuditTrail,
  AUDIT_FINDING_KINDS,
  type AuditFinding,
  type AuditFindingKind,
  type AuditVerification,
  type VerifyOptions,
} from './verify-audit-trail.js';
export {
  runAuditVerify,
  summariseComparison,
  AUDIT_VERIFY_EXIT,
  type AuditVerifyCommand,
} from './audit-verify.command.js';
export {
  auditExportRecords,
  writeAuditExport,
  type AuditExportSummary,
  type WriteAuditExportOptions,
} from './audit-export.js';
export {
  AUDIT_EXPORT_TYPE,
  exportRecordSchema,
  type ExportCheckpoint,
  type ExportEnd,
  type ExportEntry,
  type ExportHeader,
  type ExportRecord,
} from './audit-export.format.js';
export {
  AuditExportFileError,
  readAuditExport,
  type ExportChainBreak,
  type ExportedEntryRef,
  type ParsedAuditExport,
} from './audit-export-reader.js';
export {
  compareWithExport,
  EXPORT_FINDING_KINDS,
  type CompareOptions,
  type ExportComparison,
  type ExportFinding,
  type ExportFindingKind,
} from './audit-export-compare.js';
