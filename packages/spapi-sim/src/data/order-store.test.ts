import { describe, expect, it } from 'vitest';
import { generateSellerOrders } from './order-generator.js';
import { NOW, SELLER, sampleRecords } from './order-fixtures.testkit.js';
import { OrderStore } from './order-store.js';
import { DAY_MS, HOUR_MS } from './time.js';

function seededStore(): OrderStore {
  const store = new OrderStore({ seed: 1, now: () => NOW });
  store.seed(SELLER, sampleRecords());
  return store;
}

describe('OrderStore', () => {
  it('lists and counts only the orders placed at or before t, oldest first', () => {
    const store = seededStore();
    const visible = sampleRecords().filter((r) => r.purchaseDate <= NOW);
    const list = store.list(SELLER, NOW);
    expect(list.map((v) => v.amazonOrderId)).toEqual(visible.map((r) => r.amazonOrderId));
    expect(store.count(SELLER, NOW)).toBe(visible.length);
    expect(store.count(SELLER)).toBe(sampleRecords().length);
    expect(store.count(SELLER, NOW + 3 * DAY_MS)).toBe(sampleRecords().length);
  });

  it('lets future orders appear as the clock advances', () => {
    const store = seededStore();
    expect(store.count(SELLER, NOW + DAY_MS)).toBeGreaterThan(store.count(SELLER, NOW));
  });

  it('gets one order as of t, or undefined', () => {
    const store = seededStore();
    const record = sampleRecords().find((r) => r.purchaseDate < NOW);
    if (!record) throw new Error('no record');
    expect(store.get(SELLER, record.amazonOrderId, NOW)?.amazonOrderId).toBe(record.amazonOrderId);
    expect(store.get(SELLER, record.amazonOrderId, record.purchaseDate - 1)).toBeUndefined();
    expect(store.get(SELLER, '999-0000000-0000000', NOW)).toBeUndefined();
    expect(store.get('A9UNKNOWN', record.amazonOrderId, NOW)).toBeUndefined();
    expect(store.list('A9UNKNOWN', NOW)).toEqual([]);
  });

  it('refuses records of another seller or duplicate ids', () => {
    const store = new OrderStore();
    const [first] = sampleRecords();
    if (!first) throw new Error('no record');
    expect(() => {
      store.seed('A9OTHER', [first]);
    }).toThrow(RangeError);
    expect(() => {
      store.seed(SELLER, [first, first]);
    }).toThrow(RangeError);
  });

  it('adds an order with chosen fields, completing the rest from the seller catalog', () => {
    const store = seededStore();
    const record = store.add(SELLER, {
      marketplaceId: 'A1F83G8C2ARO7P',
      purchaseDate: NOW - HOUR_MS,
      status: 'Unshipped',
      isBusinessOrder: true,
      buyer: { name: 'Test Buyer', companyName: 'Acme Test Ltd' },
      items: [{ quantityOrdered: 2, giftMessageText: 'Happy testing' }],
    });
    expect(record.canary).toBe(false);
    expect(record.marketplaceId).toBe('A1F83G8C2ARO7P');
    expect(record.buyer).toMatchObject({ name: 'Test Buyer', companyName: 'Acme Test Ltd' });
    expect(record.items).toHaveLength(1);
    expect(record.items[0]).toMatchObject({ quantityOrdered: 2, giftMessageText: 'Happy testing' });
    expect(record.items[0]?.itemPrice.currencyCode).toBe('GBP');
    expect(record.isGift).toBe(true);
    const knownAsins = new Set(sampleRecords().flatMap((r) => r.items.map((i) => i.asin)));
    expect(knownAsins.has(record.items[0]?.asin ?? '')).toBe(true);
    const view = store.get(SELLER, record.amazonOrderId, NOW);
    expect(view?.status).toBe('Unshipped');
    expect(store.list(SELLER, NOW).some((v) => v.amazonOrderId === record.amazonOrderId)).toBe(
      true,
    );
    expect(store.count(SELLER)).toBe(sampleRecords().length + 1);
  });

  it('keeps the list sorted after adds', () => {
    const store = seededStore();
    store.add(SELLER, { purchaseDate: NOW - 20 * DAY_MS });
    store.add(SELLER, { purchaseDate: NOW - 2 * DAY_MS });
    const dates = store.list(SELLER, NOW).map((v) => v.purchaseDate);
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
  });

  it('plants canaries with caller-chosen PII, served like any order', () => {
    const store = seededStore();
    const canary = store.addCanary(SELLER, {
      buyer: { name: 'Canary Cyan-7Q', email: 'canary7q@marketplace.amazon.com' },
      shippingAddress: {
        name: 'Canary Cyan-7Q',
        addressLine1: '7 Tripwire Way',
        postalCode: '98101',
        phone: '+1 206-555-0199',
      },
    });
    expect(canary.canary).toBe(true);
    expect(canary.fulfillmentChannel).toBe('MFN');
    expect(canary.shippingAddress).toMatchObject({
      addressLine1: '7 Tripwire Way',
      phone: '+1 206-555-0199',
    });
    expect(store.get(SELLER, canary.amazonOrderId, NOW)?.status).toBe('Unshipped');
    expect(store.canaries(SELLER).map((r) => r.amazonOrderId)).toEqual([canary.amazonOrderId]);
  });

  it('adds with an explicit id once, and progresses naturally without a status', () => {
    const store = seededStore();
    const record = store.add(SELLER, { amazonOrderId: '111-1234567-7654321', purchaseDate: NOW });
    expect(record.timeline[0]).toMatchObject({ at: NOW, status: 'Pending' });
    expect(() => store.add(SELLER, { amazonOrderId: '111-1234567-7654321' })).toThrow(RangeError);
    const later = store.get(SELLER, record.amazonOrderId, NOW + 30 * DAY_MS);
    expect(later?.status).not.toBe('Pending');
  });

  it('adds deterministically for the same store seed and history', () => {
    const a = seededStore().add(SELLER, { purchaseDate: NOW });
    const b = seededStore().add(SELLER, { purchaseDate: NOW });
    expect(a).toEqual(b);
  });

  it('adds to a seller with no history using a generated catalog', () => {
    const store = new OrderStore({ seed: 3, now: () => NOW });
    const record = store.addCanary('A9FRESHSELLER', { marketplaceId: 'A1PA6795UKMFR9' });
    expect(record.sellingPartnerId).toBe('A9FRESHSELLER');
    expect(record.items.length).toBeGreaterThan(0);
    expect(store.count('A9FRESHSELLER', NOW)).toBe(1);
  });

  // Speed is measured by `npm run bench` (order-store list), never asserted here.
  it('lists 20k orders, each exactly once, in purchase order', () => {
    const store = new OrderStore();
    const records = generateSellerOrders({
      sellingPartnerId: SELLER,
      marketplaceIds: ['ATVPDKIKX0DER'],
      seed: 'bench',
      count: 20_000,
      now: NOW,
      historyDays: 60,
    });
    store.seed(SELLER, records);
    const list = store.list(SELLER, NOW + 1);
    expect(list).toHaveLength(20_000);
    expect(new Set(list.map((o) => o.amazonOrderId)).size).toBe(20_000);
    expect(list.every((o, i) => i === 0 || list[i - 1]!.purchaseDate <= o.purchaseDate)).toBe(true);
  });
});
