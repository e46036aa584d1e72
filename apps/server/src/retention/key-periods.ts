/**
 * Key periods: PII is encrypted under per-month data key chains (`period:YYYY-MM`, the scope the
 * PII vault is given), so that once a month can hold no more live PII its keys can be destroyed
 * (crypto-shredding), making the deletion hold for backups and replicas too: a copy of the
 * database from before the purge still holds ciphertexts, but no key opens them any more.
 */
import type { PiiHolder } from './pii-holder.js';

const DAY_MS = 86_400_000;

/**
 * How long after a month ends its keys are kept at least, whatever the holders say: the
 * deadline of a record of its last day that never ships (retention 30 days + 30 days grace),
 * so that a record of that month which has not been synced yet can still store its PII.
 */
export const PERIOD_HORIZON_MS = 60 * DAY_MS;

const PERIOD = /^period:(\d{4})-(\d{2})$/;

/** The `[start, end)` range (UTC) of a period scope, or null for another scope. */
export function periodRange(scope: string): { start: number; end: number } | null {
  const match = PERIOD.exec(scope);
  if (match === null) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12 || year < 1970) return null;
  return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
}

/**
 * A holder whose records are encrypted under key periods. The job destroys a period's keys
 * only when every such holder answers false, the horizon has passed, and no registered column
 * references any of the period's keys.
 */
export interface PeriodKeyedHolder extends PiiHolder {
  /** Whether any record of `organizationId` in the period may still need its keys at `now`. */
  periodInUse(organizationId: string, scope: string, now: number): Promise<boolean>;
}

export function isPeriodKeyed(holder: PiiHolder): holder is PeriodKeyedHolder {
  return typeof (holder as Partial<PeriodKeyedHolder>).periodInUse === 'function';
}
