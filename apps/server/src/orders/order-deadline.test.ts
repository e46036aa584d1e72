import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { ready } from '../crypto/index.js';
import type { VaultKit } from '../pii-vault/testing/vault-fixtures.js';
import { PII_RETENTION_MS, UNSHIPPED_GRACE_MS, orderRowId, piiDeadline } from './order-columns.js';
import type { DomainOrder } from './order.types.js';
import {
  createOrderVaultKit,
  newDomainOrder,
  newSeller,
  storeOrders,
  type Seller,
} from './testing/order-fixtures.js';

beforeAll(ready);

const DAY = 86_400_000;
const WINDOW = PII_RETENTION_MS;
const FALLBACK = PII_RETENTION_MS + UNSHIPPED_GRACE_MS;

describe('PII deadline rules', () => {
  const facts = {
    orderStatus: 'Unshipped',
    purchaseDate: T0,
    lastUpdateDate: T0 + DAY,
    latestShipDate: T0 + 3 * DAY,
  };

  it('shipped: first shipment + 30 days', () => {
    expect(piiDeadline({ ...facts, orderStatus: 'Shipped' }, T0 + 2 * DAY)).toBe(
      T0 + 2 * DAY + WINDOW,
    );
  });

  it('canceled: the update that canceled it + 30 days', () => {
    expect(piiDeadline({ ...facts, orderStatus: 'Canceled' }, null)).toBe(T0 + DAY + WINDOW);
  });

  it('never shipped, not canceled: latest ship date (else purchase) + 30 days + 30 days grace', () => {
    expect(piiDeadline(facts, null)).toBe(T0 + 3 * DAY + FALLBACK);
    expect(piiDeadline({ ...facts, orderStatus: 'Pending', latestShipDate: null }, null)).toBe(
      T0 + FALLBACK,
    );
    // a latest ship date before the purchase (bad data) does not shorten it below the purchase
    expect(piiDeadline({ ...facts, latestShipDate: T0 - 10 * DAY }, null)).toBe(T0 + FALLBACK);
  });

  it('takes the earliest rule that applies', () => {
    // shipped long after the latest ship date: the fallback bound is earlier
    expect(piiDeadline({ ...facts, orderStatus: 'Shipped' }, T0 + 90 * DAY)).toBe(
      T0 + 3 * DAY + FALLBACK,
    );
  });
});

describe('order store: PII deadlines', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(() => {
      kit = createOrderVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    const store = (seller: Seller, orders: readonly DomainOrder[], now = T0 + DAY) =>
      storeOrders(t.db(), kit.vault, seller.organizationId, orders, { now });

    const rowOf = (seller: Seller, order: DomainOrder) =>
      t
        .db()
        .selectFrom('orders')
        .select(['shipped_at', 'pii_purge_after', 'pii_state', 'order_status'])
        .where('id', '=', orderRowId(seller.organizationId, order.amazonOrderId))
        .executeTakeFirstOrThrow();

    it('gives never-shipped and canceled orders a deadline', async () => {
      const seller = await newSeller(t.db(), kit);
      const unshipped = newDomainOrder(seller, { orderStatus: 'Unshipped', shippedAt: null });
      const pending = newDomainOrder(seller, {
        orderStatus: 'Pending',
        shippedAt: null,
        latestShipDate: null,
      });
      const canceled = newDomainOrder(seller, { orderStatus: 'Canceled', shippedAt: null });
      await store(seller, [unshipped, pending, canceled]);
      expect(await rowOf(seller, unshipped)).toMatchObject({
        pii_purge_after: (unshipped.latestShipDate ?? 0) + FALLBACK,
        pii_state: 'present',
      });
      expect((await rowOf(seller, pending)).pii_purge_after).toBe(T0 + FALLBACK);
      expect((await rowOf(seller, canceled)).pii_purge_after).toBe(
        canceled.lastUpdateDate + WINDOW,
      );
    });

    it('never clears or postpones a deadline, and keeps the first shipment', async () => {
      const seller = await newSeller(t.db(), kit);
      const order = newDomainOrder(seller);
      await store(seller, [order]);
      const first = (order.shippedAt ?? 0) + WINDOW;
      expect(await rowOf(seller, order)).toMatchObject({
        shipped_at: order.shippedAt,
        pii_purge_after: first,
      });

      // a later page without a shipment (Amazon's view changed): deadline and shipment stay
      await store(seller, [
        { ...order, orderStatus: 'Unshipped', shippedAt: null, lastUpdateDate: T0 + 2 * DAY },
      ]);
      expect(await rowOf(seller, order)).toMatchObject({
        shipped_at: order.shippedAt,
        pii_purge_after: first,
        order_status: 'Unshipped',
      });
      // a later shipment time does not move the first one, nor the deadline
      await store(seller, [{ ...order, shippedAt: T0 + 5 * DAY, lastUpdateDate: T0 + 5 * DAY }]);
      expect(await rowOf(seller, order)).toMatchObject({
        shipped_at: order.shippedAt,
        pii_purge_after: first,
      });
    });

    it('moves an order that was waiting to its shipment deadline, and a canceled one earlier', async () => {
      const seller = await newSeller(t.db(), kit);
      const order = newDomainOrder(seller, { orderStatus: 'Unshipped', shippedAt: null });
      await store(seller, [order]);
      expect((await rowOf(seller, order)).pii_purge_after).toBe(
        (order.latestShipDate ?? 0) + FALLBACK,
      );
      await store(seller, [
        { ...order, orderStatus: 'Shipped', shippedAt: T0 + DAY, lastUpdateDate: T0 + DAY },
      ]);
      expect(await rowOf(seller, order)).toMatchObject({
        shipped_at: T0 + DAY,
        pii_purge_after: T0 + DAY + WINDOW,
      });

      const canceled = newDomainOrder(seller, { orderStatus: 'Unshipped', shippedAt: null });
      await store(seller, [canceled]);
      const at = T0 + 2 * DAY;
      await store(seller, [
        { ...canceled, orderStatus: 'Canceled', shippedAt: null, lastUpdateDate: at },
      ]);
      await store(seller, [
        { ...canceled, orderStatus: 'Canceled', shippedAt: null, lastUpdateDate: at + DAY },
      ]);
      expect((await rowOf(seller, canceled)).pii_purge_after).toBe(at + WINDOW);
    });

    it('stores no PII for an order whose deadline has already passed', async () => {
      const seller = await newSeller(t.db(), kit);
      const old = newDomainOrder(seller);
      const late = (old.shippedAt ?? 0) + WINDOW;
      await store(seller, [old], late);
      expect((await rowOf(seller, old)).pii_state).toBe('none');
      const gifts = await t
        .db()
        .selectFrom('order_items')
        .select('gift_message_ciphertext')
        .where('order_id', '=', orderRowId(seller.organizationId, old.amazonOrderId))
        .execute();
      expect(gifts.map((g) => g.gift_message_ciphertext)).toEqual([null, null]);

      // stored in time, then a newer version arrives after the deadline: PII is not refreshed
      const order = newDomainOrder(seller);
      await store(seller, [order]);
      const stored = await t
        .db()
        .selectFrom('orders')
        .select('buyer_name_ciphertext')
        .where('id', '=', orderRowId(seller.organizationId, order.amazonOrderId))
        .executeTakeFirstOrThrow();
      await store(seller, [{ ...order, lastUpdateDate: late }], late);
      const after = await t
        .db()
        .selectFrom('orders')
        .select('buyer_name_ciphertext')
        .where('id', '=', orderRowId(seller.organizationId, order.amazonOrderId))
        .executeTakeFirstOrThrow();
      expect(after.buyer_name_ciphertext).toEqual(stored.buyer_name_ciphertext);
    });
  });
});
