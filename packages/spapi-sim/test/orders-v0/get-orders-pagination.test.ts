import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OTHER_SELLER_NA,
  PII_APP,
  SELLER_NA,
  grantAccessToken,
  startSpapiHarness,
  type SpapiHarness,
} from '../helpers/orders-v0-harness.js';
import {
  firstError,
  spapiGet,
  spapiGetRaw,
  type SpapiResponse,
} from '../helpers/orders-v0-client.js';

interface OrdersPayload {
  Orders: { AmazonOrderId: string; PurchaseDate: string; LastUpdateDate: string }[];
  NextToken?: string;
  CreatedBefore?: string;
  LastUpdatedBefore?: string;
}

let harness: SpapiHarness;
let token: string;
const DAY = 86_400_000;
const payloadOf = (r: SpapiResponse): OrdersPayload =>
  (r.body as { payload: OrdersPayload }).payload;

beforeAll(async () => {
  harness = await startSpapiHarness();
  token = grantAccessToken(harness.state, PII_APP, SELLER_NA);
});
afterAll(async () => {
  await harness.stop();
});
beforeEach(() => {
  harness.state.rateLimiter.reset();
});

/** Follows NextToken to the end; returns every page. */
async function allPages(
  first: Record<string, string>,
  accessToken = token,
): Promise<OrdersPayload[]> {
  const pages: OrdersPayload[] = [];
  let response = await spapiGet(harness.spapi.na, '/orders/v0/orders', accessToken, first);
  for (;;) {
    expect(response.status).toBe(200);
    const page = payloadOf(response);
    pages.push(page);
    if (!page.NextToken) return pages;
    response = await spapiGet(harness.spapi.na, '/orders/v0/orders', accessToken, {
      MarketplaceIds: first.MarketplaceIds ?? '',
      NextToken: page.NextToken,
    });
  }
}

describe('getOrders pagination', () => {
  it('returns every order exactly once across pages, oldest first', async () => {
    const createdAfter = new Date(harness.state.clock.now() - 30 * DAY).toISOString();
    const pages = await allPages({
      MarketplaceIds: SELLER_NA.marketplaceIds.join(','),
      CreatedAfter: createdAfter,
      MaxResultsPerPage: '25',
    });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const ids = pages.flatMap((p) => p.Orders.map((o) => o.AmazonOrderId));
    expect(new Set(ids).size).toBe(ids.length);
    const bound = Date.parse(pages[0]?.CreatedBefore ?? '');
    const expected = harness.state.orders
      .list(SELLER_NA.sellingPartnerId, harness.state.clock.now())
      .filter((o) => o.purchaseDate <= bound + 999)
      .map((o) => o.amazonOrderId);
    expect(ids.sort()).toEqual(expected.sort());
    const dates = pages.flatMap((p) => p.Orders.map((o) => Date.parse(o.PurchaseDate)));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(pages.every((p) => p.CreatedBefore === pages[0]?.CreatedBefore)).toBe(true);
  });

  it('issues a NextToken that needs URL-encoding, and refuses it unencoded', async () => {
    const response = await spapiGet(harness.spapi.na, '/orders/v0/orders', token, {
      MarketplaceIds: 'ATVPDKIKX0DER',
      CreatedAfter: new Date(harness.state.clock.now() - 30 * DAY).toISOString(),
      MaxResultsPerPage: '5',
    });
    const nextToken = payloadOf(response).NextToken ?? '';
    expect(nextToken).toMatch(/[+/=]/);
    expect(encodeURIComponent(nextToken)).not.toBe(nextToken);
    const raw = await spapiGetRaw(
      harness.spapi.na,
      `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&NextToken=${nextToken}`,
      token,
    );
    expect(raw.status).toBe(400);
    expect(firstError(raw)).toMatchObject({
      code: 'InvalidInput',
      message: expect.stringMatching(/could not decode your NextToken/) as unknown,
    });
    const encoded = await spapiGet(harness.spapi.na, '/orders/v0/orders', token, {
      MarketplaceIds: 'ATVPDKIKX0DER',
      NextToken: nextToken,
    });
    expect(encoded.status).toBe(200);
  });

  it('refuses a tampered or foreign NextToken', async () => {
    const response = await spapiGet(harness.spapi.na, '/orders/v0/orders', token, {
      MarketplaceIds: 'ATVPDKIKX0DER',
      CreatedAfter: new Date(harness.state.clock.now() - 30 * DAY).toISOString(),
      MaxResultsPerPage: '5',
    });
    const nextToken = payloadOf(response).NextToken ?? '';
    const middle = Math.floor(nextToken.length / 2);
    const flipped = nextToken[middle] === 'A' ? 'B' : 'A';
    const tampered = `${nextToken.slice(0, middle)}${flipped}${nextToken.slice(middle + 1)}`;
    for (const bad of [tampered, 'not-a-token', nextToken.slice(0, -8)]) {
      const r = await spapiGet(harness.spapi.na, '/orders/v0/orders', token, {
        MarketplaceIds: 'ATVPDKIKX0DER',
        NextToken: bad,
      });
      expect(r.status).toBe(400);
      expect(firstError(r).code).toBe('InvalidInput');
    }
    const otherSeller = grantAccessToken(harness.state, PII_APP, OTHER_SELLER_NA);
    const foreign = await spapiGet(harness.spapi.na, '/orders/v0/orders', otherSeller, {
      MarketplaceIds: 'ATVPDKIKX0DER',
      NextToken: nextToken,
    });
    expect(foreign.status).toBe(400);
  });

  it('stays exact when orders change between pages (LastUpdatedAfter search)', async () => {
    const query = {
      MarketplaceIds: SELLER_NA.marketplaceIds.join(','),
      LastUpdatedAfter: new Date(harness.state.clock.now() - 30 * DAY).toISOString(),
      MaxResultsPerPage: '20',
    };
    const first = await spapiGet(harness.spapi.na, '/orders/v0/orders', token, query);
    const page1 = payloadOf(first);
    // A new order and half an hour of order progress happen between page 1 and page 2.
    harness.state.orders.add(SELLER_NA.sellingPartnerId, {
      purchaseDate: harness.state.clock.now() - 20 * DAY,
      status: 'Unshipped',
    });
    harness.state.clock.advance(30 * 60 * 1000);
    const seen = page1.Orders.map((o) => o.AmazonOrderId);
    let nextToken = page1.NextToken;
    while (nextToken) {
      const r = await spapiGet(harness.spapi.na, '/orders/v0/orders', token, {
        MarketplaceIds: query.MarketplaceIds,
        NextToken: nextToken,
      });
      expect(r.status).toBe(200);
      const page = payloadOf(r);
      seen.push(...page.Orders.map((o) => o.AmazonOrderId));
      nextToken = page.NextToken;
    }
    expect(new Set(seen).size).toBe(seen.length);
  });
});
