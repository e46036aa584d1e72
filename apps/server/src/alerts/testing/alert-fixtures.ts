/** Test helpers for the alert suites: stored audit rows and canary-looking values. */
import { randomUUID } from 'node:crypto';
import type { StoredAuditEntry } from '../../audit/audit-chain.js';

export const T0 = Date.UTC(2030, 0, 15, 12, 0, 0, 0);
export const ORG_ID = 'a1e7c0de-0000-4000-8000-0000000000aa';

/**
 * Values the audit contract accepts (ids, codes) that would be a leak if an alert copied them:
 * a name-like id, a phone-like id, an email-ish local part. None may appear in an alert.
 */
export const CANARY_VALUES = {
  detailId: 'Canary.Jane.Doe',
  requestId: 'canary-req-Margaret.Hamilton',
  reasonCode: 'CANARY_REASON_ZX81',
  detailList: ['canary-street-221B', 'canary-unit-7'],
} as const;

let seq = 0;

export function storedEntry(overrides: Partial<StoredAuditEntry> = {}): StoredAuditEntry {
  seq += 1;
  return {
    seq,
    at: T0,
    prev_hash: '0'.repeat(64),
    hash: '1'.repeat(64),
    actor_kind: 'user',
    actor_id: randomUUID(),
    organization_id: ORG_ID,
    action: 'pii.reveal',
    target_type: 'order',
    target_id: '113-1234567-7654321',
    outcome: 'success',
    reason_code: null,
    request_id: randomUUID(),
    details_json: '{}',
    ...overrides,
  };
}

/** Every string value a test should never find in an alert row or message. */
export function canaryStrings(): string[] {
  return [
    CANARY_VALUES.detailId,
    CANARY_VALUES.requestId,
    CANARY_VALUES.reasonCode,
    ...CANARY_VALUES.detailList,
  ];
}

export function canaryDetailsJson(): string {
  return JSON.stringify({ note: CANARY_VALUES.detailId, items: CANARY_VALUES.detailList });
}
