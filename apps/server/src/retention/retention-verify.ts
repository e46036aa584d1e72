/**
 * `retention verify`: proves that no PII is held past its deadline. It passes only if no holder
 * of any organization holds PII past its deadline or without one, and no key period whose keys
 * were destroyed still has a key that can decrypt. Writes a verification record per organization
 * and holder and one `retention.run` audit entry (`details.phase` verify) per organization.
 * Read-only otherwise: it purges and destroys nothing.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import {
  auditedStep,
  buildRecords,
  censusAll,
  commitOrganization,
  RetentionFailure,
  type RetentionDeps,
  type RetentionVault,
} from './retention-deps.js';
import {
  figuresOf,
  type HolderFigures,
  type RetentionRecord,
} from './retention-records.repository.js';

export interface VerifyRetentionOptions extends RetentionDeps {
  readonly now: number;
}

export interface VerificationFailure {
  readonly code: RetentionFailure;
  /** The holder concerned; null for key failures. */
  readonly holder: string | null;
  /** Records (or usable keys) concerned. */
  readonly count: number;
}

export interface OrganizationVerification {
  readonly organizationId: string;
  readonly passed: boolean;
  readonly holders: readonly HolderFigures[];
  readonly failures: readonly VerificationFailure[];
}

export interface RetentionVerifyReport {
  readonly runId: string;
  readonly checkedAt: number;
  readonly passed: boolean;
  readonly organizations: readonly OrganizationVerification[];
}

/** Keys still able to decrypt in the periods of which some key was destroyed. */
async function usableDestroyedPeriodKeys(
  vault: RetentionVault,
  organizationId: string,
): Promise<number> {
  const keys = (await vault.listKeys(organizationId)).filter((k) => k.purpose === 'pii-field');
  const shredded = new Set(keys.filter((k) => k.state === 'destroyed').map((k) => k.scope));
  return keys.filter(
    (k) => shredded.has(k.scope) && (k.state === 'current' || k.state === 'previous'),
  ).length;
}

async function organizationIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('organizations').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

function holderFailures(records: readonly RetentionRecord[]): VerificationFailure[] {
  const failures: VerificationFailure[] = [];
  for (const r of records) {
    if (r.overdue > 0) {
      failures.push({ code: RetentionFailure.OVERDUE, holder: r.holder, count: r.overdue });
    }
    if (r.undated > 0) {
      failures.push({ code: RetentionFailure.UNDATED, holder: r.holder, count: r.undated });
    }
  }
  return failures;
}

async function verifySteps(
  options: VerifyRetentionOptions,
  runId: string,
): Promise<RetentionVerifyReport> {
  const { db, vault, holders, now } = options;
  const census = await censusAll(holders, now);
  const finishedAt = options.clock?.() ?? now;
  const report: OrganizationVerification[] = [];
  for (const organizationId of await organizationIds(db)) {
    const usable = await usableDestroyedPeriodKeys(vault, organizationId);
    const counted = census.get(organizationId);
    if (counted === undefined && usable === 0) continue;
    const step = { runId, kind: 'verify', organizationId, startedAt: now, finishedAt } as const;
    const records = buildRecords(
      step,
      holders,
      counted,
      () => ({ purged: 0, keysDestroyed: 0 }),
      usable > 0,
    );
    const failures = holderFailures(records);
    if (usable > 0) {
      failures.push({ code: RetentionFailure.DESTROYED_KEY_USABLE, holder: null, count: usable });
    }
    await commitOrganization(options, organizationId, records, failures[0]?.code ?? null);
    report.push({
      organizationId,
      passed: failures.length === 0,
      holders: records.map(figuresOf),
      failures,
    });
  }
  return { runId, checkedAt: now, passed: report.every((o) => o.passed), organizations: report };
}

/** One verification at `now`; throws (after recording a failure entry) if it cannot run. */
export async function verifyRetention(
  options: VerifyRetentionOptions,
): Promise<RetentionVerifyReport> {
  const runId = randomUUID();
  return auditedStep(options, runId, 'verify', () => verifySteps(options, runId));
}
