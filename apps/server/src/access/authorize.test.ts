import { describe, expect, it } from 'vitest';
import {
  authorize,
  checkSubject,
  filterPermitted,
  permittedFields,
  pickPermitted,
} from './authorize.js';
import { defineAbilityFor } from './define-ability.js';
import { ORDER_PII_FIELDS, fieldsOf } from './fields.js';
import { Role } from './roles.js';
import { ORG_A, ORG_B, PRINCIPALS } from './testing/principals.js';

const ability = (role: Role) => defineAbilityFor(PRINCIPALS[role]);

const order = {
  organizationId: ORG_A,
  amazonOrderId: '111-1111111-1111111',
  orderStatus: 'Unshipped',
  buyerName: 'Canary Buyer',
  shippingAddress: { line1: '1 Canary Lane' },
  postalCode: '94107',
  giftMessage: 'Happy canary day',
};

describe('authorize (instance checks)', () => {
  it('allows an operator to reveal an order of their organization', () => {
    expect(() => {
      authorize(ability(Role.OPERATOR), 'reveal', 'Order', order, 'shippingAddress');
    }).not.toThrow();
  });

  it('answers FORBIDDEN when the principal can see the resource but not do this', () => {
    expect(checkSubject(ability(Role.VIEWER), 'reveal', 'Order', order)).toEqual({
      allowed: false,
      code: 'FORBIDDEN',
    });
    expect(() => {
      authorize(ability(Role.VIEWER), 'reveal', 'Order', order);
    }).toThrow(expect.objectContaining({ code: 'FORBIDDEN', status: 403 }));
  });

  it('answers NOT_FOUND for another organization, exactly as for a missing resource', () => {
    const foreign = { ...order, organizationId: ORG_B };
    for (const role of [Role.OWNER, Role.OPERATOR, Role.VIEWER]) {
      expect(checkSubject(ability(role), 'read', 'Order', foreign)).toEqual({
        allowed: false,
        code: 'NOT_FOUND',
      });
      expect(checkSubject(ability(role), 'reveal', 'Order', foreign)).toEqual({
        allowed: false,
        code: 'NOT_FOUND',
      });
    }
  });

  it('answers NOT_FOUND to staff for seller data they cannot see', () => {
    expect(checkSubject(ability(Role.SUPPORT), 'read', 'Order', order)).toEqual({
      allowed: false,
      code: 'NOT_FOUND',
    });
  });

  it('does not mark the caller’s object', () => {
    const row = { ...order };
    authorize(ability(Role.OWNER), 'read', 'Order', row);
    expect(Object.getOwnPropertyNames(row)).toEqual(Object.getOwnPropertyNames(order));
  });

  it('keeps an owner from changing their own role while changing a colleague’s', () => {
    const owner = PRINCIPALS[Role.OWNER];
    const self = { id: owner.userId, organizationId: ORG_A };
    const colleague = { id: 'user-peer-a', organizationId: ORG_A };
    expect(checkSubject(ability(Role.OWNER), 'update', 'User', self, 'role').allowed).toBe(false);
    expect(checkSubject(ability(Role.OWNER), 'delete', 'User', self).allowed).toBe(false);
    expect(checkSubject(ability(Role.OWNER), 'update', 'User', colleague, 'role').allowed).toBe(
      true,
    );
  });
});

describe('field projection', () => {
  it('gives readers the plain fields of an order and no PII', () => {
    for (const role of [Role.OWNER, Role.OPERATOR, Role.VIEWER]) {
      const shown = pickPermitted(ability(role), 'read', 'Order', order);
      expect(shown).toEqual({
        organizationId: ORG_A,
        amazonOrderId: order.amazonOrderId,
        orderStatus: 'Unshipped',
      });
      expect(JSON.stringify(shown)).not.toMatch(/Canary|94107/);
    }
  });

  it('reveals exactly the PII fields, to owner and operator only', () => {
    expect(permittedFields(ability(Role.OPERATOR), 'reveal', 'Order', order)).toEqual(
      ORDER_PII_FIELDS,
    );
    expect(permittedFields(ability(Role.OWNER), 'reveal', 'Order')).toEqual(ORDER_PII_FIELDS);
    expect(permittedFields(ability(Role.VIEWER), 'reveal', 'Order', order)).toEqual([]);
    expect(
      permittedFields(ability(Role.OPERATOR), 'reveal', 'Order', { organizationId: ORG_B }),
    ).toEqual([]);
    expect(
      Object.keys(pickPermitted(ability(Role.OPERATOR), 'reveal', 'Order', order)).sort(),
    ).toEqual(['buyerName', 'giftMessage', 'postalCode', 'shippingAddress']);
  });

  it('shows support the plain organization fields only', () => {
    expect(permittedFields(ability(Role.SUPPORT), 'read', 'Organization')).toEqual(
      fieldsOf('Organization', 'plain'),
    );
    expect(permittedFields(ability(Role.SUPPORT), 'read', 'Order')).toEqual([]);
    const sellerUser = { id: 'user-peer-a', organizationId: ORG_A };
    expect(permittedFields(ability(Role.SUPPORT), 'read', 'User', sellerUser)).toEqual([]);
  });

  it('never lists a key’s material or a user’s password hash', () => {
    expect(permittedFields(ability(Role.PLATFORM_ADMIN), 'read', 'Key')).not.toContain('material');
    expect(permittedFields(ability(Role.OWNER), 'read', 'User')).not.toContain('passwordHash');
  });
});

describe('filterPermitted', () => {
  it('drops rows of other organizations from a list', () => {
    const rows = [
      order,
      { ...order, organizationId: ORG_B },
      { ...order, amazonOrderId: '222-2222222-2222222' },
    ];
    const kept = filterPermitted(ability(Role.VIEWER), 'read', 'Order', rows);
    expect(kept.map((row) => row.organizationId)).toEqual([ORG_A, ORG_A]);
    expect(filterPermitted(ability(Role.SUPPORT), 'read', 'Order', rows)).toEqual([]);
  });
});
