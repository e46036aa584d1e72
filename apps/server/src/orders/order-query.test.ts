import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { fieldsOf, ORDER_PII_FIELDS } from '../access/fields.js';
import { ready } from '../crypto/index.js';
import type { VaultKit } from '../pii-vault/testing/vault-fixtures.js';
import { orderRowId } from './order-columns.js';
import { revealFields, searchByBuyerName, searchByPostalCode } from './order-pii.service.js';
import { listOrders } from './order.repository.js';
import type { DomainOrder } from './order.types.js';
import {
  CANARY_PII,
  MARKETPLACE,
  createOrderVaultKit,
  newDomainOrder,
  newSeller,
  storeOrders,
  type Seller,
} from './testing/order-fixtures.js';

beforeAll(ready);

describe('order queries', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(() => {
      kit = createOrderVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    async function store(seller: Seller, orders: readonly DomainOrder[]): Promise<void> {
      await storeOrders(t.db(), kit.vault, seller.organizationId, orders, { now: T0 });
    }

    const rowOf = (seller: Seller, order: DomainOrder) =>
      t
        .db()
        .selectFrom('orders')
        .selectAll()
        .where('id', '=', orderRowId(seller.organizationId, order.amazonOrderId))
        .executeTakeFirstOrThrow();

    it('lists plain fields only, with filters and keyset pagination', async () => {
      const seller = await newSeller(t.db(), kit);
      const orders = Array.from({ length: 7 }, (_, i) =>
        newDomainOrder(seller, {
          purchaseDate: T0 + i * 3_600_000,
          orderStatus: i % 2 === 0 ? 'Shipped' : 'Unshipped',
          marketplaceId: i === 6 ? 'A2EUQ1WTGCTBG2' : MARKETPLACE,
        }),
      );
      await store(seller, orders);
      const plain = new Set<string>(fieldsOf('Order', 'plain'));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listOrders(t.db(), seller.organizationId, {
          limit: 3,
          ...(cursor === undefined ? {} : { cursor }),
        });
        for (const summary of page.orders) {
          expect(Object.keys(summary).filter((k) => !plain.has(k))).toEqual([]);
          for (const field of ORDER_PII_FIELDS) expect(summary).not.toHaveProperty(field);
          seen.push(summary.amazonOrderId);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(seen).toEqual(orders.map((o) => o.amazonOrderId).reverse());

      const shipped = await listOrders(t.db(), seller.organizationId, { status: ['Shipped'] });
      expect(shipped.orders).toHaveLength(4);
      const canada = await listOrders(t.db(), seller.organizationId, {
        marketplaceId: 'A2EUQ1WTGCTBG2',
      });
      expect(canada.orders.map((o) => o.amazonOrderId)).toEqual([orders[6]?.amazonOrderId]);
      const range = await listOrders(t.db(), seller.organizationId, {
        purchasedFrom: T0 + 3_600_000,
        purchasedBefore: T0 + 3 * 3_600_000,
      });
      expect(range.orders.map((o) => o.amazonOrderId)).toEqual(
        [orders[2], orders[1]].map((o) => o?.amazonOrderId),
      );
      const byId = await listOrders(t.db(), seller.organizationId, {
        amazonOrderId: orders[3]?.amazonOrderId ?? '',
      });
      expect(byId.orders).toHaveLength(1);
      await expect(
        listOrders(t.db(), seller.organizationId, { cursor: 'not-a-cursor' }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('finds an order by exact postal code and buyer name, never another organization’s', async () => {
      const seller = await newSeller(t.db(), kit);
      const other = await newSeller(t.db(), kit);
      const ours = newDomainOrder(seller);
      const theirs = newDomainOrder(other);
      await store(seller, [
        ours,
        newDomainOrder(seller, { pii: { ...CANARY_PII, postalCode: '98101' } }),
      ]);
      await store(other, [theirs]);

      const found = await searchByPostalCode(kit.vault, t.db(), seller.organizationId, ' qx9-7zk ');
      expect(found.orders.map((o) => o.amazonOrderId)).toEqual([ours.amazonOrderId]);
      for (const field of ORDER_PII_FIELDS) expect(found.orders[0]).not.toHaveProperty(field);
      const theirsFound = await searchByPostalCode(
        kit.vault,
        t.db(),
        other.organizationId,
        'QX97ZK',
      );
      expect(theirsFound.orders.map((o) => o.amazonOrderId)).toEqual([theirs.amazonOrderId]);
      const byName = await searchByBuyerName(
        kit.vault,
        t.db(),
        seller.organizationId,
        'CANARY  zebediah quillfeather',
      );
      expect(byName.orders.map((o) => o.amazonOrderId).sort()).toHaveLength(2);
      expect(
        (await searchByPostalCode(kit.vault, t.db(), seller.organizationId, ' - ')).orders,
      ).toEqual([]);
      // the stored index differs per organization for the same code
      expect((await rowOf(seller, ours)).postal_code_bidx).not.toBe(
        (await rowOf(other, theirs)).postal_code_bidx,
      );
    });

    it('reveals only the fields asked for, and nothing of another organization', async () => {
      const seller = await newSeller(t.db(), kit);
      const other = await newSeller(t.db(), kit);
      const order = newDomainOrder(seller);
      await store(seller, [order]);
      expect(
        await revealFields(kit.vault, t.db(), seller.organizationId, order.amazonOrderId, [
          'phone',
          'shippingAddress',
        ]),
      ).toEqual({ phone: CANARY_PII.phone, shippingAddress: CANARY_PII.shippingAddress });
      expect(
        await revealFields(kit.vault, t.db(), other.organizationId, order.amazonOrderId, ['phone']),
      ).toBeNull();
      expect(
        await revealFields(kit.vault, t.db(), seller.organizationId, order.amazonOrderId, []),
      ).toEqual({});
    });
  });
});
