import { AppError, ErrorCode, isAppError } from '@spapi/shared';
import { describe, expect, it } from 'vitest';
import { parseGetOrderItems, parseGetOrders, parseSearchOrders } from './parse-response.js';
import { LIMITS } from './schema-parts.js';
import {
  CANARY,
  CANARY_VALUES,
  order2026,
  v0Item,
  v0Order,
  v0OrderUnlocked,
} from './testing/response-fixtures.js';

function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** Every way an error can be printed, logged or serialised. */
function renderings(error: AppError): string[] {
  return [
    error.message,
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(error.details),
    JSON.stringify(Object.fromEntries(Object.entries(error))),
    String(error.cause),
  ];
}

describe('parseGetOrders', () => {
  it('returns the orders with dates in epoch ms, the next token and the bound used', () => {
    const page = parseGetOrders({
      payload: {
        Orders: [v0OrderUnlocked({ SomethingAmazonAddedLater: { x: 1 } })],
        NextToken: 'a+b/c==',
        LastUpdatedBefore: '2026-11-21T12:28:00Z',
      },
    });
    expect(page.nextToken).toBe('a+b/c==');
    expect(page.lastUpdatedBefore).toBe(Date.UTC(2026, 10, 21, 12, 28));
    expect(page.createdBefore).toBeNull();
    const [order] = page.orders;
    expect(order?.PurchaseDate).toBe(Date.UTC(2026, 10, 20, 10));
    expect(order?.ShippingAddress?.Name).toBe(CANARY.recipientName);
    expect(order).not.toHaveProperty('SomethingAmazonAddedLater');
  });

  it('reads null as absent and an empty page as no orders', () => {
    const page = parseGetOrders({
      payload: { Orders: [v0Order({ OrderTotal: null, IsPrime: null })], NextToken: null },
    });
    expect(page.nextToken).toBeNull();
    expect(page.orders[0]?.OrderTotal).toBeNull();
    expect(parseGetOrders({ payload: { Orders: [], CreatedBefore: '2026-11-21' } })).toEqual({
      orders: [],
      nextToken: null,
      lastUpdatedBefore: null,
      createdBefore: Date.UTC(2026, 10, 21),
    });
  });

  it('refuses bad dates, unknown statuses, oversized pages and overlong values, naming the paths', () => {
    const error = caught(() =>
      parseGetOrders({
        payload: {
          Orders: [
            v0Order({ PurchaseDate: '2026-02-30T00:00:00Z' }),
            v0Order({ OrderStatus: 'Lost' }),
            v0Order({ AmazonOrderId: 'x'.repeat(LIMITS.id + 1) }),
          ],
        },
      }),
    );
    expect(error.code).toBe(ErrorCode.SPAPI_ERROR);
    expect(error.status).toBe(502);
    expect(error.details?.ids).toEqual({ operation: 'getOrders' });
    expect(error.details?.issues).toEqual([
      { path: 'payload.Orders.0.PurchaseDate', code: 'custom' },
      { path: 'payload.Orders.1.OrderStatus', code: 'invalid_value' },
      { path: 'payload.Orders.2.AmazonOrderId', code: 'too_big' },
    ]);
    expect(error.message).toContain('getOrders');
    expect(error.message).toContain('payload.Orders.1.OrderStatus (invalid_value)');

    const tooMany = Array.from({ length: LIMITS.ordersPerPage + 1 }, () => v0Order());
    expect(caught(() => parseGetOrders({ payload: { Orders: tooMany } })).details?.issues).toEqual([
      { path: 'payload.Orders', code: 'too_big' },
    ]);
  });

  it('refuses a body that is not an orders payload', () => {
    for (const body of [null, 'text', [], {}, { payload: {} }, { errors: [] }]) {
      const error = caught(() => parseGetOrders(body));
      expect(isAppError(error)).toBe(true);
      expect(error.code).toBe(ErrorCode.SPAPI_ERROR);
    }
  });

  it('never puts a received value into the error, however it is printed', () => {
    // Every PII field malformed in a way that makes zod look at the value: wrong type, too
    // long, bad format, bad enum (the canary is the received value each time).
    const oversized = `${CANARY.buyerName} `.repeat(60);
    const body = {
      payload: {
        Orders: [
          v0OrderUnlocked({
            OrderStatus: CANARY.buyerName,
            PurchaseDate: CANARY.postalCode,
            FulfillmentChannel: CANARY.recipientName,
            ShippingAddress: {
              Name: oversized,
              AddressLine1: [CANARY.line1],
              PostalCode: { value: CANARY.postalCode },
              CountryCode: CANARY.city,
              Phone: CANARY.phone.repeat(20),
            },
            BuyerInfo: { BuyerEmail: 7, BuyerName: oversized, [CANARY.buyerEmail]: CANARY.line2 },
          }),
        ],
        NextToken: { [CANARY.giftMessage]: CANARY.county },
      },
    };
    const error = caught(() => parseGetOrders(body));
    expect(error.details?.issues?.length).toBeGreaterThanOrEqual(9);
    expect(error.cause).toBeUndefined();
    for (const rendering of renderings(error)) {
      for (const value of CANARY_VALUES) expect(rendering).not.toContain(value);
      expect(rendering).not.toContain('Canary');
    }
  });
});

describe('parseGetOrderItems', () => {
  it('returns the items of one order', () => {
    const page = parseGetOrderItems({
      payload: {
        AmazonOrderId: '111-1234567-7654321',
        OrderItems: [v0Item({ BuyerInfo: { GiftMessageText: CANARY.giftMessage } })],
      },
    });
    expect(page.amazonOrderId).toBe('111-1234567-7654321');
    expect(page.nextToken).toBeNull();
    expect(page.items[0]?.BuyerInfo?.GiftMessageText).toBe(CANARY.giftMessage);
  });

  it('refuses oversized item lists and gift messages, without their values', () => {
    const items = Array.from({ length: LIMITS.itemsPerOrder + 1 }, () => v0Item());
    expect(
      caught(() => parseGetOrderItems({ payload: { AmazonOrderId: '1', OrderItems: items } }))
        .details?.issues,
    ).toEqual([{ path: 'payload.OrderItems', code: 'too_big' }]);
    const error = caught(() =>
      parseGetOrderItems({
        payload: {
          AmazonOrderId: '1',
          OrderItems: [
            v0Item({ BuyerInfo: { GiftMessageText: CANARY.giftMessage.repeat(100) } }),
            v0Item({ QuantityOrdered: -1, ItemPrice: { Amount: '1e3', CurrencyCode: 'usd' } }),
          ],
        },
      }),
    );
    expect(error.message).toMatch(/^getOrderItems /);
    expect(error.details?.issues?.map((i) => i.path)).toEqual([
      'payload.OrderItems.0.BuyerInfo.GiftMessageText',
      'payload.OrderItems.1.QuantityOrdered',
      'payload.OrderItems.1.ItemPrice.CurrencyCode',
      'payload.OrderItems.1.ItemPrice.Amount',
    ]);
    for (const rendering of renderings(error)) expect(rendering).not.toContain('canary');
  });
});

describe('parseSearchOrders', () => {
  it('returns the orders, pagination.nextToken and the bound used', () => {
    const page = parseSearchOrders({
      orders: [order2026()],
      pagination: { nextToken: 'eyJ0' },
      lastUpdatedBefore: '2026-11-21T12:28:00Z',
    });
    expect(page.nextToken).toBe('eyJ0');
    expect(page.lastUpdatedBefore).toBe(Date.UTC(2026, 10, 21, 12, 28));
    expect(page.orders[0]?.createdTime).toBe(Date.UTC(2026, 10, 20, 10));
    expect(page.orders[0]?.orderItems[0]?.fulfillment?.packing?.giftOption?.giftMessage).toBe(
      CANARY.giftMessage,
    );
  });

  it('refuses v0-style dates (RFC 3339 only) and unknown fulfillment statuses', () => {
    const error = caught(() =>
      parseSearchOrders({
        orders: [
          order2026({ createdTime: '2026-11-20T10:00Z' }),
          order2026({
            fulfillment: { fulfillmentStatus: 'LOST' },
            packages: [{ packageReferenceId: '1', shipTime: '2026-11-21' }],
          }),
        ],
      }),
    );
    expect(error.details?.issues).toEqual([
      { path: 'orders.0.createdTime', code: 'custom' },
      { path: 'orders.1.fulfillment.fulfillmentStatus', code: 'invalid_value' },
      { path: 'orders.1.packages.0.shipTime', code: 'custom' },
    ]);
  });

  it('never puts buyer or recipient values into the error', () => {
    const error = caught(() =>
      parseSearchOrders({
        orders: [
          order2026({
            buyer: { buyerName: [CANARY.buyerName], buyerEmail: CANARY.buyerEmail.repeat(50) },
            recipient: {
              deliveryAddress: {
                name: 1,
                postalCode: CANARY.postalCode.repeat(20),
                countryCode: CANARY.city,
              },
            },
            orderItems: [{ orderItemId: CANARY.giftMessage.repeat(3), product: CANARY.line1 }],
          }),
        ],
        pagination: CANARY.phone,
      }),
    );
    expect(error.message).toMatch(/^searchOrders /);
    expect(error.message).toContain('and more');
    for (const rendering of renderings(error)) {
      for (const value of CANARY_VALUES) expect(rendering).not.toContain(value);
    }
  });
});
