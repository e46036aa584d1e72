import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../test/storage-harness.js';
import { createAuditTrail, createInMemorySigningKeyProvider } from './audit/index.js';
import { createPasswordHasher, ready, type PasswordHasher } from './crypto/index.js';
import { seedDemoAccounts } from './demo-accounts.js';

// The demo's accounts: created once on an empty database (three seller roles in one
// organization, the two staff roles without one), active, passwords that verify, MFA enrolled at
// first sign-in; the audit trail records each creation and never a password.

beforeAll(ready);

describe('demo accounts', () => {
  let hasher: PasswordHasher;
  beforeAll(() => {
    hasher = createPasswordHasher({ production: false });
  });
  afterAll(async () => {
    await hasher.close();
  });

  forEachDialect((t) => {
    it('are created once, active, with working passwords, audited without them', async () => {
      const audit = createAuditTrail({
        db: t.db(),
        signingKeys: createInMemorySigningKeyProvider(),
        checkpointEvery: 0,
      });
      const accounts = await seedDemoAccounts({ db: t.db(), audit, hasher });
      expect(accounts?.map((a) => a.role)).toEqual([
        'owner',
        'operator',
        'viewer',
        'support',
        'platform-admin',
      ]);
      const users = await t.db().selectFrom('users').selectAll().orderBy('email').execute();
      expect(users).toHaveLength(5);
      for (const account of accounts ?? []) {
        const user = users.find((u) => u.email === account.email);
        expect(user).toMatchObject({ role: account.role, status: 'active', mfa_enrolled_at: null });
        expect(await hasher.verifyPassword(user?.password_hash ?? null, account.password)).toBe(
          true,
        );
        const staff = account.role === 'support' || account.role === 'platform-admin';
        expect(user?.organization_id === null).toBe(staff);
      }
      const trail = JSON.stringify(await t.db().selectFrom('audit_entries').selectAll().execute());
      for (const account of accounts ?? []) expect(trail).not.toContain(account.password);

      expect(await seedDemoAccounts({ db: t.db(), audit, hasher })).toBeNull();
      expect(await t.db().selectFrom('users').select('id').execute()).toHaveLength(5);
    });
  });
});
