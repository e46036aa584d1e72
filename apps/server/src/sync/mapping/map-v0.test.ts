import { describe, expect, it } from 'vitest';
import { mapOrderV0, v0ShippedAt } from './map-v0.js';
import { parseGetOrderItems, parseGetOrders } from './parse-response.js';
import type { ParsedOrderItemV0, ParsedOrderV0 } from './orders-v0.schema.js';
import { CANARY, v0Item, v0Order, v0OrderUnlocked } from './testing/response-fixtures.js';

const OPTIONS = {
  connectionId: 'conn-1',
  shippedAt: null,
  marketplaceId: 'ATVPDKIKX0DER',
} as const;

function order(body: Record<string, unknown>): ParsedOrderV0 {
  const [parsed] = parseGetOrders({ payload: { Orders: [body] } }).orders;
  if (parsed === undefined) throw new Error('no order');
  return parsed;
}

function items(...bodies: Record<string, unknown>[]): readonly ParsedOrderItemV0[] {
  return parseGetOrderItems({ payload: { AmazonOrderId: 'x', OrderItems: bodies } }).items;
}

const GIFTED = items(v0Item({ BuyerInfo: { GiftMessageText: CANARY.giftMessage } }));

describe('mapOrderV0: facts', () => {
  it('maps the order facts and items', () => {
    const mapped = mapOrderV0(order(v0Order()), items(v0Item()), {
      ...OPTIONS,
      piiUnlocked: false,
      shippedAt: 123,
    });
    expect(mapped).toEqual({
      connectionId: 'conn-1',
      amazonOrderId: '111-1234567-7654321',
      marketplaceId: 'ATVPDKIKX0DER',
      orderStatus: 'Unshipped',
      purchaseDate: Date.UTC(2026, 10, 20, 10),
      lastUpdateDate: Date.UTC(2026, 10, 21, 12, 30),
      fulfillmentChannel: 'MFN',
      shipServiceLevel: 'Std US D2D Dom',
      latestShipDate: Date.UTC(2026, 10, 23, 7, 59, 59),
      shippedAt: 123,
      orderTotal: { amount: '42.17', currencyCode: 'USD' },
      shippingCountryCode: 'US',
      isPrime: true,
      isBusiness: false,
      items: [
        {
          orderItemId: '12345678901234',
          asin: 'B0CANARY01',
          sellerSku: 'SKU-CANARY-1',
          title: 'Canary mug',
          quantity: 2,
          itemPrice: { amount: '30.00', currencyCode: 'USD' },
        },
      ],
      pii: { postalCode: CANARY.postalCode },
    });
  });

  it('falls back to the marketplace asked for, and to null/false for what is absent', () => {
    const bare = order({
      AmazonOrderId: '111-0000000-0000001',
      PurchaseDate: '2026-11-20',
      LastUpdateDate: '2026-11-20',
      OrderStatus: 'Pending',
    });
    const mapped = mapOrderV0(bare, items(v0Item({ ItemPrice: { CurrencyCode: 'USD' } })), {
      ...OPTIONS,
      marketplaceId: 'A2EUQ1WTGCTBG2',
      piiUnlocked: true,
    });
    expect(mapped).toMatchObject({
      marketplaceId: 'A2EUQ1WTGCTBG2',
      fulfillmentChannel: null,
      shipServiceLevel: null,
      latestShipDate: null,
      orderTotal: null,
      shippingCountryCode: null,
      isPrime: false,
      isBusiness: false,
      pii: {},
    });
    expect(mapped.items[0]?.itemPrice).toBeNull();
  });

  it('v0ShippedAt: the earlier of a Shipped order’s last update and latest ship date, else null', () => {
    const at = Date.UTC(2026, 10, 21, 12, 30);
    expect(v0ShippedAt(order(v0Order({ OrderStatus: 'Shipped' })))).toBe(at);
    // First seen long after it shipped: the latest ship date bounds the shipment.
    const late = v0Order({ OrderStatus: 'Shipped', LatestShipDate: '2026-10-02T23:59:59Z' });
    expect(v0ShippedAt(order(late))).toBe(Date.UTC(2026, 9, 2, 23, 59, 59));
    for (const status of ['Pending', 'Unshipped', 'PartiallyShipped', 'Canceled']) {
      expect(v0ShippedAt(order(v0Order({ OrderStatus: status })))).toBeNull();
    }
  });
});

describe('mapOrderV0: which PII the response carried', () => {
  it('without an RDT: only the postal code of the partial address; no gift message key', () => {
    const mapped = mapOrderV0(order(v0Order()), GIFTED, { ...OPTIONS, piiUnlocked: false });
    expect(mapped.pii).toEqual({ postalCode: CANARY.postalCode });
    expect(mapped.items[0]).not.toHaveProperty('giftMessage');
  });

  it('without an RDT and without any address: nothing carried', () => {
    const mapped = mapOrderV0(order(v0Order({ ShippingAddress: undefined })), [], {
      ...OPTIONS,
      piiUnlocked: false,
    });
    expect(mapped.pii).toEqual({});
  });

  it.each(['Unshipped', 'PartiallyShipped', 'Shipped'])(
    'with an RDT, %s: every attribute v0 has, with its value',
    (status) => {
      const mapped = mapOrderV0(order(v0OrderUnlocked({ OrderStatus: status })), GIFTED, {
        ...OPTIONS,
        piiUnlocked: true,
      });
      expect(mapped.pii).toEqual({
        buyerName: CANARY.buyerName,
        buyerEmail: CANARY.buyerEmail,
        recipientName: CANARY.recipientName,
        shippingAddress: {
          lines: [CANARY.line1, CANARY.line2],
          city: CANARY.city,
          stateOrRegion: CANARY.state,
          district: CANARY.county,
        },
        phone: CANARY.phone,
        postalCode: CANARY.postalCode,
        buyerTaxInformation: null,
      });
      expect(mapped.items[0]?.giftMessage).toBe(CANARY.giftMessage);
    },
  );

  it('with an RDT, what Amazon left empty is carried as null (clears the stored value)', () => {
    const mapped = mapOrderV0(
      order(
        v0OrderUnlocked({
          FulfillmentChannel: 'AFN',
          ShippingAddress: { Name: CANARY.recipientName, AddressLine1: '', City: CANARY.city },
          BuyerInfo: {
            BuyerName: CANARY.buyerName,
            BuyerTaxInfo: {
              CompanyLegalName: 'Canary Corp',
              TaxClassifications: [{ Name: 'VATNumber', Value: 'X1' }, { Name: 'Half' }],
            },
          },
        }),
      ),
      items(v0Item({ BuyerInfo: {} }), v0Item({ OrderItemId: '2', BuyerInfo: undefined })),
      { ...OPTIONS, piiUnlocked: true },
    );
    expect(mapped.pii).toEqual({
      buyerName: CANARY.buyerName,
      buyerEmail: null,
      recipientName: CANARY.recipientName,
      shippingAddress: { lines: [], city: CANARY.city, stateOrRegion: null, district: null },
      phone: null,
      postalCode: null,
      buyerTaxInformation: {
        companyLegalName: 'Canary Corp',
        taxingRegion: null,
        taxClassifications: [{ name: 'VATNumber', value: 'X1' }],
      },
    });
    expect(mapped.items.map((i) => i.giftMessage)).toEqual([null, null]);
  });

  it('with an RDT but no ShippingAddress on an Unshipped order: the address is carried as null', () => {
    const mapped = mapOrderV0(order(v0OrderUnlocked({ ShippingAddress: undefined })), [], {
      ...OPTIONS,
      piiUnlocked: true,
    });
    expect(mapped.pii).toMatchObject({
      recipientName: null,
      shippingAddress: null,
      phone: null,
      postalCode: null,
    });
  });

  it.each(['Pending', 'Canceled', 'PendingAvailability', 'Unfulfillable', 'InvoiceUnconfirmed'])(
    '%s: Amazon withholds PII, so nothing is carried even with an RDT (stored values stay)',
    (status) => {
      const unlocked = mapOrderV0(order(v0OrderUnlocked({ OrderStatus: status })), GIFTED, {
        ...OPTIONS,
        piiUnlocked: true,
      });
      const locked = mapOrderV0(order(v0Order({ OrderStatus: status })), GIFTED, {
        ...OPTIONS,
        piiUnlocked: false,
      });
      for (const mapped of [unlocked, locked]) {
        expect(mapped.pii).toEqual({});
        expect(mapped.items[0]).not.toHaveProperty('giftMessage');
      }
    },
  );
});
