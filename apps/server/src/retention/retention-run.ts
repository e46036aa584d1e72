/**
 * The retention job (DPP "Retention"): purges every record whose PII deadline has passed, in
 * batches until nothing is due; destroys the data keys of key periods that can hold no more
 * live PII (crypto-shredding, so the deletion holds for backups too); then counts what is left
 * and writes a verification record per organization and holder with ONE `retention.run` audit
 * entry per organization (counts only).
 *
 * Idempotent (a second run at the same instant purges and destroys nothing) and safe beside a
 * running sync: purges and page writes serialize on the order row (`upsertPage`), and a period's
 * keys go only once its horizon has passed, no holder needs it, and no cell references them.
 */
import { randomUUID } from 'node:crypto';
import type { PiiHolder } from './pii-holder.js';
import {
  censusAll,
  commitOrganization,
  RETENTION_ACTOR,
  RetentionFailure,
  type RetentionDeps,
} from './retention-deps.js';
import {
  isPeriodKeyed,
  periodRange,
  PERIOD_HORIZON_MS,
  type PeriodKeyedHolder,
} from './key-periods.js';
import {
  figuresOf,
  type HolderFigures,
  type RetentionRecord,
} from './retention-records.repository.js';

export interface RunRetentionOptions extends RetentionDeps {
  /** The instant deadlines are compared with (an injected clock's reading). */
  readonly now: number;
  /** Records purged per holder transaction. Default 500. */
  readonly batchSize?: number;
  /** Default {@link PERIOD_HORIZON_MS}. */
  readonly periodHorizonMs?: number;
}

export interface OrganizationRetention {
  readonly organizationId: string;
  readonly passed: boolean;
  readonly holders: readonly HolderFigures[];
}

export interface RetentionRunReport {
  readonly runId: string;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly purged: number;
  readonly keysDestroyed: number;
  /** Nothing overdue or undated is left in any organization. */
  readonly passed: boolean;
  readonly organizations: readonly OrganizationRetention[];
}

const DEFAULT_BATCH = 500;
/** A guard against a holder that keeps reporting purges: 10 million records per run. */
const MAX_BATCHES = 20_000;
const REASON = 'RETENTION_PERIOD_EXPIRED';

type Counts = Map<string, Map<string, number>>;

function add(counts: Counts, organizationId: string, holder: string, n: number): void {
  const entry = counts.get(organizationId) ?? new Map<string, number>();
  entry.set(holder, (entry.get(holder) ?? 0) + n);
  counts.set(organizationId, entry);
}

async function purgeAll(holder: PiiHolder, now: number, batch: number, counts: Counts) {
  for (let round = 0; round < MAX_BATCHES; round += 1) {
    const purged = await holder.purgeDue(now, batch);
    let total = 0;
    for (const { organizationId, purged: n } of purged) {
      add(counts, organizationId, holder.name, n);
      total += n;
    }
    if (total === 0) return;
  }
}

async function periodNeeded(
  holders: readonly PeriodKeyedHolder[],
  organizationId: string,
  scope: string,
  now: number,
): Promise<boolean> {
  for (const holder of holders) {
    if (await holder.periodInUse(organizationId, scope, now)) return true;
  }
  return false;
}

/** Destroys the organization's expired, unused, unreferenced period keys; returns how many. */
async function closePeriods(
  options: RunRetentionOptions,
  holders: readonly PeriodKeyedHolder[],
  organizationId: string,
): Promise<number> {
  const { vault, now } = options;
  const horizon = options.periodHorizonMs ?? PERIOD_HORIZON_MS;
  const live = (await vault.listKeys(organizationId)).filter(
    (key) => key.purpose === 'pii-field' && (key.state === 'current' || key.state === 'previous'),
  );
  const expired = [...new Set(live.map((key) => key.scope))].filter((scope) => {
    const range = periodRange(scope);
    return range !== null && range.end + horizon <= now;
  });
  if (expired.length === 0) return 0;
  const references = await vault.countReferences(organizationId);
  let destroyed = 0;
  for (const scope of expired) {
    const referenced = live.some((key) => key.scope === scope && (references.get(key.id) ?? 0) > 0);
    if (referenced || (await periodNeeded(holders, organizationId, scope, now))) continue;
    const keys = await vault.destroyKeys(
      organizationId,
      { scope },
      {
        actor: options.actor ?? RETENTION_ACTOR,
        requestId: options.requestId ?? null,
        reasonCode: REASON,
      },
    );
    destroyed += keys.length;
  }
  return destroyed;
}

export async function runRetention(options: RunRetentionOptions): Promise<RetentionRunReport> {
  const { holders, now } = options;
  const runId = randomUUID();
  const startedAt = now;
  const purged: Counts = new Map();
  for (const holder of holders) {
    await purgeAll(holder, now, options.batchSize ?? DEFAULT_BATCH, purged);
  }
  const periodHolders = holders.filter(isPeriodKeyed);
  // Keys are counted on the first holder that keys its records by period.
  const keyHolder = periodHolders[0]?.name;
  const census = await censusAll(holders, now);
  const organizations = [...new Set([...census.keys(), ...purged.keys()])].sort();
  const keysDestroyed = new Map<string, number>();
  if (periodHolders.length > 0) {
    for (const organizationId of organizations) {
      keysDestroyed.set(organizationId, await closePeriods(options, periodHolders, organizationId));
    }
  }
  const finishedAt = options.clock?.() ?? now;
  const report: OrganizationRetention[] = [];
  for (const organizationId of organizations) {
    const records: RetentionRecord[] = holders.map((holder) => {
      const c = census.get(organizationId)?.get(holder.name);
      const overdue = c?.overdue ?? 0;
      const undated = c?.undated ?? 0;
      return {
        runId,
        kind: 'run',
        organizationId,
        holder: holder.name,
        startedAt,
        finishedAt,
        purged: purged.get(organizationId)?.get(holder.name) ?? 0,
        held: c?.held ?? 0,
        overdue,
        undated,
        nextDeadline: c?.nextDeadline ?? null,
        oldestAnchor: c?.oldestAnchor ?? null,
        keysDestroyed: holder.name === keyHolder ? (keysDestroyed.get(organizationId) ?? 0) : 0,
        outcome: overdue === 0 && undated === 0 ? 'passed' : 'failed',
      };
    });
    const overdue = records.some((r) => r.overdue > 0);
    const undated = records.some((r) => r.undated > 0);
    const failure = overdue ? RetentionFailure.OVERDUE : undated ? RetentionFailure.UNDATED : null;
    await commitOrganization(options, organizationId, records, failure);
    report.push({
      organizationId,
      passed: failure === null,
      holders: records.map(figuresOf),
    });
  }
  return {
    runId,
    startedAt,
    finishedAt,
    purged: sumAll(purged),
    keysDestroyed: [...keysDestroyed.values()].reduce((a, b) => a + b, 0),
    passed: report.every((o) => o.passed),
    organizations: report,
  };
}

function sumAll(counts: Counts): number {
  let total = 0;
  for (const perHolder of counts.values()) for (const n of perHolder.values()) total += n;
  return total;
}
