import { AppError, ErrorCode } from '@spapi/shared';
import { describe, expect, it } from 'vitest';
import type { IncludedData } from '../../spapi/index.js';
import { ORDER_STATUS_OF_2026, mapOrder2026 } from './map-2026.js';
import type { ParsedOrder2026 } from './orders-2026.schema.js';
import { parseSearchOrders } from './parse-response.js';
import { CANARY, order2026 } from './testing/response-fixtures.js';

const ALL: readonly IncludedData[] = ['BUYER', 'RECIPIENT', 'FULFILLMENT', 'PROCEEDS', 'PACKAGES'];

function order(overrides: Record<string, unknown> = {}): ParsedOrder2026 {
  const [parsed] = parseSearchOrders({ orders: [order2026(overrides)] }).orders;
  if (parsed === undefined) throw new Error('no order');
  return parsed;
}

const map = (o: ParsedOrder2026, includedData: readonly IncludedData[] = ALL) =>
  mapOrder2026(o, { connectionId: 'conn-1', includedData });

/** The role-less delivery address (no name, no lines, no phone). */
const PARTIAL_ADDRESS = {
  deliveryAddress: {
    city: CANARY.city,
    stateOrRegion: CANARY.state,
    postalCode: CANARY.postalCode,
    countryCode: 'US',
  },
};

const FULL_PII = {
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
};

describe('mapOrder2026: facts', () => {
  it('maps status, channel, windows, programs, total and the line price', () => {
    const mapped = map(order());
    expect(mapped).toEqual({
      connectionId: 'conn-1',
      amazonOrderId: '111-1234567-7654321',
      marketplaceId: 'ATVPDKIKX0DER',
      orderStatus: 'Unshipped',
      purchaseDate: Date.UTC(2026, 10, 20, 10),
      lastUpdateDate: Date.UTC(2026, 10, 21, 12, 30),
      fulfillmentChannel: 'MFN',
      shipServiceLevel: 'STANDARD',
      latestShipDate: Date.UTC(2026, 10, 23, 7, 59, 59),
      shippedAt: null,
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
          quantity: 3,
          itemPrice: { amount: '9.90', currencyCode: 'USD' },
          giftMessage: CANARY.giftMessage,
        },
      ],
      pii: FULL_PII,
    });
  });

  it('maps every fulfillment status to its v0 name', () => {
    expect(ORDER_STATUS_OF_2026).toEqual({
      PENDING_AVAILABILITY: 'PendingAvailability',
      PENDING: 'Pending',
      UNSHIPPED: 'Unshipped',
      PARTIALLY_SHIPPED: 'PartiallyShipped',
      SHIPPED: 'Shipped',
      CANCELLED: 'Canceled',
      UNFULFILLABLE: 'Unfulfillable',
    });
    const mapped = map(
      order({
        fulfillment: { fulfillmentStatus: 'CANCELLED', fulfilledBy: 'AMAZON' },
        programs: ['AMAZON_BUSINESS', 'PREMIUM'],
      }),
    );
    expect(mapped).toMatchObject({
      orderStatus: 'Canceled',
      fulfillmentChannel: 'AFN',
      shipServiceLevel: null,
      latestShipDate: null,
      isPrime: false,
      isBusiness: true,
    });
  });

  it('shippedAt: the earliest package ship time; a SHIPPED order without one from its last update or ship-by end, the earlier', () => {
    const shipped = { fulfillmentStatus: 'SHIPPED', fulfilledBy: 'MERCHANT' };
    const packages = [
      { packageReferenceId: '2', shipTime: '2026-11-22T09:00:00Z' },
      { packageReferenceId: '1', shipTime: '2026-11-21T15:00:00+01:00' },
      { packageReferenceId: '3' },
    ];
    expect(map(order({ fulfillment: shipped, packages })).shippedAt).toBe(
      Date.UTC(2026, 10, 21, 14),
    );
    expect(map(order({ fulfillment: shipped })).shippedAt).toBe(Date.UTC(2026, 10, 21, 12, 30));
    // First seen long after it shipped: the end of the ship-by window bounds the shipment.
    const shipBy = { latestDateTime: '2026-10-02T23:59:59Z' };
    expect(map(order({ fulfillment: { ...shipped, shipByWindow: shipBy } })).shippedAt).toBe(
      Date.UTC(2026, 9, 2, 23, 59, 59),
    );
    expect(map(order({ packages: [{ packageReferenceId: '1' }] })).shippedAt).toBeNull();
  });

  it('uses the marketplace asked for when the sales channel names none, else refuses', () => {
    const bare = order({ salesChannel: { channelName: 'AMAZON' } });
    expect(
      mapOrder2026(bare, { connectionId: 'c', includedData: ALL, marketplaceId: 'A1F83G8C2ARO7P' })
        .marketplaceId,
    ).toBe('A1F83G8C2ARO7P');
    expect(() => map(bare)).toThrow(AppError);
  });

  it('needs FULFILLMENT (the status lives there): a programming error, or Amazon leaving it out', () => {
    const noFulfillmentAsked = (() => {
      try {
        return map(order(), ['BUYER', 'RECIPIENT']);
      } catch (error) {
        return error;
      }
    })();
    expect(noFulfillmentAsked).toMatchObject({ code: ErrorCode.INTERNAL, operational: false });
    expect(() => map(order({ fulfillment: undefined }))).toThrow(
      expect.objectContaining({
        code: ErrorCode.SPAPI_ERROR,
        details: { ids: { orderId: '111-1234567-7654321' } },
      }),
    );
  });
});

describe('mapOrder2026: which PII the response carried', () => {
  it('only the datasets asked for: FULFILLMENT alone carries only present gift messages', () => {
    const mapped = map(order(), ['FULFILLMENT']);
    expect(mapped.pii).toEqual({});
    expect(mapped.items[0]?.giftMessage).toBe(CANARY.giftMessage);
    expect(mapped.shippingCountryCode).toBe('US');
  });

  it('BUYER without RECIPIENT: buyer name and e-mail only', () => {
    expect(map(order(), ['BUYER', 'FULFILLMENT']).pii).toEqual({
      buyerName: CANARY.buyerName,
      buyerEmail: CANARY.buyerEmail,
    });
  });

  it('without the role: buyer omitted → not carried; partial address → postal code only; absent gift messages not cleared', () => {
    const roleless = order({
      buyer: undefined,
      recipient: PARTIAL_ADDRESS,
      orderItems: [
        {
          orderItemId: '1',
          quantityOrdered: 1,
          product: { asin: 'B0CANARY01' },
          fulfillment: { packing: { giftOption: { giftWrapLevel: 'CLASSIC' } } },
        },
      ],
    });
    const mapped = map(roleless);
    expect(mapped.pii).toEqual({ postalCode: CANARY.postalCode });
    expect(mapped.items[0]).not.toHaveProperty('giftMessage');
  });

  it('with the role, what Amazon left empty is carried as null', () => {
    const mapped = map(
      order({
        buyer: { buyerName: CANARY.buyerName },
        recipient: { deliveryAddress: { name: CANARY.recipientName, countryCode: 'US' } },
        orderItems: [
          {
            orderItemId: '1',
            quantityOrdered: 1,
            product: { asin: 'B0CANARY01' },
            fulfillment: {},
          },
          { orderItemId: '2', quantityOrdered: 1, product: { asin: 'B0CANARY02' } },
        ],
      }),
    );
    expect(mapped.pii).toEqual({
      buyerName: CANARY.buyerName,
      buyerEmail: null,
      recipientName: CANARY.recipientName,
      shippingAddress: { lines: [], city: null, stateOrRegion: null, district: null },
      phone: null,
      postalCode: null,
    });
    expect(mapped.items[0]?.giftMessage).toBeNull();
    // No item fulfillment in the answer: the gift message was not carried at all.
    expect(mapped.items[1]).not.toHaveProperty('giftMessage');
    expect(mapped.items[1]?.itemPrice).toBeNull();
  });

  it('a dataset asked for but absent from the answer is not carried', () => {
    const mapped = map(order({ buyer: undefined, recipient: undefined }));
    expect(mapped.pii).toEqual({});
    expect(mapped.shippingCountryCode).toBeNull();
  });

  it.each(['PENDING', 'CANCELLED', 'PENDING_AVAILABILITY', 'UNFULFILLABLE'])(
    '%s: nothing is carried, even when the answer holds PII (stored values stay)',
    (status) => {
      const mapped = map(order({ fulfillment: { fulfillmentStatus: status } }));
      expect(mapped.pii).toEqual({});
      expect(mapped.items[0]).not.toHaveProperty('giftMessage');
    },
  );
});
