import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import { maintainDataKeys } from './key-maintenance.js';
import {
  createTestTable,
  createVaultKit,
  fieldOf,
  BUYER_NAME,
  type VaultKit,
} from './testing/vault-fixtures.js';

// The background half of a data key rotation: cells under the rotated-out version are
// re-encrypted to the current one and still decrypt; once nothing references it (and its
// grace period has passed) the old version is erased.

beforeAll(ready);

const CONTEXT = { actor: { kind: 'system', id: 'key-maintenance' } } as const;

describe('data key maintenance', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(async () => {
      await createTestTable(t.db(), t.dialect);
      kit = createVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    it('re-encrypts to the current version, then retires the old one', async () => {
      const org = await kit.organization();
      const ids: string[] = [];
      for (let i = 0; i < 9; i += 1) {
        ids.push(
          await kit.insertOrder(org, { buyerName: `Buyer ${String(i)}`, postalCode: '98101' }),
        );
      }
      const before = await kit.readOrder(ids[0] ?? '');
      await kit.vault.rotateDataKey(org, CONTEXT);

      const first = await maintainDataKeys(t.db(), kit.vault, CONTEXT, { batchSize: 4 });
      expect(first.rewritten).toBeGreaterThanOrEqual(9);
      expect(first.unreadable).toBe(0);
      const after = await kit.readOrder(ids[0] ?? '');
      expect(after.buyer_name_key_id).not.toBe(before.buyer_name_key_id);
      expect(
        await kit.vault.decryptField(
          org,
          fieldOf(BUYER_NAME, ids[0] ?? ''),
          after.buyer_name_ciphertext,
        ),
      ).toBe('Buyer 0');

      // Past the grace other processes' key caches get, the unreferenced version goes.
      kit.clock.advance(60 * 60_000);
      const second = await maintainDataKeys(t.db(), kit.vault, CONTEXT);
      expect(second.rewritten).toBe(0);
      expect(second.retired).toBeGreaterThanOrEqual(1);
      const old = (await kit.vault.listKeys(org)).find((k) => k.id === before.buyer_name_key_id);
      expect(old?.retiredAt).toEqual(expect.any(Number));
    });
  });
});
