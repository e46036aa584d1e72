import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import {
  BUYER_NAME,
  codeOf,
  createTestTable,
  createVaultKit,
  decryptOrder,
  fieldOf,
  type VaultKit,
} from './testing/vault-fixtures.js';

beforeAll(ready);

const JANUARY = { scope: 'period:2030-01' };
const FEBRUARY = { scope: 'period:2030-02' };
const RETENTION = {
  actor: { kind: 'system', id: 'retention' },
  reasonCode: 'RETENTION_PERIOD_EXPIRED',
} as const;
const MINUTE = 60_000;

describe('PII vault: crypto-shredding', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(async () => {
      await createTestTable(t.db(), t.dialect);
      kit = createVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    it('destroys one period: its values are unrecoverable, other periods untouched', async () => {
      const org = await kit.organization();
      const january = await kit.insertOrder(org, { buyerName: 'Jan', postalCode: '1' }, JANUARY);
      await kit.vault.rotateDataKey(org, { ...RETENTION, ...JANUARY }); // a chain of two versions
      const january2 = await kit.insertOrder(org, { buyerName: 'Jan2', postalCode: '2' }, JANUARY);
      const february = await kit.insertOrder(org, { buyerName: 'Feb', postalCode: '3' }, FEBRUARY);
      const other = kit.secondVault();
      await decryptOrder(other, org, await kit.readOrder(january)); // cached in another process

      const destroyed = await kit.vault.destroyKeys(org, JANUARY, RETENTION);
      expect(destroyed.map((k) => [k.scope, k.version, k.state])).toEqual([
        ['period:2030-01', 1, 'destroyed'],
        ['period:2030-01', 2, 'destroyed'],
      ]);
      for (const id of [january, january2]) {
        const order = await kit.readOrder(id);
        expect(await codeOf(decryptOrder(kit.vault, org, order))).toBe('KEY_DESTROYED');
      }
      const failure = await decryptOrder(kit.vault, org, await kit.readOrder(january)).catch(
        (error: unknown) => error,
      );
      expect(String(failure)).toMatch(/destroyed; the value is unrecoverable/);
      expect(await decryptOrder(kit.vault, org, await kit.readOrder(february))).toEqual({
        buyerName: 'Feb',
        postalCode: '3',
      });
      // nothing left to unwrap, master key or not
      const rows = await t
        .db()
        .selectFrom('data_keys')
        .selectAll()
        .where('organization_id', '=', org)
        .where('scope', '=', JANUARY.scope)
        .execute();
      for (const row of rows) {
        expect(row).toMatchObject({
          wrapped_key: null,
          master_key_version: null,
          retired_at: null,
        });
        expect(row.destroyed_at).toBe(kit.clock.now());
      }
      // the period is closed for writing
      const write = kit.vault.encryptField(org, fieldOf(BUYER_NAME, january), 'late', JANUARY);
      expect(await codeOf(write)).toBe('KEY_DESTROYED');
      expect(await codeOf(kit.vault.rotateDataKey(org, { ...RETENTION, ...JANUARY }))).toBe(
        'KEY_DESTROYED',
      );
      // another process holds the key at most for its cache lifetime
      kit.clock.advance(5 * MINUTE);
      const later = decryptOrder(other, org, await kit.readOrder(january));
      expect(await codeOf(later)).toBe('KEY_DESTROYED');
      // destroying again changes nothing
      expect(await kit.vault.destroyKeys(org, JANUARY, RETENTION)).toEqual([]);
    });

    it('records each destroyed key in the audit trail with its reason', async () => {
      const org = await kit.organization();
      await kit.insertOrder(org, { buyerName: 'X', postalCode: null }, JANUARY);
      const [key] = await kit.vault.destroyKeys(org, JANUARY, RETENTION);
      const entries = await t
        .db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('organization_id', '=', org)
        .where('target_id', '=', key?.id ?? '')
        .orderBy('seq')
        .execute();
      const destroy = entries.at(-1);
      expect(destroy).toMatchObject({
        action: 'key.rotate',
        actor_kind: 'system',
        actor_id: 'retention',
        target_type: 'key',
        outcome: 'success',
      });
      expect(JSON.parse(destroy?.details_json ?? '{}')).toEqual({
        phase: 'destroy',
        purpose: 'pii-field',
        scope: 'period:2030-01',
        version: 1,
        reason: 'RETENTION_PERIOD_EXPIRED',
      });
    });

    it('destroys every key of an organization (offboarding), blind-index key included', async () => {
      const org = await kit.organization();
      const id = await kit.insertOrder(org, { buyerName: 'Y', postalCode: 'Z1' });
      await kit.insertOrder(org, { buyerName: 'Y', postalCode: 'Z1' }, FEBRUARY);
      const destroyed = await kit.vault.destroyKeys(org, { everyKey: true }, RETENTION);
      expect(destroyed.map((k) => k.purpose).sort()).toEqual([
        'blind-index',
        'pii-field',
        'pii-field',
      ]);
      expect(await codeOf(decryptOrder(kit.vault, org, await kit.readOrder(id)))).toBe(
        'KEY_DESTROYED',
      );
      expect(await codeOf(kit.vault.blindIndex(org, 'postal-code', 'Z1'))).toBe('KEY_DESTROYED');
      expect((await kit.vault.listKeys(org)).every((k) => k.state === 'destroyed')).toBe(true);
    });

    it('refuses a malformed scope', async () => {
      const org = await kit.organization();
      expect(await codeOf(kit.vault.destroyKeys(org, { scope: 'Period 1' }, RETENTION))).toBe(
        'INVALID_INPUT',
      );
    });
  });
});
