/**
 * What the retention job and its verification are given (ports, wired by the composition root)
 * and what they record: one `retention.run` audit entry per organization (`details.phase` run or
 * verify; counts only) committed together with that organization's verification records.
 */
import { isAppError } from '@spapi/shared';
import type { Kysely } from 'kysely';
import {
  AuditAction,
  AuditTargetType,
  type AuditEntryInput,
  type AuditTrail,
} from '../audit/index.js';
import { isPiiVaultError, type KeyOperationContext, type PiiVault } from '../pii-vault/index.js';
import type { Database } from '../storage/index.js';
import type { PiiHolder, PiiHolderCensus } from './pii-holder.js';
import { insertRecords, type RetentionRecord } from './retention-records.repository.js';

export type RetentionVault = Pick<PiiVault, 'listKeys' | 'countReferences' | 'destroyKeys'>;

export interface RetentionDeps {
  readonly db: Kysely<Database>;
  readonly vault: RetentionVault;
  readonly audit: Pick<AuditTrail, 'withAuditedTransaction' | 'record'>;
  readonly holders: readonly PiiHolder[];
  /** Default: the system, as `retention`. */
  readonly actor?: KeyOperationContext['actor'];
  readonly requestId?: string | null;
  /** When the step finished (default: `now`). */
  readonly clock?: () => number;
}

export const RETENTION_ACTOR = { kind: 'system', id: 'retention' } as const;

export const RetentionFailure = {
  /** PII held past its deadline. */
  OVERDUE: 'PII_OVERDUE',
  /** PII held without a deadline. */
  UNDATED: 'PII_UNDATED',
  /** A period whose keys were destroyed still has a key that can decrypt. */
  DESTROYED_KEY_USABLE: 'DESTROYED_KEY_USABLE',
} as const;
export type RetentionFailure = (typeof RetentionFailure)[keyof typeof RetentionFailure];

/** Every holder's census, by organization then holder name. */
export async function censusAll(
  holders: readonly PiiHolder[],
  now: number,
): Promise<Map<string, Map<string, PiiHolderCensus>>> {
  const byOrganization = new Map<string, Map<string, PiiHolderCensus>>();
  for (const holder of holders) {
    for (const census of await holder.census(now)) {
      const entry = byOrganization.get(census.organizationId) ?? new Map<string, PiiHolderCensus>();
      entry.set(holder.name, census);
      byOrganization.set(census.organizationId, entry);
    }
  }
  return byOrganization;
}

/** What every record of one organization in one step shares. */
export interface StepContext {
  readonly runId: string;
  readonly kind: RetentionRecord['kind'];
  readonly organizationId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
}

/**
 * One record per holder from its census (zeros where the holder has none for the organization);
 * `failed` when the holder has overdue or undated PII or `orgFailed` (a key failure) is set.
 */
export function buildRecords(
  step: StepContext,
  holders: readonly PiiHolder[],
  counted: ReadonlyMap<string, PiiHolderCensus> | undefined,
  extra: (holder: string) => { readonly purged: number; readonly keysDestroyed: number },
  orgFailed = false,
): RetentionRecord[] {
  return holders.map((holder) => {
    const c = counted?.get(holder.name);
    const overdue = c?.overdue ?? 0;
    const undated = c?.undated ?? 0;
    return {
      ...step,
      holder: holder.name,
      ...extra(holder.name),
      held: c?.held ?? 0,
      overdue,
      undated,
      nextDeadline: c?.nextDeadline ?? null,
      oldestAnchor: c?.oldestAnchor ?? null,
      outcome: overdue === 0 && undated === 0 && !orgFailed ? 'passed' : 'failed',
    };
  });
}

function sum(records: readonly RetentionRecord[], pick: (r: RetentionRecord) => number): number {
  return records.reduce((total, r) => total + pick(r), 0);
}

/**
 * Writes one organization's records and its one audit entry in one transaction: a record
 * without its entry, or the reverse, is never committed.
 */
export async function commitOrganization(
  deps: RetentionDeps,
  organizationId: string,
  records: readonly RetentionRecord[],
  failure: RetentionFailure | null,
): Promise<void> {
  const first = records[0];
  if (first === undefined) return;
  const entry: AuditEntryInput = {
    actor: deps.actor ?? RETENTION_ACTOR,
    action: AuditAction.RETENTION_RUN,
    organizationId,
    target: { type: AuditTargetType.RETENTION_RUN, id: first.runId },
    outcome: failure === null ? 'success' : 'failure',
    reasonCode: failure,
    requestId: deps.requestId ?? null,
    details: {
      phase: first.kind,
      holders: records.map((r) => r.holder),
      purged: sum(records, (r) => r.purged),
      held: sum(records, (r) => r.held),
      overdue: sum(records, (r) => r.overdue),
      undated: sum(records, (r) => r.undated),
      keysDestroyed: sum(records, (r) => r.keysDestroyed),
    },
  };
  await deps.audit.withAuditedTransaction(entry, (trx) => insertRecords(trx, records));
}

function codeOf(error: unknown): string {
  return isAppError(error) || isPiiVaultError(error) ? error.code : 'INTERNAL';
}

/**
 * Runs a step; if it throws, records a platform-level `retention.run` failure (the error code
 * only) before rethrowing, so that a scheduled run that breaks leaves a trace in the trail.
 */
export async function auditedStep<T>(
  deps: RetentionDeps,
  runId: string,
  phase: RetentionRecord['kind'],
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await deps.audit.record({
      actor: deps.actor ?? RETENTION_ACTOR,
      action: AuditAction.RETENTION_RUN,
      organizationId: null,
      target: { type: AuditTargetType.RETENTION_RUN, id: runId },
      outcome: 'failure',
      reasonCode: codeOf(error),
      requestId: deps.requestId ?? null,
      details: { phase },
    });
    throw error;
  }
}
