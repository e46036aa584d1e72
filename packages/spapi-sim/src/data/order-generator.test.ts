import { describe, expect, it } from 'vitest';
import { marketplaceInfo } from '../core/regions.js';
import { AMAZON_ORDER_ID_PATTERN, ASIN_PATTERN, ORDER_ITEM_ID_PATTERN } from './amazon-ids.js';
import { toMinor } from './money.js';
import { ORDER_STATUSES } from './order.types.js';
import { generateSellerOrders, type GenerateSellerOrdersOptions } from './order-generator.js';
import { NOW, SELLER, sampleRecords, viewsAt } from './order-fixtures.testkit.js';
import { DAY_MS } from './time.js';

const base: GenerateSellerOrdersOptions = {
  sellingPartnerId: SELLER,
  marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
  seed: 7,
  count: 300,
  now: NOW,
  historyDays: 30,
  futureDays: 2,
};

describe('generateSellerOrders', () => {
  it('is deterministic: same inputs, identical output', () => {
    const a = generateSellerOrders(base);
    const b = generateSellerOrders({ ...base, marketplaceIds: [...base.marketplaceIds] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('changes with the seed and with the seller', () => {
    const ids = (options: GenerateSellerOrdersOptions) =>
      generateSellerOrders(options).map((r) => r.amazonOrderId);
    expect(ids({ ...base, seed: 8 })).not.toEqual(ids(base));
    expect(ids({ ...base, sellingPartnerId: 'A2OTHERSELLER' })).not.toEqual(ids(base));
  });

  it('gives each order its own stream: a larger count keeps the smaller set', () => {
    const small = generateSellerOrders({ ...base, count: 50 });
    const large = new Map(
      generateSellerOrders({ ...base, count: 120 }).map((r) => [r.amazonOrderId, r]),
    );
    for (const record of small) expect(large.get(record.amazonOrderId)).toEqual(record);
  });

  it('rejects unknown marketplaces and bad counts', () => {
    expect(() => generateSellerOrders({ ...base, marketplaceIds: ['NOPE'] })).toThrow(RangeError);
    expect(() => generateSellerOrders({ ...base, marketplaceIds: [] })).toThrow(RangeError);
    expect(() => generateSellerOrders({ ...base, count: -1 })).toThrow(RangeError);
    expect(generateSellerOrders({ ...base, count: 0 })).toEqual([]);
  });

  describe('a 2000-order seller', () => {
    const records = sampleRecords();
    const views = viewsAt(records, NOW);

    it('uses Amazon id formats, unique per seller', () => {
      const ids = records.map((r) => r.amazonOrderId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const record of records) {
        expect(record.amazonOrderId).toMatch(AMAZON_ORDER_ID_PATTERN);
        expect(record.sellingPartnerId).toBe(SELLER);
        for (const item of record.items) {
          expect(item.orderItemId).toMatch(ORDER_ITEM_ID_PATTERN);
          expect(item.asin).toMatch(ASIN_PATTERN);
          expect(item.sellerSku.length).toBeGreaterThan(5);
        }
      }
    });

    it('spreads purchase dates over the window, sorted, with some still in the future', () => {
      const dates = records.map((r) => r.purchaseDate);
      expect(dates).toEqual([...dates].sort((a, b) => a - b));
      expect(Math.min(...dates)).toBeGreaterThanOrEqual(NOW - 45 * DAY_MS);
      expect(Math.max(...dates)).toBeLessThanOrEqual(NOW + 3 * DAY_MS);
      expect(records.filter((r) => r.purchaseDate > NOW).length).toBeGreaterThan(50);
      expect(dates.every((d) => d % 1000 === 0)).toBe(true);
    });

    it('has every status at "now", most orders shipped', () => {
      const counts = new Map<string, number>();
      for (const view of views) counts.set(view.status, (counts.get(view.status) ?? 0) + 1);
      for (const status of ORDER_STATUSES)
        expect(counts.get(status) ?? 0, status).toBeGreaterThan(0);
      expect((counts.get('Shipped') ?? 0) / views.length).toBeGreaterThan(0.8);
      expect((counts.get('Canceled') ?? 0) / views.length).toBeLessThan(0.08);
    });

    it('mixes channels, Prime, business orders with company and PO, gifts with messages', () => {
      const share = (predicate: (r: (typeof records)[number]) => boolean) =>
        records.filter(predicate).length / records.length;
      expect(share((r) => r.fulfillmentChannel === 'AFN')).toBeGreaterThan(0.2);
      expect(share((r) => r.fulfillmentChannel === 'MFN')).toBeGreaterThan(0.6);
      expect(share((r) => r.isPrime)).toBeGreaterThan(0.1);
      const business = records.filter((r) => r.isBusinessOrder);
      expect(business.length).toBeGreaterThan(60);
      expect(business.every((r) => r.buyer.companyName !== undefined)).toBe(true);
      expect(business.some((r) => r.buyer.purchaseOrderNumber !== undefined)).toBe(true);
      expect(business.some((r) => r.shippingAddress.addressType === 'Commercial')).toBe(true);
      expect(records.filter((r) => r.items.some((i) => i.giftMessageText)).length).toBeGreaterThan(
        50,
      );
      expect(records.some((r) => r.items.some((i) => i.giftWrapLevel === 'Classic'))).toBe(true);
    });

    it('has 1-4 items, mostly one, with quantities and prices in the marketplace currency', () => {
      const lineCounts = new Set(records.map((r) => r.items.length));
      expect([...lineCounts].sort()).toEqual([1, 2, 3, 4]);
      for (const record of records) {
        const info = marketplaceInfo(record.marketplaceId);
        for (const item of record.items) {
          expect(item.quantityOrdered).toBeGreaterThanOrEqual(1);
          expect(item.itemPrice.currencyCode).toBe(info?.currencyCode);
          expect(toMinor(item.itemPrice)).toBeGreaterThan(0);
        }
        expect(record.shippingAddress.countryCode).toBe(info?.countryCode);
        expect(record.buyer.email.split('@')[1]).toBe(
          `marketplace.${info?.salesChannel.toLowerCase() ?? ''}`,
        );
      }
    });

    it('has consistent windows and timelines', () => {
      for (const record of records) {
        expect(record.earliestShipDate).toBeLessThanOrEqual(record.latestShipDate);
        expect(record.latestShipDate).toBeLessThan(record.earliestDeliveryDate);
        expect(record.earliestDeliveryDate).toBeLessThan(record.latestDeliveryDate);
        const [first, ...rest] = record.timeline;
        expect(first?.status).toBe('Pending');
        expect(first?.at).toBe(record.purchaseDate);
        let previous = first?.at ?? 0;
        for (const event of rest) {
          expect(event.at).toBeGreaterThanOrEqual(previous);
          previous = event.at;
          for (const item of record.items) {
            expect(event.shipped[item.orderItemId] ?? 0).toBeLessThanOrEqual(item.quantityOrdered);
          }
        }
        expect(record.cancellation !== undefined).toBe(
          record.timeline.at(-1)?.status === 'Canceled',
        );
      }
    });

    it('keeps some orders moving in the next days (the clock visibly changes them)', () => {
      const later = new Map(
        viewsAt(records, NOW + 3 * DAY_MS).map((v) => [v.amazonOrderId, v.status]),
      );
      const moved = views.filter((v) => later.get(v.amazonOrderId) !== v.status);
      expect(moved.length).toBeGreaterThan(30);
    });
  });
});
