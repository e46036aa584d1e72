/**
 * The message a notifier sends, built field by field from the alert: ids, the rule, severity,
 * counts and times. The masker runs over it once more before it leaves the process.
 */
import { createMasker } from '@spapi/shared';
import type { Alert, AlertDetails } from './alert.types.js';

const masker = createMasker();

export interface AlertMessage {
  readonly type: 'spapi-security-alert-v1';
  readonly id: string;
  readonly rule: string;
  readonly severity: string;
  readonly createdAt: string;
  readonly organizationId: string | null;
  readonly userId: string | null;
  readonly details: AlertDetails;
  /** One line for chat channels (Slack-style webhooks show `text`). */
  readonly text: string;
}

export function alertMessage(alert: Alert): AlertMessage {
  const message: AlertMessage = {
    type: 'spapi-security-alert-v1',
    id: alert.id,
    rule: alert.rule,
    severity: alert.severity,
    createdAt: new Date(alert.createdAt).toISOString(),
    organizationId: alert.organizationId,
    userId: alert.userId,
    details: alert.details,
    text: `[${alert.severity}] security alert ${alert.rule} (${alert.id})`,
  };
  return masker.mask(message) as AlertMessage;
}
