import { describe, expect, it } from 'vitest';
import {
  USER_ROLES,
  ORGANIZATION_ROLES,
  STAFF_ROLES as STORED_STAFF_ROLES,
} from '../storage/schema-values.js';
import { toPrincipal } from './principal.js';
import {
  ALL_ROLES,
  Role,
  SELLER_ROLES,
  STAFF_ROLES,
  isRole,
  isSellerRole,
  isStaffRole,
} from './roles.js';

describe('roles', () => {
  it('are the roles the users table accepts, split the same way', () => {
    expect([...ALL_ROLES].sort()).toEqual([...USER_ROLES].sort());
    expect([...SELLER_ROLES].sort()).toEqual([...ORGANIZATION_ROLES].sort());
    expect([...STAFF_ROLES].sort()).toEqual([...STORED_STAFF_ROLES].sort());
  });

  it('are recognised by the guards', () => {
    expect(isRole('platform-admin')).toBe(true);
    expect(isRole('admin')).toBe(false);
    expect(isSellerRole(Role.SUPPORT)).toBe(false);
    expect(isStaffRole(Role.SUPPORT)).toBe(true);
  });
});

describe('toPrincipal', () => {
  it('accepts a seller in an organization and staff in none', () => {
    expect(toPrincipal({ userId: 'u1', role: 'operator', organizationId: 'o1' })).toEqual({
      userId: 'u1',
      role: 'operator',
      organizationId: 'o1',
    });
    expect(toPrincipal({ userId: 'u2', role: 'support', organizationId: null })).toEqual({
      userId: 'u2',
      role: 'support',
      organizationId: null,
    });
  });

  it.each([
    { userId: 'u', role: 'owner', organizationId: null },
    { userId: 'u', role: 'platform-admin', organizationId: 'o1' },
    { userId: 'u', role: 'superuser', organizationId: null },
    { userId: '', role: 'viewer', organizationId: 'o1' },
    { userId: 'u', role: 'viewer', organizationId: '' },
    { userId: 'u', role: 'viewer', organizationId: undefined },
  ])('refuses %o as INTERNAL, without echoing it', (input) => {
    expect(() => toPrincipal(input)).toThrow(
      expect.objectContaining({ code: 'INTERNAL', operational: false }),
    );
  });
});
