import { describe, expect, it } from 'vitest';
import { defineAbilityFor } from './define-ability.js';
import { FIELD_CATALOG, FieldClass, fieldsOf, isCataloguedSubject } from './fields.js';
import type { Principal } from './principal.js';
import { ALL_ROLES, Role, SELLER_ROLES, STAFF_ROLES, type Role as RoleName } from './roles.js';
import { tagSubject, permittedFields } from './authorize.js';
import { SUBJECT_ACTIONS, SUBJECT_NAMES, type SubjectName } from './subjects.js';
import { ORG_A, PRINCIPALS } from './testing/principals.js';
import { Scope, fixtureFor } from './testing/subject-fixtures.js';

const CATALOGUED = Object.keys(FIELD_CATALOG) as (keyof typeof FIELD_CATALOG)[];
const INSTANCE_SCOPES = [Scope.ORG_A, Scope.ORG_B, Scope.SELF, Scope.PLATFORM] as const;
const FULFILMENT: readonly RoleName[] = [Role.OWNER, Role.OPERATOR];

function can(role: RoleName, action: string, subject: SubjectName, scope: Scope, field?: string) {
  const principal = PRINCIPALS[role];
  const attributes = fixtureFor(subject, scope, principal);
  const target = attributes === undefined ? subject : tagSubject(subject, attributes);
  // Every action, including ones that mean nothing for the subject: those must be denied too.
  return defineAbilityFor(principal).can(action as 'read', target, field);
}

function actionsOf(subject: SubjectName): readonly string[] {
  return SUBJECT_ACTIONS[subject];
}

const ALL_ACTIONS = [...new Set(SUBJECT_NAMES.flatMap(actionsOf))];
/**
 * Actions for which a field means "this value goes out or in". A field on `create`, `delete`,
 * `trigger`… means nothing (CASL answers yes for any field of a field-less rule), so field
 * checks use these.
 */
const FIELD_ACTIONS = ['read', 'reveal', 'export', 'update'] as const;

describe('buyer PII (field-level rules)', () => {
  const piiCells = CATALOGUED.flatMap((subject) =>
    fieldsOf(subject, FieldClass.PII).map((field) => ({ subject, field })),
  );

  it('has PII fields on orders and report documents', () => {
    expect(fieldsOf('Order', FieldClass.PII)).toEqual(
      expect.arrayContaining([
        'buyerName',
        'buyerEmail',
        'shippingAddress',
        'phone',
        'postalCode',
        'giftMessage',
      ]),
    );
    expect(fieldsOf('Report', FieldClass.PII)).toEqual(['document']);
  });

  it('is revealed only by owner and operator, only in their organization, only by `reveal`', () => {
    for (const role of ALL_ROLES)
      for (const { subject, field } of piiCells)
        for (const action of FIELD_ACTIONS)
          for (const scope of [Scope.TYPE, ...INSTANCE_SCOPES]) {
            const ownOrganization = scope === 'org-a' || scope === 'self' || scope === 'type';
            const expected = action === 'reveal' && FULFILMENT.includes(role) && ownOrganization;
            expect(
              can(role, action, subject, scope, field),
              `${role} ${action} ${subject}.${field} ${scope}`,
            ).toBe(expected);
          }
  });

  it('is never among the readable fields of any subject, for any role', () => {
    for (const role of ALL_ROLES) {
      const ability = defineAbilityFor(PRINCIPALS[role]);
      for (const subject of CATALOGUED) {
        const readable: readonly string[] = permittedFields(ability, 'read', subject);
        for (const field of fieldsOf(subject, FieldClass.PII))
          expect(readable).not.toContain(field);
      }
    }
  });

  it.each(STAFF_ROLES)('is in no permitted field list of %s, for any action', (role) => {
    const ability = defineAbilityFor(PRINCIPALS[role]);
    for (const subject of CATALOGUED) {
      const pii: readonly string[] = fieldsOf(subject, FieldClass.PII);
      for (const action of FIELD_ACTIONS) {
        const fields: readonly string[] = permittedFields(ability, action as 'read', subject);
        expect(
          fields.filter((field) => pii.includes(field)),
          `${action} ${subject}`,
        ).toEqual([]);
      }
    }
  });

  it('lets a viewer read orders but not their shipping address', () => {
    expect(can(Role.VIEWER, 'read', 'Order', Scope.ORG_A)).toBe(true);
    expect(can(Role.VIEWER, 'read', 'Order', Scope.ORG_A, 'shippingAddress')).toBe(false);
    expect(can(Role.VIEWER, 'reveal', 'Order', Scope.ORG_A)).toBe(false);
    expect(can(Role.OPERATOR, 'reveal', 'Order', Scope.ORG_A, 'shippingAddress')).toBe(true);
  });
});

describe('secrets', () => {
  it('are read, revealed, exported or updated by nobody', () => {
    for (const role of ALL_ROLES)
      for (const subject of CATALOGUED)
        for (const field of fieldsOf(subject, FieldClass.SECRET))
          for (const action of FIELD_ACTIONS)
            for (const scope of [Scope.TYPE, ...INSTANCE_SCOPES])
              expect(
                can(role, action, subject, scope, field),
                `${role} ${action} ${subject}.${field}`,
              ).toBe(false);
  });
});

describe('tenancy', () => {
  it.each(SELLER_ROLES)('%s of org A can do nothing to anything of org B', (role) => {
    for (const subject of SUBJECT_NAMES)
      for (const action of ALL_ACTIONS)
        expect(can(role, action, subject, Scope.ORG_B), `${action} ${subject}`).toBe(false);
  });

  it.each(SELLER_ROLES)('%s can do nothing to platform records', (role) => {
    for (const subject of SUBJECT_NAMES)
      for (const action of ALL_ACTIONS)
        expect(can(role, action, subject, Scope.PLATFORM), `${action} ${subject}`).toBe(false);
  });

  it.each(STAFF_ROLES)("%s has no access to a seller's operational data", (role) => {
    const sellerData: readonly SubjectName[] = [
      'AmazonConnection',
      'SyncJob',
      'Order',
      'Report',
      'User',
      'Session',
      'Device',
    ];
    for (const subject of sellerData)
      for (const action of ALL_ACTIONS) {
        expect(can(role, action, subject, Scope.ORG_A), `${action} ${subject}`).toBe(false);
        expect(can(role, action, subject, Scope.ORG_B), `${action} ${subject}`).toBe(false);
      }
  });

  it('binds every seller rule to the organization or to the principal itself', () => {
    for (const role of SELLER_ROLES) {
      const { userId, organizationId } = PRINCIPALS[role];
      for (const rule of defineAbilityFor(PRINCIPALS[role]).rules) {
        const conditions = (rule.conditions ?? {}) as Record<string, unknown>;
        const bound =
          conditions.organizationId === organizationId ||
          (rule.subject === 'Organization' && conditions.id === organizationId) ||
          conditions.userId === userId ||
          conditions.id === userId;
        expect(bound, `${role}: ${String(rule.action)} ${String(rule.subject)}`).toBe(true);
      }
    }
  });

  it('gives staff no organization-bound rule (they are in no organization)', () => {
    for (const role of STAFF_ROLES)
      for (const rule of defineAbilityFor(PRINCIPALS[role]).rules)
        expect(
          rule.conditions ?? {},
          `${role}: ${String(rule.action)} ${String(rule.subject)}`,
        ).not.toHaveProperty('organizationId');
  });

  it('refuses an inconsistent principal instead of granting anything', () => {
    const orphanOwner = {
      userId: 'u',
      role: 'owner',
      organizationId: null,
    } as unknown as Principal;
    const staffInOrg = {
      userId: 'u',
      role: 'support',
      organizationId: ORG_A,
    } as unknown as Principal;
    const unknownRole = { userId: 'u', role: 'root', organizationId: null } as unknown as Principal;
    for (const principal of [orphanOwner, staffInOrg, unknownRole]) {
      expect(() => defineAbilityFor(principal)).toThrow(
        expect.objectContaining({ code: 'INTERNAL' }),
      );
    }
  });
});

describe('rule hygiene', () => {
  const principals = ALL_ROLES.map((role) => PRINCIPALS[role]);

  it('uses only declared (action, subject) pairs, no wildcards and no inverted rules', () => {
    for (const principal of principals)
      for (const rule of defineAbilityFor(principal).rules) {
        const subjects = [rule.subject].flat() as SubjectName[];
        const actions = [rule.action].flat();
        expect(rule.inverted ?? false).toBe(false);
        for (const subject of subjects) {
          expect(SUBJECT_NAMES).toContain(subject);
          for (const action of actions) expect(actionsOf(subject)).toContain(action);
        }
      }
  });

  it('names only catalogued fields', () => {
    for (const principal of principals)
      for (const rule of defineAbilityFor(principal).rules) {
        if (rule.fields === undefined) continue;
        const subject = String(rule.subject);
        expect(isCataloguedSubject(subject), subject).toBe(true);
        const known = Object.keys(FIELD_CATALOG[subject as keyof typeof FIELD_CATALOG]);
        for (const field of [rule.fields].flat())
          expect(known, `${subject}.${field}`).toContain(field);
      }
  });

  it('is deterministic per principal', () => {
    for (const principal of principals)
      expect(defineAbilityFor(principal).rules).toEqual(defineAbilityFor(principal).rules);
  });
});
