/**
 * The retention job's port: a store that keeps buyer PII under the retention rule (orders and
 * their items, customer-report documents). Each holder decides its records' deadlines when it
 * writes them; the job purges what is due and counts what remains, so that `retention verify`
 * can prove that nothing is held past its deadline. Ids, counts and times only: no PII crosses
 * this port.
 */

/** What one organization's records in one holder look like at a moment. */
export interface PiiHolderCensus {
  readonly organizationId: string;
  /** Records holding PII. */
  readonly held: number;
  /** Of those, past their deadline (0 after a successful run). */
  readonly overdue: number;
  /** Of those, without a deadline (must always be 0). */
  readonly undated: number;
  /** The earliest deadline among records still holding PII; null when none is held. */
  readonly nextDeadline: number | null;
  /**
   * The retention anchor (shipment, or the holder's documented fallback) of the oldest record
   * still holding PII; null when none is held. "Oldest remaining PII age" = now − this.
   */
  readonly oldestAnchor: number | null;
}

export interface PiiPurgeCount {
  readonly organizationId: string;
  readonly purged: number;
}

export interface PiiHolder {
  /** Stable name in verification records and audit details (`orders`, `customer-reports`). */
  readonly name: string;
  /**
   * Removes the PII of at most `limit` records whose deadline is at or before `now`, keeping
   * their non-PII facts. Returns the counts per organization (organizations with none left out).
   */
  purgeDue(now: number, limit: number): Promise<readonly PiiPurgeCount[]>;
  /** One census per organization that holds, or held, records in this holder. */
  census(now: number): Promise<readonly PiiHolderCensus[]>;
}
