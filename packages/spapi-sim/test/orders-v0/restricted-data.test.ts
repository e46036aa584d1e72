import { beforeAll, describe, expect, it } from 'vitest';
import type { RestrictedResource } from '../../src/core/grants.js';
import type { SimOrderView } from '../../src/data/order.types.js';
import { firstError, type SpapiReply } from '../helpers/sim-client.js';
import { OTHER_SELLER_NA, SELLER_NA, useSimHarness } from '../helpers/sim-harness.js';

interface V0Address {
  Name?: string;
  AddressLine1?: string;
  Phone?: string;
  City?: string;
  PostalCode?: string;
  CountryCode?: string;
}
interface V0Order {
  AmazonOrderId: string;
  ShippingAddress?: V0Address;
  BuyerInfo: { BuyerName?: string; BuyerEmail?: string };
}

const h = useSimHarness({ resetQuotasBeforeEach: true });
let accessToken: string;
/** An unshipped, merchant-fulfilled order: Amazon serves its address and buyer data with an RDT. */
let order: SimOrderView;

const ordersOf = (r: SpapiReply): V0Order[] =>
  (r.body as { payload: { Orders: V0Order[] } }).payload.Orders;
const payloadOf = (r: SpapiReply): unknown => (r.body as { payload: unknown }).payload;
const get = (path: string, token: string): Promise<SpapiReply> => h.request(path, token);
const listOrders = (token: string): Promise<SpapiReply> =>
  h.request('/orders/v0/orders', token, {
    query: {
      MarketplaceIds: 'ATVPDKIKX0DER,A2EUQ1WTGCTBG2',
      // Starts at the order under test, so it is on the first page.
      CreatedAfter: new Date(order.purchaseDate - 1000).toISOString(),
    },
  });
/** createRestrictedDataToken with the seller's access token; throws unless 200. */
const createRdt = (resources: RestrictedResource[], token = accessToken): Promise<string> =>
  h.restrictedDataToken(resources, { token });

beforeAll(() => {
  accessToken = h.accessToken();
  const now = h.now();
  const candidate = h.state.orders
    .list(SELLER_NA.sellingPartnerId, now)
    .find(
      (v) =>
        v.status === 'Unshipped' &&
        v.fulfillmentChannel === 'MFN' &&
        v.purchaseDate < now - 600_000,
    );
  if (!candidate) throw new Error('the seeded data has no unshipped MFN order');
  order = candidate;
});

describe('restricted data with a plain LWA access token', () => {
  it('getOrders leaves out the restricted fields but keeps City/PostalCode/CountryCode', async () => {
    const response = await listOrders(accessToken);
    expect(response.status).toBe(200);
    const listed = ordersOf(response).find((o) => o.AmazonOrderId === order.amazonOrderId);
    expect(listed?.ShippingAddress).toEqual({
      City: order.shippingAddress.city,
      StateOrRegion: order.shippingAddress.stateOrRegion,
      PostalCode: order.shippingAddress.postalCode,
      CountryCode: order.shippingAddress.countryCode,
    });
    expect(listed?.BuyerInfo).toEqual({});
    expect(JSON.stringify(response.body)).not.toContain(order.shippingAddress.addressLine1);
  });

  it('getOrderAddress answers 200 with the partial address, not 403', async () => {
    const response = await get(`/orders/v0/orders/${order.amazonOrderId}/address`, accessToken);
    expect(response.status).toBe(200);
    const payload = payloadOf(response) as { AmazonOrderId: string; ShippingAddress: V0Address };
    expect(payload.AmazonOrderId).toBe(order.amazonOrderId);
    expect(payload.ShippingAddress.Name).toBeUndefined();
    expect(payload.ShippingAddress.PostalCode).toBe(order.shippingAddress.postalCode);
  });

  it('getOrderBuyerInfo and getOrderItemsBuyerInfo answer 200 without buyer data', async () => {
    const buyer = await get(`/orders/v0/orders/${order.amazonOrderId}/buyerInfo`, accessToken);
    expect(buyer.status).toBe(200);
    expect(payloadOf(buyer)).toEqual({ AmazonOrderId: order.amazonOrderId });
    const items = await get(
      `/orders/v0/orders/${order.amazonOrderId}/orderItems/buyerInfo`,
      accessToken,
    );
    expect(items.status).toBe(200);
    expect(JSON.stringify(items.body)).not.toContain('GiftMessageText');
  });
});

describe('restricted data with an RDT', () => {
  it('a generic getOrders RDT with both data elements returns name, address and buyer', async () => {
    const rdt = await createRdt([
      { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
    ]);
    const listed = ordersOf(await listOrders(rdt)).find(
      (o) => o.AmazonOrderId === order.amazonOrderId,
    );
    expect(listed?.ShippingAddress?.Name).toBe(order.shippingAddress.name);
    expect(listed?.ShippingAddress?.AddressLine1).toBe(order.shippingAddress.addressLine1);
    expect(listed?.BuyerInfo.BuyerName).toBe(order.buyer.name);
  });

  it('respects dataElements: shippingAddress alone does not unlock BuyerInfo', async () => {
    const rdt = await createRdt([
      { method: 'GET', path: '/orders/v0/orders', dataElements: ['shippingAddress'] },
    ]);
    const listed = ordersOf(await listOrders(rdt)).find(
      (o) => o.AmazonOrderId === order.amazonOrderId,
    );
    expect(listed?.ShippingAddress?.Name).toBe(order.shippingAddress.name);
    expect(listed?.BuyerInfo).toEqual({});
  });

  it('an RDT without dataElements is valid for getOrders but unlocks nothing', async () => {
    const rdt = await createRdt([{ method: 'GET', path: '/orders/v0/orders' }]);
    const listed = ordersOf(await listOrders(rdt)).find(
      (o) => o.AmazonOrderId === order.amazonOrderId,
    );
    expect(listed?.ShippingAddress?.Name).toBeUndefined();
  });

  it('a specific getOrder path unlocks that order only', async () => {
    const rdt = await createRdt([
      {
        method: 'GET',
        path: `/orders/v0/orders/${order.amazonOrderId}`,
        dataElements: ['shippingAddress'],
      },
    ]);
    const own = await get(`/orders/v0/orders/${order.amazonOrderId}`, rdt);
    expect(own.status).toBe(200);
    expect((payloadOf(own) as V0Order).ShippingAddress?.Name).toBe(order.shippingAddress.name);
    const other = h.state.orders
      .list(SELLER_NA.sellingPartnerId, h.now())
      .find((v) => v.amazonOrderId !== order.amazonOrderId);
    const refused = await get(`/orders/v0/orders/${other?.amazonOrderId ?? ''}`, rdt);
    expect(refused.status).toBe(403);
    expect(firstError(refused).code).toBe('Unauthorized');
  });

  it('a generic {orderId} address path covers any order', async () => {
    const rdt = await createRdt([{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }]);
    const response = await get(`/orders/v0/orders/${order.amazonOrderId}/address`, rdt);
    expect(response.status).toBe(200);
    const payload = payloadOf(response) as { ShippingAddress: V0Address };
    expect(payload.ShippingAddress.Name).toBe(order.shippingAddress.name);
    expect(payload.ShippingAddress.AddressLine1).toBe(order.shippingAddress.addressLine1);
  });

  it('getOrderItems shows gift messages only with the buyerInfo data element', async () => {
    const gift = h.state.orders.add(SELLER_NA.sellingPartnerId, {
      purchaseDate: h.now() - 3_600_000,
      fulfillmentChannel: 'MFN',
      status: 'Unshipped',
      items: [{ quantityOrdered: 1, giftMessageText: 'Happy birthday!', giftWrapLevel: 'Classic' }],
    });
    const path = `/orders/v0/orders/${gift.amazonOrderId}/orderItems`;
    const plain = await get(path, accessToken);
    expect(JSON.stringify(plain.body)).not.toContain('GiftMessageText');
    const rdt = await createRdt([
      {
        method: 'GET',
        path: '/orders/v0/orders/{orderId}/orderItems',
        dataElements: ['buyerInfo'],
      },
    ]);
    const unlocked = await get(path, rdt);
    expect(JSON.stringify(unlocked.body)).toContain('Happy birthday!');
    const itemsBuyerInfo = await get(`${path}/buyerInfo`, accessToken);
    expect(JSON.stringify(itemsBuyerInfo.body)).not.toContain('Happy birthday!');
  });
});

describe('RDTs that do not cover the call', () => {
  it('a trailing-slash path is accepted at creation, and the call gets 403', async () => {
    const rdt = await createRdt([
      { method: 'GET', path: '/orders/v0/orders/', dataElements: ['buyerInfo', 'shippingAddress'] },
    ]);
    const response = await listOrders(rdt);
    expect(response.status).toBe(403);
    expect(firstError(response)).toMatchObject({
      code: 'Unauthorized',
      message: 'Access to requested resource is denied.',
    });
    expect(response.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
  });

  it('an RDT for the address path cannot call getOrders', async () => {
    const rdt = await createRdt([{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }]);
    const response = await listOrders(rdt);
    expect(response.status).toBe(403);
    expect(firstError(response).code).toBe('Unauthorized');
  });

  it('an RDT cannot call createRestrictedDataToken', async () => {
    const rdt = await createRdt([{ method: 'GET', path: '/orders/v0/orders' }]);
    await expect(createRdt([{ method: 'GET', path: '/orders/v0/orders' }], rdt)).rejects.toThrow(
      /403/,
    );
  });
});

describe('RDT binding', () => {
  it('is bound to the seller: the generic order path does not reach another seller’s orders', async () => {
    const rdt = await createRdt([
      { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: ['shippingAddress'] },
    ]);
    const foreign = h.state.orders.list(OTHER_SELLER_NA.sellingPartnerId, h.now())[0];
    const response = await get(`/orders/v0/orders/${foreign?.amazonOrderId ?? ''}`, rdt);
    expect(response.status).toBe(404);
    expect(firstError(response).code).toBe('NotFound');
  });

  it('is bound to the region it was created in', async () => {
    const rdt = await createRdt([{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }]);
    const response = await h.request(`/orders/v0/orders/${order.amazonOrderId}/address`, rdt, {
      region: 'eu',
    });
    expect(response.status).toBe(403);
  });
});
