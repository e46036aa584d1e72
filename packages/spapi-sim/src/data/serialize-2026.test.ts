import { describe, expect, it } from 'vitest';
import { responseIssues, undeclaredProperties } from './model-conformance.testkit.js';
import { NOW, findView, sampleRecords, viewsAt } from './order-fixtures.testkit.js';
import {
  FULFILLMENT_STATUS_2026,
  INCLUDED_DATA,
  to2026Order,
  type Order2026Options,
} from './serialize-2026.js';
import { DAY_MS } from './time.js';

const views = viewsAt(sampleRecords(), NOW);
const EVERYTHING = new Set<string>(INCLUDED_DATA);
const allowed: Order2026Options = {
  includedData: EVERYTHING,
  buyerAllowed: true,
  recipientAllowed: true,
};
const denied: Order2026Options = {
  includedData: EVERYTHING,
  buyerAllowed: false,
  recipientAllowed: false,
};
const bare: Order2026Options = {
  includedData: new Set(),
  buyerAllowed: true,
  recipientAllowed: true,
};

describe('Orders 2026-01-01 serializer conforms to orders_2026-01-01.json', () => {
  it.each([
    ['every dataset, roles held', allowed],
    ['every dataset, no roles', denied],
    ['no datasets', bare],
  ])('searchOrders and getOrder bodies: %s', (_label, options) => {
    const orders = views.map((v) => to2026Order(v, options));
    const search = {
      orders,
      pagination: { nextToken: 'abc' },
      createdBefore: '2026-06-15T11:58:00Z',
    };
    expect(responseIssues('orders20260101', 'searchOrders', search)).toEqual([]);
    expect(undeclaredProperties('orders20260101', 'SearchOrdersResponse', search)).toEqual([]);
    const [first] = orders;
    expect(responseIssues('orders20260101', 'getOrder', { order: first })).toEqual([]);
  });
});

describe('to2026Order', () => {
  const unshippedMfn = findView(
    views,
    'unshipped MFN',
    (v) => v.status === 'Unshipped' && v.fulfillmentChannel === 'MFN',
  );

  it('always has ids, times, sales channel and items with product data', () => {
    const order = to2026Order(unshippedMfn, bare);
    expect(order).toMatchObject({
      orderId: unshippedMfn.amazonOrderId,
      salesChannel: { channelName: 'AMAZON', marketplaceId: unshippedMfn.marketplaceId },
    });
    expect(order.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(order.orderItems[0]?.product.asin).toBe(unshippedMfn.items[0]?.asin);
    expect(order.buyer).toBeUndefined();
    expect(order.recipient).toBeUndefined();
    expect(order.fulfillment).toBeUndefined();
  });

  it('includes buyer and full recipient only when requested and allowed', () => {
    const order = to2026Order(unshippedMfn, allowed);
    expect(order.buyer).toMatchObject({
      buyerName: unshippedMfn.buyer.name,
      buyerEmail: unshippedMfn.buyer.email,
    });
    expect(order.recipient?.deliveryAddress).toMatchObject({
      name: unshippedMfn.shippingAddress.name,
      addressLine1: unshippedMfn.shippingAddress.addressLine1,
      phone: unshippedMfn.shippingAddress.phone,
      postalCode: unshippedMfn.shippingAddress.postalCode,
    });
    const onlyRecipient = to2026Order(unshippedMfn, {
      ...allowed,
      includedData: new Set(['RECIPIENT']),
    });
    expect(onlyRecipient.buyer).toBeUndefined();
  });

  it('without the roles drops buyer and keeps only the non-restricted part of the address', () => {
    const order = to2026Order(unshippedMfn, denied);
    expect(order.buyer).toBeUndefined();
    expect(order.recipient?.deliveryAddress).toEqual({
      city: unshippedMfn.shippingAddress.city,
      stateOrRegion: unshippedMfn.shippingAddress.stateOrRegion,
      postalCode: unshippedMfn.shippingAddress.postalCode,
      countryCode: unshippedMfn.shippingAddress.countryCode,
    });
    const text = JSON.stringify(order);
    expect(text).not.toContain(unshippedMfn.buyer.email);
    expect(text).not.toContain(unshippedMfn.shippingAddress.addressLine1);
  });

  it('maps statuses to FulfillmentStatus under FULFILLMENT', () => {
    for (const [status, expected] of Object.entries(FULFILLMENT_STATUS_2026)) {
      const view = findView(views, status, (v) => v.status === status);
      expect(to2026Order(view, allowed).fulfillment?.fulfillmentStatus).toBe(expected);
    }
    expect(to2026Order(unshippedMfn, allowed).fulfillment?.fulfilledBy).toBe('MERCHANT');
  });

  it('puts gift messages in item fulfillment.packing.giftOption, only when allowed', () => {
    const gift = findView(
      views,
      'MFN gift',
      (v) =>
        v.fulfillmentChannel === 'MFN' &&
        v.status === 'Shipped' &&
        v.items.some((i) => i.giftMessageText),
    );
    const message = gift.items.find((i) => i.giftMessageText)?.giftMessageText;
    const shown = to2026Order(gift, allowed).orderItems.map(
      (i) => i.fulfillment?.packing?.giftOption.giftMessage,
    );
    expect(shown).toContain(message);
    const hidden = to2026Order(gift, { ...allowed, giftMessageAllowed: false });
    expect(JSON.stringify(hidden)).not.toContain('giftMessage"');
    expect(JSON.stringify(to2026Order(gift, denied))).not.toContain('giftMessage"');
  });

  it('omits buyer and recipient before payment and after cancellation', () => {
    for (const status of ['Pending', 'Canceled']) {
      const view = findView(views, status, (v) => v.status === status);
      const order = to2026Order(view, allowed);
      expect(order.buyer).toBeUndefined();
      expect(order.recipient).toBeUndefined();
      expect(order.proceeds).toBeUndefined();
    }
  });

  it('adds proceeds that sum to the order total', () => {
    const order = to2026Order(unshippedMfn, allowed);
    expect(order.proceeds?.grandTotal).toEqual({
      amount: unshippedMfn.orderTotal?.amount,
      currencyCode: unshippedMfn.orderTotal?.currencyCode,
    });
  });

  it('adds one package per shipment for MFN orders, with the shipped quantities', () => {
    const partial = findView(
      views,
      'partially shipped MFN',
      (v) => v.status === 'PartiallyShipped' && v.fulfillmentChannel === 'MFN',
    );
    const packages = to2026Order(partial, allowed).packages ?? [];
    expect(packages).toHaveLength(partial.shipments.length);
    expect(packages[0]?.trackingNumber.length).toBeGreaterThan(8);
    expect(packages[0]?.packageItems.length).toBeGreaterThan(0);
    const later = viewsAt(
      sampleRecords().filter((r) => r.amazonOrderId === partial.amazonOrderId),
      NOW + 40 * DAY_MS,
    )[0];
    if (!later) throw new Error('no later view');
    expect(
      to2026Order(later, allowed).packages?.every((p) => p.packageStatus.status === 'DELIVERED'),
    ).toBe(true);
    expect(to2026Order(later, allowed).packages?.[0]?.trackingNumber).toBe(
      packages[0]?.trackingNumber,
    );
  });

  it('adds cancellation details to canceled orders', () => {
    const canceled = findView(views, 'canceled', (v) => v.status === 'Canceled');
    const item = to2026Order(canceled, allowed).orderItems[0];
    expect(item?.cancellation?.cancellationExecution.cancelledBy).toBe(canceled.cancellation?.by);
  });
});
