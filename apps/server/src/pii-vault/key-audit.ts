/**
 * Audit entries for the key lifecycle. Every change (a key created, rotated in, retired,
 * destroyed; the master key re-wrapping data keys) commits in the same transaction as its
 * `key.rotate` entry, with `details.phase` naming the step; a failed change is recorded as a
 * failure with the error code. Entries hold ids, versions, scopes and counts only.
 */
import { isAppError } from '@spapi/shared';
import type { Transaction } from 'kysely';
import {
  AuditAction,
  AuditTargetType,
  type AuditDetailValue,
  type AuditEntryInput,
  type AuditTrail,
} from '../audit/index.js';
import type { Database } from '../storage/index.js';
import { isPiiVaultError } from './pii-vault-error.js';

/** What the vault needs from the audit trail (the same database as the vault's). */
export type VaultAudit = Pick<AuditTrail, 'record' | 'withAuditedTransaction'>;

export type AuditActor = AuditEntryInput['actor'];

/** Who asks for a key change, for its audit entry. */
export interface KeyOperationContext {
  readonly actor: AuditActor;
  readonly requestId?: string | null;
}

/** Lazily created keys are the system's doing. */
export const SYSTEM_ACTOR: AuditActor = { kind: 'system', id: null };

export const KeyPhase = {
  CREATE: 'create',
  ROTATE: 'rotate',
  RETIRE: 'retire',
  DESTROY: 'destroy',
  REWRAP: 'rewrap',
} as const;
export type KeyPhase = (typeof KeyPhase)[keyof typeof KeyPhase];

export function keyEntry(
  phase: KeyPhase,
  organizationId: string | null,
  targetId: string,
  context: KeyOperationContext,
  details: Record<string, AuditDetailValue> = {},
): AuditEntryInput {
  return {
    actor: context.actor,
    action: AuditAction.KEY_ROTATE,
    organizationId,
    target: { type: AuditTargetType.KEY, id: targetId },
    outcome: 'success',
    requestId: context.requestId ?? null,
    details: { phase, ...details },
  };
}

function reasonCodeOf(error: unknown): string {
  if (isPiiVaultError(error) || isAppError(error)) return error.code;
  return 'INTERNAL';
}

/** Thrown inside a change to abandon it without a failure entry (nothing was attempted). */
export class ChangeAbandoned extends Error {
  constructor() {
    super('pii-vault: change abandoned');
  }
}

/**
 * Runs `change` and appends `entryFor(result)` in one transaction. If the change fails, a
 * failure entry (`attempt` with the error code) is recorded and the error rethrown.
 */
export async function auditedKeyChange<T>(
  audit: VaultAudit,
  attempt: AuditEntryInput,
  entryFor: (result: T) => AuditEntryInput,
  change: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await audit.withAuditedTransaction(entryFor, change);
  } catch (error) {
    if (!(error instanceof ChangeAbandoned)) {
      await audit.record({ ...attempt, outcome: 'failure', reasonCode: reasonCodeOf(error) });
    }
    throw error;
  }
}
