import { describe, expect, it } from 'vitest';
import {
  pick,
  pickList,
  runCase,
  useFixtureCaseContext,
  type ConformanceCase,
  type FixtureCaseContext,
} from '../helpers/conformance-runner.js';
import { CA, MINUTE_MS, US, daysBefore, iso, v0 } from '../helpers/conformance-requests.js';
import type { SpapiRequest } from '../helpers/sim-client.js';

type Ctx = FixtureCaseContext;

const recent = ({ now }: Ctx): SpapiRequest =>
  v0.getOrders({ MarketplaceIds: [US], CreatedAfter: daysBefore(now, 3) });
const ordersOf = (body: unknown): unknown[] => pickList(body, 'payload', 'Orders');
const orderById = (body: unknown, id: string): unknown =>
  ordersOf(body).find((order) => pick(order, 'AmazonOrderId') === id);

function expectNoPii(body: unknown): void {
  expect(ordersOf(body).length).toBeGreaterThan(0);
  for (const order of ordersOf(body)) {
    expect(pick(order, 'BuyerInfo', 'BuyerEmail')).toBeUndefined();
    expect(pick(order, 'ShippingAddress', 'AddressLine1')).toBeUndefined();
    expect(pick(order, 'ShippingAddress', 'Name')).toBeUndefined();
  }
}

const CASES: ConformanceCase<Ctx>[] = [
  {
    name: 'CreatedAfter window with an access token: orders without PII',
    request: recent,
    status: 200,
    check: (body, { orders }) => {
      expectNoPii(body);
      expect(pick(orderById(body, orders.mfnGift), 'ShippingAddress', 'City')).toBeDefined();
      expect(pick(body, 'payload', 'CreatedBefore')).toEqual(expect.any(String));
    },
  },
  {
    name: 'generic-path RDT with buyerInfo and shippingAddress: PII of the orders',
    request: recent,
    token: ({ h }) =>
      h.restrictedDataToken([
        {
          method: 'GET',
          path: '/orders/v0/orders',
          dataElements: ['buyerInfo', 'shippingAddress'],
        },
      ]),
    status: 200,
    check: (body, { orders }) => {
      const gift = orderById(body, orders.mfnGift);
      expect(pick(gift, 'ShippingAddress', 'AddressLine1')).toEqual(expect.any(String));
      expect(pick(gift, 'BuyerInfo', 'BuyerEmail')).toEqual(expect.any(String));
      expect(pick(orderById(body, orders.pending), 'ShippingAddress')).toBeUndefined();
    },
  },
  {
    name: 'generic-path RDT without dataElements: no PII',
    request: recent,
    token: ({ h }) => h.restrictedDataToken([{ method: 'GET', path: '/orders/v0/orders' }]),
    status: 200,
    check: expectNoPii,
  },
  {
    name: 'LastUpdatedAfter with status, channel and marketplace filters',
    request: ({ now }) =>
      v0.getOrders({
        MarketplaceIds: [US, CA],
        LastUpdatedAfter: daysBefore(now, 30),
        LastUpdatedBefore: iso(now - 5 * MINUTE_MS),
        OrderStatuses: ['Unshipped', 'Shipped'],
        FulfillmentChannels: ['MFN'],
        MaxResultsPerPage: 100,
      }),
    status: 200,
    check: (body) => {
      for (const order of ordersOf(body)) {
        expect(['Unshipped', 'Shipped']).toContain(pick(order, 'OrderStatus'));
        expect(pick(order, 'FulfillmentChannel')).toBe('MFN');
      }
      expect(pick(body, 'payload', 'LastUpdatedBefore')).toEqual(expect.any(String));
    },
  },
  {
    name: 'AmazonOrderIds selects those orders',
    request: ({ now, orders }) =>
      v0.getOrders({
        MarketplaceIds: [US],
        CreatedAfter: daysBefore(now, 30),
        AmazonOrderIds: [orders.mfnGift, orders.afnShipped],
      }),
    status: 200,
    check: (body, { orders }) => {
      const ids = ordersOf(body).map((order) => pick(order, 'AmazonOrderId'));
      expect(ids.sort()).toEqual([orders.mfnGift, orders.afnShipped].sort());
    },
  },
];

describe('Orders v0 getOrders conforms to the model', () => {
  const ctx = useFixtureCaseContext();

  it.each(CASES)('$name → $status', async (c) => {
    await runCase(ctx, c);
  });

  it('pages with a URL-encoded NextToken until the last page, every page conforming', async () => {
    const query = {
      MarketplaceIds: [US],
      CreatedAfter: daysBefore(ctx.now, 30),
      MaxResultsPerPage: 25,
    };
    const seen = new Set<unknown>();
    let nextToken: unknown;
    let pages = 0;
    do {
      const pageQuery = typeof nextToken === 'string' ? { ...query, NextToken: nextToken } : query;
      const { body } = await runCase(ctx, {
        name: `page ${pages + 1}`,
        request: () => v0.getOrders(pageQuery),
        status: 200,
      });
      for (const order of ordersOf(body)) seen.add(pick(order, 'AmazonOrderId'));
      nextToken = pick(body, 'payload', 'NextToken');
      pages += 1;
    } while (typeof nextToken === 'string' && pages < 20);
    expect(nextToken).toBeUndefined();
    expect(pages).toBeGreaterThan(1);
    expect(seen.size).toBeGreaterThan(25);
  });
});
