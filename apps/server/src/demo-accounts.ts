/**
 * Demo mode only: on the first start of an empty database, one synthetic seller organization
 * with an owner, an operator and a viewer, and our two staff roles (support, platform admin),
 * each with a random password. The demo entry prints them once to its terminal (never to a log
 * or an audit entry); TOTP is enrolled at each account's first sign-in, as for any user.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AuditAction, AuditTargetType, type AuditTrail } from './audit/index.js';
import type { PasswordHasher } from './crypto/index.js';
import type { Database, UserRole } from './storage/index.js';

export interface DemoAccount {
  readonly role: UserRole;
  readonly email: string;
  readonly password: string;
}

export const DEMO_ORGANIZATION_NAME = 'Harbor & Pine Goods (demo)';

const DEMO_ROLES: readonly { role: UserRole; seller: boolean }[] = [
  { role: 'owner', seller: true },
  { role: 'operator', seller: true },
  { role: 'viewer', seller: true },
  { role: 'support', seller: false },
  { role: 'platform-admin', seller: false },
];

const DEMO_ACTOR = { kind: 'system', id: 'demo-seed' } as const;

/** Creates the demo accounts when the database has no user yet; null when it has. */
export async function seedDemoAccounts(deps: {
  readonly db: Kysely<Database>;
  readonly audit: Pick<AuditTrail, 'withAuditedTransaction'>;
  readonly hasher: Pick<PasswordHasher, 'hashPassword'>;
  readonly clock?: () => number;
}): Promise<DemoAccount[] | null> {
  const { db, audit } = deps;
  const clock = deps.clock ?? Date.now;
  const anyone = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyone !== undefined) return null;

  const organizationId = randomUUID();
  await audit.withAuditedTransaction(
    {
      actor: DEMO_ACTOR,
      action: AuditAction.ORGANIZATION_CREATE,
      organizationId,
      target: { type: AuditTargetType.ORGANIZATION, id: organizationId },
      outcome: 'success',
    },
    (trx) =>
      trx
        .insertInto('organizations')
        .values({
          id: organizationId,
          name: DEMO_ORGANIZATION_NAME,
          created_at: clock(),
          updated_at: clock(),
        })
        .execute(),
  );
  const accounts: DemoAccount[] = [];
  for (const { role, seller } of DEMO_ROLES) {
    const id = randomUUID();
    const email = `${role}@${seller ? 'seller' : 'staff'}.demo.invalid`;
    // 120 random bits, URL-safe: passes the password policy, easy to paste.
    const password = randomBytes(15).toString('base64url');
    const passwordHash = await deps.hasher.hashPassword(password);
    const org = seller ? organizationId : null;
    await audit.withAuditedTransaction(
      {
        actor: DEMO_ACTOR,
        action: AuditAction.USER_CREATE,
        organizationId: org,
        target: { type: AuditTargetType.USER, id },
        outcome: 'success',
        details: { role },
      },
      (trx) =>
        trx
          .insertInto('users')
          .values({
            id,
            organization_id: org,
            email,
            role,
            status: 'active',
            password_hash: passwordHash,
            password_changed_at: clock(),
            created_at: clock(),
            updated_at: clock(),
          })
          .execute(),
    );
    accounts.push({ role, email, password });
  }
  return accounts;
}
