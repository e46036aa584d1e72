import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from './order.types.js';
import { responseIssues, undeclaredProperties } from './model-conformance.testkit.js';
import { NOW, findView, sampleRecords, viewsAt } from './order-fixtures.testkit.js';
import {
  toV0Order,
  toV0OrderAddress,
  toV0OrderBuyerInfo,
  toV0OrderItems,
  toV0OrderItemsBuyerInfo,
  toV0OrderItemsList,
} from './serialize-v0.js';
import { DAY_MS } from './time.js';

const views = viewsAt(sampleRecords(), NOW);
const FULL = { includeBuyerInfo: true, includeShippingAddress: true };
const NONE = { includeBuyerInfo: false, includeShippingAddress: false };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('Orders v0 serializers conform to ordersV0.json', () => {
  it.each([
    ['with PII', FULL],
    ['without PII', NONE],
  ])('getOrders payload of every order, %s', (_label, options) => {
    const body = {
      payload: {
        Orders: views.map((v) => toV0Order(v, options)),
        CreatedBefore: '2026-06-15T11:00:00Z',
      },
    };
    expect(responseIssues('ordersV0', 'getOrders', body)).toEqual([]);
    expect(undeclaredProperties('ordersV0', 'GetOrdersResponse', body)).toEqual([]);
  });

  it('getOrder, getOrderAddress, getOrderBuyerInfo, getOrderItems, getOrderItemsBuyerInfo for every order', () => {
    for (const view of views) {
      for (const include of [true, false]) {
        const bodies = {
          getOrder: {
            payload: toV0Order(view, {
              includeBuyerInfo: include,
              includeShippingAddress: include,
            }),
          },
          getOrderAddress: { payload: toV0OrderAddress(view, { includeRestricted: include }) },
          getOrderBuyerInfo: { payload: toV0OrderBuyerInfo(view, { includeRestricted: include }) },
          getOrderItems: { payload: toV0OrderItemsList(view, { includeBuyerInfo: include }) },
          getOrderItemsBuyerInfo: {
            payload: toV0OrderItemsBuyerInfo(view, { includeRestricted: include }),
          },
        };
        for (const [operationId, body] of Object.entries(bodies)) {
          expect(
            responseIssues('ordersV0', operationId, body),
            `${operationId} ${view.amazonOrderId}`,
          ).toEqual([]);
          const definition = `${operationId.charAt(0).toUpperCase()}${operationId.slice(1)}Response`;
          expect(undeclaredProperties('ordersV0', definition, body), operationId).toEqual([]);
        }
      }
    }
  });
});

describe('toV0Order', () => {
  const unshippedMfn = findView(
    views,
    'unshipped MFN',
    (v) => v.status === 'Unshipped' && v.fulfillmentChannel === 'MFN',
  );

  it("prints Amazon's fields and formats", () => {
    const order = toV0Order(unshippedMfn, FULL);
    expect(order.AmazonOrderId).toBe(unshippedMfn.amazonOrderId);
    for (const date of [
      order.PurchaseDate,
      order.LastUpdateDate,
      order.EarliestShipDate,
      order.LatestShipDate,
    ]) {
      expect(date).toMatch(ISO);
    }
    expect(order.OrderTotal?.Amount).toMatch(/^\d+(\.\d{2})?$/);
    expect(order.SalesChannel).toMatch(/^Amazon\./);
    expect(order.NumberOfItemsShipped + order.NumberOfItemsUnshipped).toBe(
      unshippedMfn.items.reduce((n, i) => n + i.quantityOrdered, 0),
    );
    expect(order.ShippingAddress?.Name).toBe(unshippedMfn.shippingAddress.name);
    expect(order.ShippingAddress?.Phone).toBe(unshippedMfn.shippingAddress.phone);
    expect(order.BuyerInfo).toMatchObject({
      BuyerEmail: unshippedMfn.buyer.email,
      BuyerName: unshippedMfn.buyer.name,
    });
    expect(order.EarliestDeliveryDate).toMatch(ISO);
  });

  it('without RDT keeps only the non-restricted address fields and an empty BuyerInfo', () => {
    const order = toV0Order(unshippedMfn, NONE);
    expect(order.ShippingAddress).toEqual({
      City: unshippedMfn.shippingAddress.city,
      StateOrRegion: unshippedMfn.shippingAddress.stateOrRegion,
      PostalCode: unshippedMfn.shippingAddress.postalCode,
      CountryCode: unshippedMfn.shippingAddress.countryCode,
    });
    expect(order.BuyerInfo).toEqual({});
    expect(JSON.stringify(order)).not.toContain(unshippedMfn.shippingAddress.addressLine1);
    expect(JSON.stringify(order)).not.toContain(unshippedMfn.buyer.email);
  });

  it('leaves address, buyer data, totals and delivery dates off Pending orders', () => {
    const pending = findView(views, 'pending', (v) => v.status === 'Pending');
    const order = toV0Order(pending, FULL);
    expect(order.ShippingAddress).toBeUndefined();
    expect(order.BuyerInfo).toEqual({});
    expect(order.OrderTotal).toBeUndefined();
    expect(order.LatestDeliveryDate).toBeUndefined();
  });

  it('leaves address and totals off Canceled orders and counts no units', () => {
    const canceled = findView(views, 'canceled', (v) => v.status === 'Canceled');
    const order = toV0Order(canceled, FULL);
    expect(order.ShippingAddress).toBeUndefined();
    expect(order.OrderTotal).toBeUndefined();
    expect([order.NumberOfItemsShipped, order.NumberOfItemsUnshipped]).toEqual([0, 0]);
  });

  it('suppresses the phone for FBA orders and for shipped MFN orders past the delivery window', () => {
    const afn = findView(
      views,
      'shipped AFN',
      (v) => v.status === 'Shipped' && v.fulfillmentChannel === 'AFN',
    );
    expect(toV0Order(afn, FULL).ShippingAddress?.Phone).toBeUndefined();
    expect(toV0Order(afn, FULL).ShippingAddress?.Name).toBe(afn.shippingAddress.name);
    const old = findView(
      views,
      'old shipped MFN',
      (v) =>
        v.status === 'Shipped' &&
        v.fulfillmentChannel === 'MFN' &&
        v.latestDeliveryDate < NOW - DAY_MS,
    );
    expect(toV0Order(old, FULL).ShippingAddress?.Phone).toBeUndefined();
  });

  it('prints OrderStatus as the view status for every status', () => {
    for (const status of ORDER_STATUSES) {
      const view = findView(views, status, (v) => v.status === status);
      expect(toV0Order(view, FULL).OrderStatus).toBe(status);
    }
  });

  it('prints business orders with PO number and company name on a commercial address', () => {
    const business = findView(
      views,
      'business order with PO, commercial address',
      (v) =>
        v.isBusinessOrder &&
        v.status === 'Shipped' &&
        v.buyer.purchaseOrderNumber !== undefined &&
        v.shippingAddress.addressType === 'Commercial',
    );
    const order = toV0Order(business, FULL);
    expect(order.IsBusinessOrder).toBe(true);
    expect(order.BuyerInfo.PurchaseOrderNumber).toBe(business.buyer.purchaseOrderNumber);
    expect(order.ShippingAddress?.CompanyName).toBe(business.buyer.companyName);
    expect(toV0OrderAddress(business).BuyerCompanyName).toBe(business.buyer.companyName);
  });
});

describe('v0 order items', () => {
  const giftMfn = findView(
    views,
    'unshipped MFN gift with message',
    (v) =>
      v.fulfillmentChannel === 'MFN' &&
      v.status !== 'Pending' &&
      v.status !== 'Canceled' &&
      v.items.some((i) => i.giftMessageText),
  );

  it('carries gift message and wrap level only when buyer info is included', () => {
    const withInfo = toV0OrderItems(giftMfn, { includeBuyerInfo: true });
    const item = withInfo.find((i) => i.BuyerInfo.GiftMessageText !== undefined);
    expect(item?.IsGift).toBe('true');
    expect(
      toV0OrderItems(giftMfn, { includeBuyerInfo: false }).every(
        (i) => Object.keys(i.BuyerInfo).length === 0,
      ),
    ).toBe(true);
    const buyerInfo = toV0OrderItemsBuyerInfo(giftMfn);
    expect(buyerInfo.OrderItems.some((i) => i.GiftMessageText !== undefined)).toBe(true);
    expect(
      toV0OrderItemsBuyerInfo(giftMfn, { includeRestricted: false }).OrderItems.every(
        (i) => i.GiftMessageText === undefined,
      ),
    ).toBe(true);
  });

  it('never prints gift messages for FBA orders (MFN only, per the model)', () => {
    const afnGift = sampleRecords().find(
      (r) => r.fulfillmentChannel === 'AFN' && r.items.some((i) => i.giftMessageText),
    );
    const view = afnGift && viewsAt([afnGift], NOW + 30 * DAY_MS)[0];
    if (!view) throw new Error('no AFN gift order');
    expect(JSON.stringify(toV0OrderItems(view, { includeBuyerInfo: true }))).not.toContain(
      'GiftMessageText',
    );
  });

  it('omits pricing and gift status while Pending', () => {
    const pending = findView(views, 'pending', (v) => v.status === 'Pending');
    for (const item of toV0OrderItems(pending, { includeBuyerInfo: true })) {
      expect(item.ItemPrice).toBeUndefined();
      expect(item.IsGift).toBeUndefined();
      expect(item.QuantityShipped).toBe(0);
    }
  });

  it('prints quantities shipped and business prices', () => {
    const partial = findView(views, 'partially shipped', (v) => v.status === 'PartiallyShipped');
    const items = toV0OrderItems(partial, { includeBuyerInfo: false });
    const shipped = items.reduce((n, i) => n + i.QuantityShipped, 0);
    const ordered = items.reduce((n, i) => n + i.QuantityOrdered, 0);
    expect(shipped).toBeGreaterThan(0);
    expect(shipped).toBeLessThan(ordered);
    const businessPriced = views
      .flatMap((v) => toV0OrderItems(v, { includeBuyerInfo: false }))
      .find((i) => i.PriceDesignation);
    expect(businessPriced?.PriceDesignation).toBe('BusinessPrice');
  });
});
