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
  auditedStep,
  buildRecords,
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
import { figuresOf, type HolderFigures } from './retention-records.repository.js';

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

/** Purges every holder until nothing is due; returns the counts by organization and holder. */
async function purgeEverything(options: RunRetentionOptions): Promise<Counts> {
  const purged: Counts = new Map();
  for (const holder of options.holders) {
    await purgeAll(holder, options.now, options.batchSize ?? DEFAULT_BATCH, purged);
  }
  return purged;
}

async function runSteps(options: RunRetentionOptions, runId: string): Promise<RetentionRunReport> {
  const { holders, now } = options;
  const purged = await purgeEverything(options);
  const periodHolders = holders.filter(isPeriodKeyed);
  // Destroyed keys are counted on the first holder that keys its records by period.
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
    const step = { runId, kind: 'run', organizationId, startedAt: now, finishedAt } as const;
    const records = buildRecords(step, holders, census.get(organizationId), (holder) => ({
      purged: purged.get(organizationId)?.get(holder) ?? 0,
      keysDestroyed: holder === keyHolder ? (keysDestroyed.get(organizationId) ?? 0) : 0,
    }));
    const failure = records.some((r) => r.overdue > 0)
      ? RetentionFailure.OVERDUE
      : records.some((r) => r.undated > 0)
        ? RetentionFailure.UNDATED
        : null;
    await commitOrganization(options, organizationId, records, failure);
    report.push({ organizationId, passed: failure === null, holders: records.map(figuresOf) });
  }
  return {
    runId,
    startedAt: now,
    finishedAt,
    purged: sumAll(purged),
    keysDestroyed: [...keysDestroyed.values()].reduce((a, b) => a + b, 0),
    passed: report.every((o) => o.passed),
    organizations: report,
  };
}

/**
 * One retention run at `now`. Throws if a holder, the vault or the audit trail fails (after
 * recording a `retention.run` failure); whatever was purged before stays purged, and the next
 * run carries on.
 */
export async function runRetention(options: RunRetentionOptions): Promise<RetentionRunReport> {
  const runId = randomUUID();
  return auditedStep(options, runId, 'run', () => runSteps(options, runId));
}

function sumAll(counts: Counts): number {
  let total = 0;
  for (const perHolder of counts.values()) for (const n of perHolder.values()) total += n;
  return total;
}
