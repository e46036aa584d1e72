/**
 * The alert rules (DPP "Logging": alarms on suspicious activity, including access to canary
 * records). Each rule reads one committed audit entry and says whether it raises an alert.
 * Rules copy only ids, codes chosen here and counts into an alert: never the entry's details,
 * reason code or request id, which feature code fills in.
 */
import { AuditAction } from '../audit/audit-actions.js';
import type { AlertSeverity } from '../storage/index.js';
import type { AlertCandidate, AlertDetails } from './alert.types.js';
import type { ObservedEntry } from './observed-entry.js';
import { createRateWindow } from './rate-window.js';

export const AlertRule = {
  PII_REVEAL_RATE: 'pii-reveal-rate',
  CANARY_TOUCH: 'canary-touch',
  SIGN_IN_FAILURES_ACCOUNT: 'sign-in-failures-account',
  SIGN_IN_FAILURES_GLOBAL: 'sign-in-failures-global',
  RDT_DENIED: 'rdt-denied',
  AUDIT_VERIFICATION_FAILED: 'audit-verification-failed',
  SELLER_REAUTHORIZATION_REQUIRED: 'seller-reauthorization-required',
} as const;
export type AlertRule = (typeof AlertRule)[keyof typeof AlertRule];
export const ALERT_RULES: readonly AlertRule[] = Object.values(AlertRule);

export const RULE_SEVERITY: Readonly<Record<AlertRule, AlertSeverity>> = {
  'pii-reveal-rate': 'warning',
  'canary-touch': 'critical',
  'sign-in-failures-account': 'warning',
  'sign-in-failures-global': 'critical',
  'rdt-denied': 'warning',
  'audit-verification-failed': 'critical',
  'seller-reauthorization-required': 'warning',
};

const HOUR_MS = 3_600_000;

export interface AlertThresholds {
  /** PII reveals per user allowed in `piiRevealWindowMs`; one more raises an alert. */
  readonly piiRevealsPerWindow: number;
  readonly piiRevealWindowMs: number;
  /** Failed sign-ins (password or MFA) per account allowed in the window. */
  readonly signInFailuresPerAccount: number;
  /** Failed sign-ins across all accounts allowed in the window. */
  readonly signInFailuresOverall: number;
  readonly signInWindowMs: number;
  /** Dedupe window of alerts raised per event (canary touch, RDT denial, verification). */
  readonly eventDedupeWindowMs: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  piiRevealsPerWindow: 50,
  piiRevealWindowMs: HOUR_MS,
  signInFailuresPerAccount: 5,
  signInFailuresOverall: 50,
  signInWindowMs: 15 * 60_000,
  eventDedupeWindowMs: HOUR_MS,
};

/** One open alert per rule + subject + window: the unique `dedupe_key`. */
export function dedupeKey(rule: AlertRule, subject: string, at: number, windowMs: number): string {
  return `${rule}:${subject}:${String(Math.floor(at / windowMs))}`;
}

function actorDetails(entry: ObservedEntry): AlertDetails {
  return { actorKind: entry.actorKind, actorId: entry.actorId, auditSeq: entry.seq };
}

function candidate(
  rule: AlertRule,
  entry: ObservedEntry,
  subject: string,
  windowMs: number,
  details: AlertDetails,
): AlertCandidate {
  return {
    rule,
    severity: RULE_SEVERITY[rule],
    organizationId: entry.organizationId,
    userId: entry.actorKind === 'user' ? entry.actorId : null,
    dedupeKey: dedupeKey(rule, subject, entry.at, windowMs),
    at: entry.at,
    details: { action: entry.action, ...actorDetails(entry), windowMs, ...details },
  };
}

export interface RuleSet {
  /** The alerts `entry` raises, given the canary ids it names (already looked up). */
  evaluate(entry: ObservedEntry, canaryIds: readonly string[]): AlertCandidate[];
}

/** The stateful rules (sliding windows live here, one set per engine). */
export function createRuleSet(thresholds: AlertThresholds = DEFAULT_THRESHOLDS): RuleSet {
  const reveals = createRateWindow(thresholds.piiRevealWindowMs);
  const accountFailures = createRateWindow(thresholds.signInWindowMs);
  const allFailures = createRateWindow(thresholds.signInWindowMs, 1);
  const eventWindow = thresholds.eventDedupeWindowMs;

  const piiRevealRate = (entry: ObservedEntry): AlertCandidate[] => {
    if (entry.action !== AuditAction.PII_REVEAL || entry.outcome !== 'success') return [];
    if (entry.actorId === null) return [];
    const subject = `${entry.actorKind}:${entry.actorId}`;
    const count = reveals.hit(subject, entry.at);
    if (count <= thresholds.piiRevealsPerWindow) return [];
    const { piiRevealsPerWindow: threshold, piiRevealWindowMs: windowMs } = thresholds;
    return [candidate(AlertRule.PII_REVEAL_RATE, entry, subject, windowMs, { count, threshold })];
  };

  const signInFailures = (entry: ObservedEntry): AlertCandidate[] => {
    const failedSignIn =
      entry.action === AuditAction.SIGN_IN || entry.action === AuditAction.MFA_VERIFY;
    if (!failedSignIn || entry.outcome === 'success') return [];
    const windowMs = thresholds.signInWindowMs;
    const raised: AlertCandidate[] = [];
    const overall = allFailures.hit('all', entry.at);
    if (overall > thresholds.signInFailuresOverall) {
      const details = { count: overall, threshold: thresholds.signInFailuresOverall };
      raised.push(candidate(AlertRule.SIGN_IN_FAILURES_GLOBAL, entry, 'all', windowMs, details));
    }
    const account = entry.targetType === 'user' ? entry.targetId : null;
    if (account !== null) {
      const count = accountFailures.hit(account, entry.at);
      if (count > thresholds.signInFailuresPerAccount) {
        const details = { count, threshold: thresholds.signInFailuresPerAccount };
        const alert = candidate(
          AlertRule.SIGN_IN_FAILURES_ACCOUNT,
          entry,
          account,
          windowMs,
          details,
        );
        raised.push({ ...alert, userId: account });
      }
    }
    return raised;
  };

  const canaryTouch = (entry: ObservedEntry, canaryIds: readonly string[]): AlertCandidate[] => {
    const first = canaryIds[0];
    if (first === undefined) return [];
    const subject = `${first}:${entry.actorKind}:${entry.actorId ?? '-'}`;
    const details = { canaryIds: [...canaryIds], outcome: entry.outcome };
    return [candidate(AlertRule.CANARY_TOUCH, entry, subject, eventWindow, details)];
  };

  const rdtDenied = (entry: ObservedEntry): AlertCandidate[] => {
    if (entry.action !== AuditAction.RDT_REQUEST || entry.outcome !== 'denied') return [];
    const subject = `${entry.organizationId ?? '-'}:${entry.actorKind}:${entry.actorId ?? '-'}`;
    return [candidate(AlertRule.RDT_DENIED, entry, subject, eventWindow, {})];
  };

  const auditVerification = (entry: ObservedEntry): AlertCandidate[] => {
    if (entry.action !== AuditAction.AUDIT_VERIFY || entry.outcome === 'success') return [];
    return [candidate(AlertRule.AUDIT_VERIFICATION_FAILED, entry, 'trail', eventWindow, {})];
  };

  // A seller's refresh token was refused: its orders stop arriving until an owner re-authorizes.
  const reauthorization = (entry: ObservedEntry): AlertCandidate[] => {
    if (entry.action !== AuditAction.AMAZON_REAUTHORIZATION_REQUIRED) return [];
    const subject = `${entry.organizationId ?? '-'}:${entry.targetId ?? '-'}`;
    return [candidate(AlertRule.SELLER_REAUTHORIZATION_REQUIRED, entry, subject, eventWindow, {})];
  };

  return {
    evaluate(entry, canaryIds) {
      // Alerts about alerts would loop: the engine's own `alert.raise` entries are not rules' input.
      if (entry.action === AuditAction.ALERT_RAISE) return [];
      return [
        ...canaryTouch(entry, canaryIds),
        ...piiRevealRate(entry),
        ...signInFailures(entry),
        ...rdtDenied(entry),
        ...auditVerification(entry),
        ...reauthorization(entry),
      ];
    },
  };
}
