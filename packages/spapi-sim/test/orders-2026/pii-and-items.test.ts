import { describe, expect, it } from 'vitest';
import type { ApplicationConfig } from '../../src/config.js';
import type { SimOrderView } from '../../src/data/order.types.js';
import type { Order2026 } from '../../src/data/serialize-2026.types.js';
import { DAY_MS } from '../../src/data/time.js';
import { expectConforms } from '../helpers/conformance-runner.js';
import { searchOrders } from '../helpers/orders-2026-client.js';
import { firstError } from '../helpers/sim-client.js';
import {
  OTHER_SELLER_NA,
  PLAIN_APP,
  SELLER_NA,
  SHIPPING_APP,
  useSimHarness,
} from '../helpers/sim-harness.js';

const h = useSimHarness({ timeScale: 1_000_000 });

const PII_FIELDS = ['name', 'addressLine1', 'addressLine2', 'phone'] as const;

function storeView(orderId: string): SimOrderView {
  const view = h.state.orders.get(SELLER_NA.sellingPartnerId, orderId, h.now());
  if (!view) throw new Error(`order ${orderId} not in the store`);
  return view;
}

function unshippedMerchantOrder(): SimOrderView {
  const view = h.state.orders
    .list(SELLER_NA.sellingPartnerId, h.now())
    .find((v) => v.fulfillmentChannel === 'MFN' && v.status === 'Unshipped');
  if (!view) throw new Error('no unshipped MFN order generated');
  return view;
}

async function searchAll(
  app: ApplicationConfig,
  includedData?: string,
): Promise<{ orders: Order2026[] }> {
  const query: Record<string, string> = { createdAfter: h.isoAgo(40 * DAY_MS) };
  if (includedData !== undefined) query.includedData = includedData;
  const { result, body } = await searchOrders(h, h.accessToken({ app }), query);
  expect(result.status).toBe(200);
  expectConforms('orders20260101', 'searchOrders', result);
  return body;
}

describe('searchOrders: buyer and recipient follow the application roles, without an RDT', () => {
  it('with the DirectToConsumerShipping role: buyer and full delivery address', async () => {
    const { orders } = await searchAll(SHIPPING_APP, 'BUYER,RECIPIENT');
    const withBuyer = orders.filter((o) => o.buyer !== undefined);
    expect(withBuyer.length).toBeGreaterThan(10);
    for (const order of withBuyer) {
      const view = storeView(order.orderId);
      expect(order.buyer?.buyerName).toBe(view.buyer.name);
      expect(order.recipient?.deliveryAddress.name).toBe(view.shippingAddress.name);
      expect(order.recipient?.deliveryAddress.addressLine1).toBe(view.shippingAddress.addressLine1);
    }
  });

  it('without the role: the call succeeds and carries no buyer and no address PII', async () => {
    const { orders } = await searchAll(PLAIN_APP, 'BUYER,RECIPIENT');
    expect(orders.length).toBeGreaterThan(10);
    expect(orders.filter((o) => o.buyer !== undefined)).toEqual([]);
    for (const order of orders) {
      const address = order.recipient?.deliveryAddress ?? {};
      for (const field of PII_FIELDS) expect(address).not.toHaveProperty(field);
    }
  });

  it('with the role but without includedData: neither section', async () => {
    const { orders } = await searchAll(SHIPPING_APP);
    expect(orders.some((o) => o.buyer !== undefined || o.recipient !== undefined)).toBe(false);
  });

  it('items are always inline, as the store has them', async () => {
    const { orders } = await searchAll(PLAIN_APP);
    for (const order of orders) {
      const view = storeView(order.orderId);
      expect(order.orderItems.map((i) => i.orderItemId)).toEqual(
        view.items.map((i) => i.orderItemId),
      );
      expect(order.orderItems.map((i) => i.product.asin)).toEqual(view.items.map((i) => i.asin));
    }
  });

  it('refuses a Restricted Data Token: this API takes the LWA access token', async () => {
    const rdt = h.storedRestrictedDataToken([{ method: 'GET', path: '/orders/2026-01-01/orders' }]);
    const result = await h.request('/orders/2026-01-01/orders', rdt, {
      query: { createdAfter: h.isoAgo(DAY_MS) },
    });
    expect(result.status).toBe(403);
    expect(firstError(result).code).toBe('Unauthorized');
  });
});

describe('getOrder', () => {
  const getOrder = (orderId: string, token: string, includedData?: string) =>
    h.request(
      `/orders/2026-01-01/orders/${orderId}`,
      token,
      includedData === undefined ? {} : { query: { includedData } },
    );

  it('returns the order with items inline, buyer and recipient with the role', async () => {
    const view = unshippedMerchantOrder();
    const result = await getOrder(view.amazonOrderId, h.accessToken(), 'BUYER,RECIPIENT');
    expect(result.status).toBe(200);
    expectConforms('orders20260101', 'getOrder', result);
    const { order } = result.body as { order: Order2026 };
    expect(order.orderId).toBe(view.amazonOrderId);
    expect(order.orderItems).toHaveLength(view.items.length);
    expect(order.buyer?.buyerName).toBe(view.buyer.name);
    expect(order.buyer?.buyerEmail).toBe(view.buyer.email);
    expect(order.recipient?.deliveryAddress.postalCode).toBe(view.shippingAddress.postalCode);
  });

  it('leaves buyer and address PII out without the role', async () => {
    const view = unshippedMerchantOrder();
    const result = await getOrder(
      view.amazonOrderId,
      h.accessToken({ app: PLAIN_APP }),
      'BUYER,RECIPIENT',
    );
    expect(result.status).toBe(200);
    const { order } = result.body as { order: Order2026 };
    expect(order.buyer).toBeUndefined();
    for (const field of PII_FIELDS) {
      expect(order.recipient?.deliveryAddress ?? {}).not.toHaveProperty(field);
    }
  });

  it.each([
    ['an order id not in 3-7-7 form', 'TEST_CASE_400', undefined, 400, 'InvalidInput'],
    ['includedData outside the enum', 'ORDER', 'ITEMS', 400, 'InvalidInput'],
    ['an unknown order', '111-0000000-0000000', undefined, 404, 'NotFound'],
    ["another seller's order", 'OTHER', undefined, 404, 'NotFound'],
  ])('%s → %i', async (_name, id, includedData, status, code) => {
    const orderId =
      id === 'ORDER'
        ? unshippedMerchantOrder().amazonOrderId
        : id === 'OTHER'
          ? (h.state.orders.list(OTHER_SELLER_NA.sellingPartnerId, h.now())[0]?.amazonOrderId ?? '')
          : id;
    const result = await getOrder(orderId, h.accessToken(), includedData);
    expect(result.status).toBe(status);
    expectConforms('orders20260101', 'getOrder', result);
    expect(firstError(result).code).toBe(code);
  });
});
