/** Alerts as plain objects. Ids, codes chosen by the rules, and counts: never personal data. */
import type { AlertSeverity, EpochMillis } from '../storage/index.js';

export type AlertDetailValue = string | number | boolean | null | readonly string[];
export type AlertDetails = Readonly<Record<string, AlertDetailValue>>;

/** What a rule (or `AlertEngine.raise`) produces; the repository gives it an id. */
export interface AlertCandidate {
  readonly rule: string;
  readonly severity: AlertSeverity;
  readonly organizationId: string | null;
  readonly userId: string | null;
  /** `rule:subject:window`; a second candidate with the same key is dropped. */
  readonly dedupeKey: string;
  readonly at: EpochMillis;
  readonly details: AlertDetails;
}

export interface Alert {
  readonly id: string;
  readonly rule: string;
  readonly severity: AlertSeverity;
  readonly organizationId: string | null;
  readonly userId: string | null;
  readonly details: AlertDetails;
  readonly dedupeKey: string | null;
  readonly createdAt: EpochMillis;
  readonly notifiedAt: EpochMillis | null;
  readonly notifyAttempts: number;
  /** A code (`HTTP_500`, `TIMEOUT`, `NETWORK`), never a URL or a response body. */
  readonly lastNotifyError: string | null;
  readonly acknowledgedAt: EpochMillis | null;
  readonly acknowledgedBy: string | null;
}
