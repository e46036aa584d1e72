import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainOrder } from '../../orders/index.js';
import { scaledClock, type IncludedData } from '../../spapi/index.js';
import { accessHarness, type AccessHarness } from '../../spapi/testing/access-harness.js';
import { simControl } from '../../spapi/testing/sim-control.js';
import {
  SELLER_NA,
  SIM_WORLD,
  connectSeller,
  testRefreshTokens,
} from '../../spapi/testing/sim-world.js';
import { mapOrder2026 } from './map-2026.js';
import { mapOrderV0, v0ShippedAt } from './map-v0.js';
import type { ParsedOrderV0 } from './orders-v0.schema.js';
import { parseGetOrderItems, parseGetOrders, parseSearchOrders } from './parse-response.js';

// Real pages from the simulator, through our real client: Orders v0 with and without an RDT,
// Orders 2026-01-01 with and without includedData. Canary orders planted through the control
// API give known buyer and address values; the mapped DomainOrders must hold them in the right
// fields, exactly when the response carried them. Buckets refill TIME_SCALE times faster on
// both sides so a call per order does not wait.

const TIME_SCALE = 1000;
const US = SELLER_NA.marketplaceIds[0];
const CONTEXT = { sellerId: SELLER_NA.sellingPartnerId, region: 'na' } as const;
const HOUR_MS = 3_600_000;
const ALL_2026: readonly IncludedData[] = [
  'BUYER',
  'RECIPIENT',
  'FULFILLMENT',
  'PROCEEDS',
  'PACKAGES',
];

const canary = (tag: string) => ({
  buyer: { name: `Sim Canary Buyer ${tag}`, email: `sim-canary-${tag}@marketplace.amazon.com` },
  shippingAddress: {
    name: `Sim Canary Recipient ${tag}`,
    addressLine1: `${tag} Canary Street`,
    addressLine2: `Suite ${tag}`,
    city: 'Canary Falls',
    stateOrRegion: 'OR',
    postalCode: '97001-4242',
    countryCode: 'US',
    phone: '+1 503-555-0142',
    addressType: 'Residential',
  },
  gift: `Gift message of canary ${tag}`,
});

type Canary = ReturnType<typeof canary>;

const PLANTED = {
  unshipped: { status: 'Unshipped', values: canary('U1') },
  shipped: { status: 'Shipped', values: canary('S1') },
  pending: { status: 'Pending', values: canary('P1') },
  canceled: { status: 'Canceled', values: canary('C1') },
} as const;
type PlantedKey = keyof typeof PLANTED;

let sim: RunningSimulator;
let h: AccessHarness;
const ids = {} as Record<PlantedKey, string>;
const v0 = { locked: new Map<string, DomainOrder>(), unlocked: new Map<string, DomainOrder>() };
const v2026 = {
  full: new Map<string, DomainOrder>(),
  fulfillmentOnly: new Map<string, DomainOrder>(),
};
const rawV0 = new Map<string, ParsedOrderV0>();

async function getOrdersPage(restrictedDataToken?: string) {
  const response = await h.access.client.call(
    'ordersV0.getOrders',
    {
      query: {
        MarketplaceIds: [US],
        CreatedAfter: new Date(Date.now() - 30 * 24 * HOUR_MS).toISOString(),
        MaxResultsPerPage: 100,
      },
    },
    { ...CONTEXT, restrictedDataToken },
  );
  return parseGetOrders(response.body);
}

async function orderItems(orderId: string, restrictedDataToken?: string) {
  const response = await h.access.client.call(
    'ordersV0.getOrderItems',
    { path: { orderId } },
    { ...CONTEXT, restrictedDataToken },
  );
  return parseGetOrderItems(response.body).items;
}

async function searchAll(includedData: readonly IncludedData[]): Promise<DomainOrder[]> {
  const out: DomainOrder[] = [];
  let paginationToken: string | undefined;
  const createdAfter = new Date(Date.now() - 30 * 24 * HOUR_MS).toISOString();
  do {
    const response = await h.access.client.call(
      'orders20260101.searchOrders',
      {
        query: {
          marketplaceIds: [US],
          createdAfter,
          maxResultsPerPage: 100,
          includedData,
          ...(paginationToken === undefined ? {} : { paginationToken }),
        },
      },
      CONTEXT,
    );
    const page = parseSearchOrders(response.body);
    for (const order of page.orders)
      out.push(mapOrder2026(order, { connectionId: 'conn-sim', includedData }));
    paginationToken = page.nextToken ?? undefined;
  } while (paginationToken !== undefined);
  return out;
}

beforeAll(async () => {
  sim = await startSimulator({ ...SIM_WORLD, timeScale: TIME_SCALE });
  const refreshTokens = testRefreshTokens();
  h = accessHarness(sim.urls, refreshTokens, { rateClock: scaledClock(TIME_SCALE) });
  await connectSeller(sim.urls, h.access.tokens, refreshTokens, SELLER_NA);
  const control = simControl(sim.urls.control);
  const purchaseDate = new Date(Date.now() - HOUR_MS).toISOString();
  for (const [key, { status, values }] of Object.entries(PLANTED)) {
    const planted = await control.addOrder(SELLER_NA.sellingPartnerId, {
      canary: true,
      status,
      purchaseDate,
      isPrime: true,
      isBusinessOrder: false,
      buyer: values.buyer,
      shippingAddress: values.shippingAddress,
      items: [{ quantityOrdered: 2, giftMessageText: values.gift }],
    });
    ids[key as PlantedKey] = planted.amazonOrderId;
  }

  const rdt = await h.access.client.call(
    'tokens20210301.createRestrictedDataToken',
    {
      body: {
        restrictedResources: [
          {
            method: 'GET',
            path: '/orders/v0/orders',
            dataElements: ['buyerInfo', 'shippingAddress'],
          },
          {
            method: 'GET',
            path: '/orders/v0/orders/{orderId}/orderItems',
            dataElements: ['buyerInfo'],
          },
        ],
      },
    },
    CONTEXT,
  );
  const token = rdt.body.restrictedDataToken;
  if (token === undefined) throw new Error('no RDT');

  const [locked, unlocked] = [await getOrdersPage(), await getOrdersPage(token)];
  expect(locked.nextToken).toBeNull();
  for (const order of unlocked.orders) rawV0.set(order.AmazonOrderId, order);
  const options = (order: ParsedOrderV0, piiUnlocked: boolean) => ({
    connectionId: 'conn-sim',
    piiUnlocked,
    shippedAt: v0ShippedAt(order),
    marketplaceId: US,
  });
  const canaryIds = new Set(Object.values(ids));
  for (const order of locked.orders) {
    const items = canaryIds.has(order.AmazonOrderId) ? await orderItems(order.AmazonOrderId) : [];
    v0.locked.set(order.AmazonOrderId, mapOrderV0(order, items, options(order, false)));
  }
  for (const order of unlocked.orders) {
    const items = await orderItems(order.AmazonOrderId, token);
    v0.unlocked.set(order.AmazonOrderId, mapOrderV0(order, items, options(order, true)));
  }
  for (const order of await searchAll(ALL_2026)) v2026.full.set(order.amazonOrderId, order);
  for (const order of await searchAll(['FULFILLMENT']))
    v2026.fulfillmentOnly.set(order.amazonOrderId, order);
}, 20_000);

afterAll(async () => {
  await sim.stop();
});

function planted(map: Map<string, DomainOrder>, key: PlantedKey): DomainOrder {
  const order = map.get(ids[key]);
  if (order === undefined) throw new Error(`canary ${key} not in the page`);
  return order;
}

function expectedPii(values: Canary) {
  const a = values.shippingAddress;
  return {
    buyerName: values.buyer.name,
    buyerEmail: values.buyer.email,
    recipientName: a.name,
    shippingAddress: expect.objectContaining({
      lines: [a.addressLine1, a.addressLine2],
      city: a.city,
      stateOrRegion: a.stateOrRegion,
    }) as unknown,
    phone: a.phone,
    postalCode: a.postalCode,
  };
}

describe('Orders v0 pages from the simulator', () => {
  it('the world is there: generated orders and the four canaries, each version the same orders', () => {
    expect(v0.locked.size).toBeGreaterThan(SELLER_NA.orderCount);
    expect([...v0.unlocked.keys()].sort()).toEqual([...v0.locked.keys()].sort());
    expect([...v2026.full.keys()].sort()).toEqual([...v0.locked.keys()].sort());
    expect(planted(v0.locked, 'unshipped').orderStatus).toBe('Unshipped');
    expect(planted(v0.locked, 'canceled').orderStatus).toBe('Canceled');
  });

  it('without an RDT: only the postal code is carried, no gift message key', () => {
    const order = planted(v0.locked, 'unshipped');
    expect(order.pii).toEqual({ postalCode: PLANTED.unshipped.values.shippingAddress.postalCode });
    expect(order.items.length).toBeGreaterThan(0);
    for (const item of order.items) expect(item).not.toHaveProperty('giftMessage');
    for (const each of v0.locked.values()) {
      expect(Object.keys(each.pii).filter((k) => k !== 'postalCode')).toEqual([]);
    }
  });

  it('with an RDT: the canary values land in the right fields, gift message included', () => {
    for (const key of ['unshipped', 'shipped'] as const) {
      const order = planted(v0.unlocked, key);
      const { values } = PLANTED[key];
      expect(order.pii).toEqual({ ...expectedPii(values), buyerTaxInformation: null });
      expect(order.items.map((i) => i.giftMessage)).toEqual([values.gift]);
      expect(order.items[0]?.quantity).toBe(2);
      expect(order).toMatchObject({ isPrime: true, isBusiness: false, fulfillmentChannel: 'MFN' });
    }
    expect(planted(v0.unlocked, 'shipped').shippedAt).toBe(
      planted(v0.unlocked, 'shipped').lastUpdateDate,
    );
    expect(planted(v0.unlocked, 'unshipped').shippedAt).toBeNull();
  });

  it('Pending and Canceled: nothing carried even with the RDT', () => {
    for (const key of ['pending', 'canceled'] as const) {
      const order = planted(v0.unlocked, key);
      expect(order.pii).toEqual({});
      for (const item of order.items) expect(item).not.toHaveProperty('giftMessage');
    }
    for (const order of v0.unlocked.values()) {
      if (!['Unshipped', 'PartiallyShipped', 'Shipped'].includes(order.orderStatus))
        expect(order.pii).toEqual({});
    }
  });

  it('facts match the raw response for every order', () => {
    for (const [id, order] of v0.unlocked) {
      const raw = rawV0.get(id);
      expect(order).toMatchObject({
        marketplaceId: raw?.MarketplaceId,
        orderStatus: raw?.OrderStatus,
        purchaseDate: raw?.PurchaseDate,
        latestShipDate: raw?.LatestShipDate ?? null,
        shippingCountryCode: raw?.ShippingAddress?.CountryCode ?? null,
        isPrime: raw?.IsPrime ?? false,
      });
    }
  });
});

describe('Orders 2026-01-01 pages from the simulator', () => {
  it('BUYER, RECIPIENT, FULFILLMENT: the canary values land in the same fields as v0 with an RDT', () => {
    for (const key of ['unshipped', 'shipped'] as const) {
      const order = planted(v2026.full, key);
      const { values } = PLANTED[key];
      expect(order.pii).toEqual(expectedPii(values));
      expect(order.items.map((i) => i.giftMessage)).toEqual([values.gift]);
    }
    const shipped = planted(v2026.full, 'shipped');
    expect(shipped.shippedAt).not.toBeNull();
    expect(shipped.shippedAt).toBeLessThanOrEqual(shipped.lastUpdateDate);
    for (const key of ['pending', 'canceled'] as const)
      expect(planted(v2026.full, key).pii).toEqual({});
  });

  it('every order maps to the same facts and PII as v0 with an RDT', () => {
    for (const [id, order] of v2026.full) {
      const old = v0.unlocked.get(id);
      if (old === undefined) throw new Error(`${id} missing from v0`);
      expect(order).toMatchObject({
        marketplaceId: old.marketplaceId,
        orderStatus: old.orderStatus,
        purchaseDate: old.purchaseDate,
        lastUpdateDate: old.lastUpdateDate,
        fulfillmentChannel: old.fulfillmentChannel,
        latestShipDate: old.latestShipDate,
        shippingCountryCode: old.shippingCountryCode,
        isPrime: old.isPrime,
        isBusiness: old.isBusiness,
      });
      if (order.orderStatus === 'Shipped') {
        expect(order.shippedAt).not.toBeNull();
        expect(old.shippedAt).not.toBeNull();
      } else {
        expect(old.shippedAt).toBeNull();
      }
      expect(order.orderTotal).toEqual(old.orderTotal);
      expect(
        order.items.map(({ orderItemId, asin, sellerSku, title, quantity, giftMessage }) => ({
          orderItemId,
          asin,
          sellerSku,
          title,
          quantity,
          giftMessage,
        })),
      ).toEqual(
        old.items.map(({ orderItemId, asin, sellerSku, title, quantity, giftMessage }) => ({
          orderItemId,
          asin,
          sellerSku,
          title,
          quantity,
          giftMessage,
        })),
      );
      // v0 carries the (empty) tax information; 2026 gives the e-mail for MFN orders only.
      const v0Pii: Record<string, unknown> = { ...old.pii };
      expect(v0Pii.buyerTaxInformation ?? null).toBeNull();
      delete v0Pii.buyerTaxInformation;
      if (old.fulfillmentChannel === 'AFN' && 'buyerEmail' in v0Pii) v0Pii.buyerEmail = null;
      expect(order.pii).toEqual(v0Pii);
    }
  });

  it('FULFILLMENT only: no order-level PII; gift messages only where the answer holds one', () => {
    for (const [id, order] of v2026.fulfillmentOnly) {
      expect(order.pii).toEqual({});
      expect(order.shippingCountryCode).toBeNull();
      const full = v2026.full.get(id);
      order.items.forEach((item, index) => {
        const message = full?.items[index]?.giftMessage;
        if (typeof message === 'string') expect(item.giftMessage).toBe(message);
        else expect(item).not.toHaveProperty('giftMessage');
      });
    }
    expect(planted(v2026.fulfillmentOnly, 'unshipped').items[0]?.giftMessage).toBe(
      PLANTED.unshipped.values.gift,
    );
  });

  it('no canary value reached a log line of the SP-API layer', () => {
    const logged = JSON.stringify(h.logger.lines);
    for (const { values } of Object.values(PLANTED)) {
      for (const value of [
        values.buyer.name,
        values.buyer.email,
        values.shippingAddress.addressLine1,
        values.gift,
      ])
        expect(logged).not.toContain(value);
    }
  });
});
