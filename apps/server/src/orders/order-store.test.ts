import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { ORDER_PII_FIELDS } from '../access/fields.js';
import { ready } from '../crypto/index.js';
import type { VaultKit } from '../pii-vault/testing/vault-fixtures.js';
import {
  ORDER_PII_FIELD_NAMES,
  ORDER_PII_STEMS,
  PII_RETENTION_MS,
  ciphertextColumn,
  keyIdColumn,
  orderRowId,
  periodScope,
} from './order-columns.js';
import { revealFields } from './order-pii.service.js';
import { prepareOrderWrite } from './order-write.js';
import { findPiiDue, getCheckpoint, getOrder, purgePii } from './order.repository.js';
import type { DomainOrder, SyncCheckpoint } from './order.types.js';
import {
  CANARY_ITEM_GIFT,
  CANARY_PII,
  MARKETPLACE,
  createOrderVaultKit,
  newDomainOrder,
  newSeller,
  storeOrders,
  type Seller,
} from './testing/order-fixtures.js';

beforeAll(ready);

const NOW = T0 + 7 * 86_400_000;

describe('order store', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(() => {
      kit = createOrderVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    /** As the sync does it: encrypt outside, then one transaction for the page. */
    function store(
      seller: Seller,
      orders: readonly DomainOrder[],
      checkpoint: SyncCheckpoint | null = null,
    ) {
      return storeOrders(t.db(), kit.vault, seller.organizationId, orders, {
        now: NOW,
        checkpoint,
      });
    }

    const rowOf = (seller: Seller, order: DomainOrder) =>
      t
        .db()
        .selectFrom('orders')
        .selectAll()
        .where('id', '=', orderRowId(seller.organizationId, order.amazonOrderId))
        .executeTakeFirstOrThrow();

    it('round-trips plain facts, items and every PII attribute', async () => {
      const seller = await newSeller(t.db(), kit);
      const order = newDomainOrder(seller);
      expect(await store(seller, [order])).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 0,
        stale: 0,
      });

      const detail = await getOrder(t.db(), seller.organizationId, order.amazonOrderId);
      expect(detail).toEqual({
        amazonOrderId: order.amazonOrderId,
        organizationId: seller.organizationId,
        marketplaceId: MARKETPLACE,
        orderStatus: 'Shipped',
        purchaseDate: order.purchaseDate,
        lastUpdateDate: order.lastUpdateDate,
        fulfillmentChannel: 'MFN',
        shipServiceLevel: 'Std US D2D Dom',
        latestShipDate: order.latestShipDate,
        shippedAt: order.shippedAt,
        orderTotal: { amount: '42.17', currencyCode: 'USD' },
        shippingCountryCode: 'US',
        piiState: 'present',
        piiPurgeAfter: (order.shippedAt ?? 0) + PII_RETENTION_MS,
        items: order.items.map(({ giftMessage: _gift, ...plain }) => plain),
      });

      const revealed = await revealFields(
        kit.vault,
        t.db(),
        seller.organizationId,
        order.amazonOrderId,
        ORDER_PII_FIELD_NAMES,
      );
      expect(revealed).toEqual({
        ...CANARY_PII,
        itemGiftMessages: [
          { orderItemId: order.items[0]?.orderItemId, giftMessage: CANARY_ITEM_GIFT },
          { orderItemId: order.items[1]?.orderItemId, giftMessage: null },
        ],
      });
      const row = await rowOf(seller, order);
      expect(row.is_prime).toBe(1);
      expect(row.is_business).toBe(0);
    });

    it('seals PII under the key scope of the purchase month', async () => {
      const seller = await newSeller(t.db(), kit);
      const purchaseDate = Date.UTC(2030, 1, 28, 23, 59);
      await store(seller, [newDomainOrder(seller, { purchaseDate })]);
      const keys = await kit.vault.listKeys(seller.organizationId);
      expect(keys.filter((k) => k.purpose === 'pii-field').map((k) => k.scope)).toEqual([
        'period:2030-02',
      ]);
      expect(periodScope(Date.UTC(2031, 11, 31, 23, 59, 59, 999))).toBe('period:2031-12');
    });

    it('is idempotent: a re-delivered page (even re-encrypted) changes nothing', async () => {
      const seller = await newSeller(t.db(), kit);
      const orders = [newDomainOrder(seller), newDomainOrder(seller)];
      await store(seller, orders);
      const before = await t
        .db()
        .selectFrom('orders')
        .selectAll()
        .where('organization_id', '=', seller.organizationId)
        .orderBy('id')
        .execute();
      const items = await t.db().selectFrom('order_items').selectAll().orderBy('id').execute();
      expect(await store(seller, orders)).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 2,
        stale: 0,
      });
      expect(
        await t
          .db()
          .selectFrom('orders')
          .selectAll()
          .where('organization_id', '=', seller.organizationId)
          .orderBy('id')
          .execute(),
      ).toEqual(before);
      expect(await t.db().selectFrom('order_items').selectAll().orderBy('id').execute()).toEqual(
        items,
      );
    });

    it('applies a newer update, ignores an older one, keeps PII a response omitted', async () => {
      const seller = await newSeller(t.db(), kit);
      const first = newDomainOrder(seller, { orderStatus: 'Unshipped', shippedAt: null });
      await store(seller, [first]);
      const newer = {
        ...first,
        orderStatus: 'Shipped',
        shippedAt: T0 + 86_400_000,
        lastUpdateDate: first.lastUpdateDate + 60_000,
        // a 2026 response without BUYER / RECIPIENT, items without their gift text
        pii: { phone: null },
        items: first.items.map(({ giftMessage: _omitted, ...item }) => item),
      };
      expect((await store(seller, [newer])).updated).toBe(1);
      const older = {
        ...first,
        orderStatus: 'Canceled',
        lastUpdateDate: first.lastUpdateDate - 60_000,
      };
      expect((await store(seller, [older])).stale).toBe(1);

      const detail = await getOrder(t.db(), seller.organizationId, first.amazonOrderId);
      expect(detail?.orderStatus).toBe('Shipped');
      expect(detail?.piiPurgeAfter).toBe(T0 + 86_400_000 + PII_RETENTION_MS);
      const revealed = await revealFields(
        kit.vault,
        t.db(),
        seller.organizationId,
        first.amazonOrderId,
        ['buyerName', 'phone', 'giftMessage'],
      );
      expect(revealed).toEqual({
        buyerName: CANARY_PII.buyerName,
        phone: null,
        giftMessage: CANARY_PII.giftMessage,
        itemGiftMessages: [
          { orderItemId: first.items[0]?.orderItemId, giftMessage: CANARY_ITEM_GIFT },
          { orderItemId: first.items[1]?.orderItemId, giftMessage: null },
        ],
      });
    });

    it('fills PII into an order first stored without any when the same version brings it', async () => {
      const seller = await newSeller(t.db(), kit);
      const bare = newDomainOrder(seller, {
        pii: {},
        items: newDomainOrder(seller).items.map(({ giftMessage: _g, ...item }) => item),
      });
      await store(seller, [bare]);
      expect((await rowOf(seller, bare)).pii_state).toBe('none');
      const withPii = { ...newDomainOrder(seller), amazonOrderId: bare.amazonOrderId };
      expect((await store(seller, [withPii])).updated).toBe(1);
      expect((await rowOf(seller, bare)).pii_state).toBe('present');
    });

    it('purges every PII column and key id, keeps the plain facts, and never stores PII again', async () => {
      const seller = await newSeller(t.db(), kit);
      const order = newDomainOrder(seller);
      const kept = newDomainOrder(seller, { shippedAt: NOW + 86_400_000 });
      await store(seller, [order, kept]);
      const due = await findPiiDue(t.db(), (order.shippedAt ?? 0) + PII_RETENTION_MS, 100);
      const id = orderRowId(seller.organizationId, order.amazonOrderId);
      expect(due.map((d) => d.id)).toContain(id);
      expect(due.map((d) => d.id)).not.toContain(
        orderRowId(seller.organizationId, kept.amazonOrderId),
      );
      const before = await getOrder(t.db(), seller.organizationId, order.amazonOrderId);

      const purged = await t
        .db()
        .transaction()
        .execute((trx) => purgePii(trx, [id, id], NOW));
      expect(purged).toBe(1);
      expect(
        await t
          .db()
          .transaction()
          .execute((trx) => purgePii(trx, [id], NOW)),
      ).toBe(0);

      const row = await rowOf(seller, order);
      for (const stem of ORDER_PII_STEMS) {
        expect(row[ciphertextColumn(stem)]).toBeNull();
        expect(row[keyIdColumn(stem)]).toBeNull();
      }
      expect([row.postal_code_bidx, row.buyer_name_bidx]).toEqual([null, null]);
      expect([row.pii_state, row.pii_purged_at]).toEqual(['purged', NOW]);
      const items = await t
        .db()
        .selectFrom('order_items')
        .select(['gift_message_ciphertext', 'gift_message_key_id'])
        .where('order_id', '=', id)
        .execute();
      expect(items.flatMap((i) => [i.gift_message_ciphertext, i.gift_message_key_id])).toEqual([
        null,
        null,
        null,
        null,
      ]);
      expect(await getOrder(t.db(), seller.organizationId, order.amazonOrderId)).toEqual({
        ...before,
        piiState: 'purged',
      });
      expect(
        await revealFields(kit.vault, t.db(), seller.organizationId, order.amazonOrderId, [
          'buyerName',
        ]),
      ).toEqual({ buyerName: null });

      // a later update with PII updates the facts and stores no PII
      await store(seller, [
        { ...order, orderStatus: 'Shipped', lastUpdateDate: order.lastUpdateDate + 1 },
      ]);
      const after = await rowOf(seller, order);
      expect([after.pii_state, after.buyer_name_ciphertext, after.postal_code_bidx]).toEqual([
        'purged',
        null,
        null,
      ]);
      expect((await rowOf(seller, kept)).pii_state).toBe('present');
    });

    it('advances the checkpoint only with its page', async () => {
      const seller = await newSeller(t.db(), kit);
      const checkpoint = (at: number, nextToken: string | null): SyncCheckpoint => ({
        connectionId: seller.connectionId,
        marketplaceId: MARKETPLACE,
        lastUpdatedAfter: at,
        nextToken,
      });
      await store(seller, [newDomainOrder(seller)], checkpoint(T0, 'page-2'));
      expect(await getCheckpoint(t.db(), seller.connectionId, MARKETPLACE)).toEqual({
        ...checkpoint(T0, 'page-2'),
        windowBound: null,
        updatedAt: NOW,
      });

      const good = newDomainOrder(seller);
      // the second order names a connection that does not exist: the page fails as a whole
      const broken = newDomainOrder(seller, { connectionId: 'no-such-connection' });
      await expect(store(seller, [good, broken], checkpoint(T0 + 1, null))).rejects.toThrow();
      expect(await getCheckpoint(t.db(), seller.connectionId, MARKETPLACE)).toEqual({
        ...checkpoint(T0, 'page-2'),
        windowBound: null,
        updatedAt: NOW,
      });
      expect(await getOrder(t.db(), seller.organizationId, good.amazonOrderId)).toBeNull();

      await store(seller, [good], checkpoint(T0 + 1, null));
      expect(await getCheckpoint(t.db(), seller.connectionId, MARKETPLACE)).toMatchObject({
        lastUpdatedAfter: T0 + 1,
        nextToken: null,
      });
    });

    it('stores the facts but no PII of an order whose period keys retention destroyed', async () => {
      const seller = await newSeller(t.db(), kit);
      const order = newDomainOrder(seller);
      await store(seller, [order]);
      await kit.vault.destroyKeys(
        seller.organizationId,
        { scope: periodScope(order.purchaseDate) },
        { actor: { kind: 'system', id: 'retention' }, reasonCode: 'RETENTION_PERIOD_EXPIRED' },
      );
      const late = newDomainOrder(seller);
      const prepared = await prepareOrderWrite(kit.vault, seller.organizationId, late);
      expect(prepared.piiDropped).toBe(true);
      expect(JSON.stringify(prepared)).not.toContain('Quillfeather');
      await store(seller, [late]);
      expect((await rowOf(seller, late)).pii_state).toBe('none');
      expect(
        (await getOrder(t.db(), seller.organizationId, late.amazonOrderId))?.items,
      ).toHaveLength(2);
    });

    it('maps the catalogue: every PII field of Order has a column', () => {
      expect([...ORDER_PII_FIELD_NAMES].sort()).toEqual([...ORDER_PII_FIELDS].sort());
    });
  });
});
