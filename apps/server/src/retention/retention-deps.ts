/**
 * What the retention job and its verification are given (ports, wired by the composition root)
 * and what they record: one `retention.run` audit entry per organization (`details.phase` run or
 * verify; counts only) committed together with that organization's verification records.
 */
import type { Kysely } from 'kysely';
import {
  AuditAction,
  AuditTargetType,
  type AuditEntryInput,
  type AuditTrail,
} from '../audit/index.js';
import type { KeyOperationContext, PiiVault } from '../pii-vault/index.js';
import type { Database } from '../storage/index.js';
import type { PiiHolder, PiiHolderCensus } from './pii-holder.js';
import { insertRecords, type RetentionRecord } from './retention-records.repository.js';

export type RetentionVault = Pick<PiiVault, 'listKeys' | 'countReferences' | 'destroyKeys'>;

export interface RetentionDeps {
  readonly db: Kysely<Database>;
  readonly vault: RetentionVault;
  readonly audit: Pick<AuditTrail, 'withAuditedTransaction'>;
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
