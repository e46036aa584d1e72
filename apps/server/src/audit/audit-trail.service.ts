/**
 * The audit trail (DPP "Logging"): every entry hash-chained to the previous one, signed
 * checkpoints, a JSON-lines copy. If an entry cannot be written, the action it describes fails:
 * `record` throws `AppError(INTERNAL)`, and `withAudit` / `withAuditedTransaction` never return
 * an unaudited result.
 */
import { AppError, isAppError } from '@spapi/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/index.js';
import { appendEntry, isUniqueViolation, readHead, retryOnConflict } from './audit-append.js';
import type { StoredAuditEntry } from './audit-chain.js';
import {
  exportCheckpointDocument,
  storeCheckpoint,
  type CheckpointExport,
  type StoredCheckpoint,
} from './audit-checkpoints.js';
import { parseAuditEntry, type AuditEntryInput } from './audit-entry.schema.js';
import type { AuditSink } from './audit-log.sink.js';
import type { SigningKeyProvider } from './signing-key.provider.js';

export interface AuditTrailOptions {
  readonly db: Kysely<Database>;
  readonly signingKeys: SigningKeyProvider;
  /** The JSON-lines copy, written after each commit. */
  readonly sink?: AuditSink;
  /** Epoch milliseconds. */
  readonly clock?: () => number;
  /** Sign a checkpoint when `seq` reaches a multiple of this. Default 1000; 0 turns it off. */
  readonly checkpointEvery?: number;
  /** Attempts when concurrent writers take the same seq. Default 25. */
  readonly maxAttempts?: number;
  /** A checkpoint or sink failure after the commit (the entry itself is safe). Wire the logger. */
  readonly onBackgroundError?: (stage: 'checkpoint' | 'sink', error: unknown) => void;
}

/** The entry for the outcome of an action that threw. */
export type FailureEntry = (error: unknown) => AuditEntryInput;

export interface AuditTrail {
  /** Appends one entry; throws AppError(INTERNAL) if it could not be written. */
  record(entry: AuditEntryInput): Promise<StoredAuditEntry>;
  /**
   * Runs `action`, then records `entry`; returns the result only once the entry is committed.
   * If `action` throws, records `onFailure(error)` (default: `entry` with outcome `denied` for a
   * 403 AppError, else `failure`, and the error code) and rethrows; if that record fails too,
   * the audit failure is thrown.
   */
  withAudit<T>(
    entry: AuditEntryInput,
    action: () => Promise<T>,
    onFailure?: FailureEntry,
  ): Promise<T>;
  /**
   * Runs `action` and appends `entry` in ONE transaction: the change and its entry commit
   * together or not at all. On a seq conflict the whole transaction is retried, so `action` must
   * only touch the database through `trx`.
   */
  withAuditedTransaction<T>(
    entry: AuditEntryInput | ((result: T) => AuditEntryInput),
    action: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<T>;
  /** Signs the current head (if not signed yet); undefined for an empty trail. */
  checkpoint(): Promise<StoredCheckpoint | undefined>;
  /** Every checkpoint with the public keys, for an auditor to keep and verify offline. */
  exportCheckpoints(): Promise<CheckpointExport>;
}

/** The default failure entry: same action and target, outcome from the error. */
export function failureEntry(entry: AuditEntryInput, error: unknown): AuditEntryInput {
  const code = isAppError(error) ? error.code : 'INTERNAL';
  const denied = isAppError(error) && error.status === 403;
  return { ...entry, outcome: denied ? 'denied' : 'failure', reasonCode: code };
}

/** Marks an error thrown while appending, so it is told apart from the action's own errors. */
class AppendFailed extends Error {
  constructor(readonly original: unknown) {
    super('audit append failed');
  }
}

/** Audit write failures, told apart from an action's own INTERNAL errors. */
const auditFailures = new WeakSet<object>();

function auditFailure(cause: unknown): AppError {
  const error = new AppError('INTERNAL', { message: 'audit write failed', cause });
  auditFailures.add(error);
  return error;
}

function isAuditFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && auditFailures.has(error);
}

export function createAuditTrail(options: AuditTrailOptions): AuditTrail {
  const { db, signingKeys, sink } = options;
  const clock = options.clock ?? Date.now;
  const every = options.checkpointEvery ?? 1000;
  const maxAttempts = options.maxAttempts ?? 25;
  const report = options.onBackgroundError ?? (() => undefined);

  const afterCommit = async (row: StoredAuditEntry): Promise<void> => {
    try {
      sink?.write(row);
    } catch (error) {
      report('sink', error);
    }
    if (every > 0 && row.seq % every === 0) {
      await storeCheckpoint(db, signingKeys, row, clock()).catch((error: unknown) => {
        report('checkpoint', error);
      });
    }
  };

  /** Action + append in one transaction, retried on seq conflicts; the sink after commit. */
  const commit = async <T>(
    entryFor: (result: T) => AuditEntryInput,
    action: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<{ result: T; row: StoredAuditEntry }> => {
    const attempt = () =>
      db.transaction().execute(async (trx) => {
        const result = await action(trx);
        const entry = parseAuditEntry(entryFor(result)); // throws AppError(INTERNAL) itself
        try {
          return { result, row: await appendEntry(trx, entry, clock()) };
        } catch (error) {
          throw isUniqueViolation(error) ? error : new AppendFailed(error);
        }
      });
    let committed: { result: T; row: StoredAuditEntry };
    try {
      committed = await retryOnConflict(maxAttempts, attempt);
    } catch (error) {
      if (error instanceof AppendFailed) throw auditFailure(error.original);
      if (isUniqueViolation(error)) throw auditFailure(error);
      throw error; // the action's own error (or an invalid entry): unchanged
    }
    await afterCommit(committed.row);
    return committed;
  };

  const record = async (entry: AuditEntryInput): Promise<StoredAuditEntry> => {
    parseAuditEntry(entry); // an invalid entry fails before any database work
    try {
      const { row } = await commit(
        () => entry,
        () => Promise.resolve(undefined),
      );
      return row;
    } catch (error) {
      throw isAuditFailure(error) || isAppError(error) ? error : auditFailure(error);
    }
  };

  const withAudit = async <T>(
    entry: AuditEntryInput,
    action: () => Promise<T>,
    onFailure: FailureEntry = (error) => failureEntry(entry, error),
  ): Promise<T> => {
    let result: T;
    try {
      result = await action();
    } catch (error) {
      await record(onFailure(error));
      throw error;
    }
    await record(entry);
    return result;
  };

  const withAuditedTransaction = async <T>(
    entry: AuditEntryInput | ((result: T) => AuditEntryInput),
    action: (trx: Transaction<Database>) => Promise<T>,
  ): Promise<T> => {
    const entryFor = typeof entry === 'function' ? entry : () => entry;
    try {
      return (await commit(entryFor, action)).result;
    } catch (error) {
      if (isAuditFailure(error)) throw error;
      // The action failed and its transaction rolled back: record the attempt, then rethrow.
      const base = typeof entry === 'function' ? undefined : entry;
      if (base !== undefined) await record(failureEntry(base, error));
      throw error;
    }
  };

  const checkpoint = async (): Promise<StoredCheckpoint | undefined> => {
    const head = await readHead(db);
    return head === undefined ? undefined : storeCheckpoint(db, signingKeys, head, clock());
  };

  return {
    record,
    withAudit,
    withAuditedTransaction,
    checkpoint,
    exportCheckpoints: () => exportCheckpointDocument(db, signingKeys, clock()),
  };
}
