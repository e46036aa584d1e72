import { isAppError } from '@spapi/shared';
import { describe, expect, it } from 'vitest';
import { generateKey, ready } from '../crypto/index.js';
import { AUDIT_ACTIONS, AuditAction, AuditTargetType } from './audit-actions.js';
import { parseAuditEntry, type AuditEntryInput } from './audit-entry.schema.js';
import { buyerPseudonym } from './buyer-pseudonym.js';
import { sampleEntry } from './testing/audit-fixtures.js';

function refusal(input: AuditEntryInput): unknown {
  try {
    parseAuditEntry(input);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('audit entry contract', () => {
  it('fills defaults and keeps ids, codes and counts', () => {
    const entry = parseAuditEntry({
      actor: { kind: 'system', id: null },
      action: AuditAction.RETENTION_RUN,
      outcome: 'success',
      details: { deleted: 12, orders: ['113-1234567-7654321'] },
    });
    expect(entry).toMatchObject({ organizationId: null, target: null, reasonCode: null });
  });

  it('covers the catalogue named in the brief', () => {
    for (const action of [
      'auth.sign-in',
      'mfa.enrol',
      'mfa.verify',
      'mfa.reset',
      'session.create',
      'session.rotate',
      'session.revoke',
      'session.expire',
      'device.issue',
      'device.refresh',
      'device.revoke',
      'user.create',
      'user.invite',
      'user.role-change',
      'user.deactivate',
      'rdt.request',
      'pii.reveal',
      'data.export',
      'key.rotate',
      'retention.run',
      'config.change',
      'support.log-bundle-request',
      'support.crash-report-view',
      'audit.verify',
      'access-review.export',
      'alert.raise',
    ]) {
      expect(AUDIT_ACTIONS).toContain(action);
    }
  });

  it.each([
    ['an email as a target id', sampleEntry({ target: { type: 'user', id: 'jane@example.com' } })],
    ['free text in details', sampleEntry({ details: { note: 'called the buyer back' } })],
    ['a nested object in details', sampleEntry({ details: { x: { y: 1 } } as never })],
    ['a PII key in details', sampleEntry({ details: { email: 'abc' } })],
    ['a raw buyer id in details', sampleEntry({ details: { buyerId: 'A1B2C3' } })],
    ['a raw buyer target', sampleEntry({ target: { type: AuditTargetType.BUYER, id: 'A1B2C3' } })],
    ['a failure without a reason', sampleEntry({ outcome: 'failure' })],
    ['an unknown action', sampleEntry({ action: 'orders.delete' as AuditAction })],
    ['a user actor without id', sampleEntry({ actor: { kind: 'user', id: null } as never })],
    ['a token as an id', sampleEntry({ requestId: 'Atzr|IwEBIA-abc' })],
    ['an extra field', { ...sampleEntry(), name: 'Jane' } as AuditEntryInput],
  ])('refuses %s with AppError(INTERNAL) naming no value', (_label, input) => {
    const error = refusal(input);
    expect(isAppError(error) && error.code).toBe('INTERNAL');
    expect(JSON.stringify(error)).not.toMatch(/jane|buyer back|A1B2C3|Atzr/i);
  });

  it('accepts a buyer only as a keyed pseudonym from the crypto module', async () => {
    await ready();
    const key = generateKey();
    const pseudonym = buyerPseudonym(key, 'buyer-7@marketplace.amazon.com');
    expect(pseudonym).toMatch(/^bh1_[0-9a-f]{64}$/);
    expect(buyerPseudonym(key, 'buyer-7@marketplace.amazon.com')).toBe(pseudonym);
    const entry = parseAuditEntry(
      sampleEntry({
        target: { type: 'buyer', id: pseudonym },
        details: { pseudonyms: [pseudonym] },
      }),
    );
    expect(entry.target?.id).toBe(pseudonym);
  });
});
