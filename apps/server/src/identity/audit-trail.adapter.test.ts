import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, parseAuditEntry } from '../audit/index.js';
import { toAuditInput } from './audit-trail.adapter.js';
import type { AuditEntry } from './identity.ports.js';

const base: AuditEntry = {
  action: 'auth.sign-in',
  outcome: 'failure',
  actorKind: 'user',
  actorId: null,
  organizationId: null,
  targetType: null,
  targetId: null,
  reasonCode: 'INVALID_CREDENTIALS',
  requestId: '0b7a7c1e-4c1a-4e57-9d7e-3f1f1a2b3c4d',
};

describe('identity → audit trail adapter', () => {
  it('turns every identity entry shape into a valid audit entry', () => {
    for (const action of AUDIT_ACTIONS) {
      expect(() => parseAuditEntry(toAuditInput({ ...base, action }))).not.toThrow();
    }
    const withUser = toAuditInput({
      ...base,
      outcome: 'success',
      reasonCode: null,
      actorId: 'u-1',
      organizationId: 'org-1',
      targetType: 'session',
      targetId: 's-1',
      details: { mfaEnrolled: true },
    });
    expect(parseAuditEntry(withUser)).toMatchObject({
      actor: { kind: 'user', id: 'u-1' },
      target: { type: 'session', id: 's-1' },
      details: { mfaEnrolled: true },
    });
  });

  it('turns reasons written in words into codes', () => {
    const entry = toAuditInput({ ...base, action: 'device.revoke', reasonCode: 'refresh-reuse' });
    expect(parseAuditEntry(entry).reasonCode).toBe('REFRESH_REUSE');
  });

  it('records an attempt without a known user as an anonymous system actor', () => {
    expect(toAuditInput(base).actor).toEqual({ kind: 'system', id: null });
  });
});
