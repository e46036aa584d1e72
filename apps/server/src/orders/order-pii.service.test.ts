import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { ready } from '../crypto/index.js';
import type { VaultKit } from '../pii-vault/testing/vault-fixtures.js';
import { orderField, orderRowId, periodScope } from './order-columns.js';
import { upsertPage } from './order-page.repository.js';
import { revealFields } from './order-pii.service.js';
import { prepareOrderWrite } from './order-write.js';
import { createOrderVaultKit, newDomainOrder, newSeller } from './testing/order-fixtures.js';

// A stored structured attribute that does not decode (corrupted, or written by a bug) fails
// with one fixed error: neither JSON.parse's message (it quotes its input) nor the schema's may
// carry the decrypted buyer data into an error, a log line or a response.

beforeAll(ready);

const SECRET_TEXT = 'Canary Hortensia Blackwood, 12 Larkspur Row';

describe('revealing a malformed stored attribute', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(() => {
      kit = createOrderVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    it('throws a fixed error that quotes nothing of the plaintext', async () => {
      const seller = await newSeller(t.db(), kit);
      const order = newDomainOrder(seller);
      const prepared = await prepareOrderWrite(kit.vault, seller.organizationId, order);
      await t
        .db()
        .transaction()
        .execute((trx) => upsertPage(trx, [prepared], null, T0));
      const id = orderRowId(seller.organizationId, order.amazonOrderId);
      for (const plaintext of [SECRET_TEXT, JSON.stringify({ lines: SECRET_TEXT })]) {
        const sealed = await kit.vault.encryptCell(
          seller.organizationId,
          orderField('shipping_address', id),
          plaintext,
          { scope: periodScope(order.purchaseDate) },
        );
        await t
          .db()
          .updateTable('orders')
          .set({
            shipping_address_ciphertext: sealed.ciphertext,
            shipping_address_key_id: sealed.keyId,
          })
          .where('id', '=', id)
          .execute();
        const failure: unknown = await revealFields(
          kit.vault,
          t.db(),
          seller.organizationId,
          order.amazonOrderId,
          ['shippingAddress'],
        ).catch((error: unknown) => error);
        expect(failure).toMatchObject({ code: 'INTERNAL' });
        const shown = `${String(failure)} ${JSON.stringify(failure)} ${(failure as Error).stack ?? ''}`;
        expect(shown).not.toContain('Canary H');
        expect(shown).not.toContain('Hortensia');
        expect(shown).not.toContain('Larkspur');
        expect((failure as Error).cause).toBeUndefined();
      }
    });
  });
});
