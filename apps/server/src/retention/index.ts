// Retention (DPP "Retention"): the job that purges buyer PII past its deadline from every PII
// holder, crypto-shreds the data keys of expired key periods, and records (verification records
// + one audit entry per organization, counts only) that it did; `verifyRetention` proves that
// nothing is held past its deadline. See apps/server/README.md, "Retention".
export type { PiiHolder, PiiHolderCensus, PiiPurgeCount } from './pii-holder.js';
export {
  isPeriodKeyed,
  periodRange,
  PERIOD_HORIZON_MS,
  type PeriodKeyedHolder,
} from './key-periods.js';
export {
  RETENTION_ACTOR,
  RetentionFailure,
  type RetentionDeps,
  type RetentionVault,
} from './retention-deps.js';
export type { HolderFigures, RetentionRecord } from './retention-records.repository.js';
export {
  runRetention,
  type OrganizationRetention,
  type RetentionRunReport,
  type RunRetentionOptions,
} from './retention-run.js';
export {
  verifyRetention,
  type OrganizationVerification,
  type RetentionVerifyReport,
  type VerificationFailure,
  type VerifyRetentionOptions,
} from './retention-verify.js';
export {
  retentionStatus,
  type DeadlineBuckets,
  type RetentionStatus,
  type RetentionStep,
} from './retention-status.js';
export {
  createRetentionJob,
  type RetentionJob,
  type RetentionJobOptions,
} from './retention-job.js';
export {
  RETENTION_QUEUE,
  startRetentionSchedule,
  type RetentionQueueConfig,
  type RetentionSchedule,
} from './retention-schedule.js';
export {
  createRetentionRoutes,
  registerRetentionOpenApi,
  retentionQuerySchema,
} from './retention.routes.js';
