import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/data/time.js';
import { firstError, type Query, type SpapiReply } from '../helpers/sim-client.js';
import { OTHER_SELLER_NA, SELLER_NA, useSimHarness } from '../helpers/sim-harness.js';

interface OrdersPayload {
  Orders: { AmazonOrderId: string; PurchaseDate: string; LastUpdateDate: string }[];
  NextToken?: string;
  CreatedBefore?: string;
  LastUpdatedBefore?: string;
}

const h = useSimHarness({ resetQuotasBeforeEach: true });
let token: string;
beforeAll(() => {
  token = h.accessToken();
});

const payloadOf = (r: SpapiReply): OrdersPayload => (r.body as { payload: OrdersPayload }).payload;
const getOrders = (query: Query, accessToken = token): Promise<SpapiReply> =>
  h.request('/orders/v0/orders', accessToken, { query });

/** Follows NextToken to the end; returns every page. */
async function allPages(
  first: Record<string, string>,
  accessToken = token,
): Promise<OrdersPayload[]> {
  const pages: OrdersPayload[] = [];
  let response = await getOrders(first, accessToken);
  for (;;) {
    expect(response.status).toBe(200);
    const page = payloadOf(response);
    pages.push(page);
    if (!page.NextToken) return pages;
    response = await getOrders(
      { MarketplaceIds: first.MarketplaceIds ?? '', NextToken: page.NextToken },
      accessToken,
    );
  }
}

describe('getOrders pagination', () => {
  it('returns every order exactly once across pages, oldest first', async () => {
    const createdAfter = h.isoAgo(30 * DAY_MS);
    const pages = await allPages({
      MarketplaceIds: SELLER_NA.marketplaceIds.join(','),
      CreatedAfter: createdAfter,
      MaxResultsPerPage: '25',
    });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const ids = pages.flatMap((p) => p.Orders.map((o) => o.AmazonOrderId));
    expect(new Set(ids).size).toBe(ids.length);
    const bound = Date.parse(pages[0]?.CreatedBefore ?? '');
    const expected = h.state.orders
      .list(SELLER_NA.sellingPartnerId, h.now())
      .filter((o) => o.purchaseDate <= bound + 999)
      .map((o) => o.amazonOrderId);
    expect(ids.sort()).toEqual(expected.sort());
    const dates = pages.flatMap((p) => p.Orders.map((o) => Date.parse(o.PurchaseDate)));
    expect(dates).toEqual([...dates].sort((a, b) => a - b));
    expect(pages.every((p) => p.CreatedBefore === pages[0]?.CreatedBefore)).toBe(true);
  });

  it('issues a NextToken that needs URL-encoding, and refuses it unencoded', async () => {
    const response = await getOrders({
      MarketplaceIds: 'ATVPDKIKX0DER',
      CreatedAfter: h.isoAgo(30 * DAY_MS),
      MaxResultsPerPage: '5',
    });
    const nextToken = payloadOf(response).NextToken ?? '';
    expect(nextToken).toMatch(/[+/=]/);
    expect(encodeURIComponent(nextToken)).not.toBe(nextToken);
    const raw = await h.request(
      `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&NextToken=${nextToken}`,
      token,
    );
    expect(raw.status).toBe(400);
    expect(firstError(raw)).toMatchObject({
      code: 'InvalidInput',
      message: expect.stringMatching(/could not decode your NextToken/) as unknown,
    });
    const encoded = await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER', NextToken: nextToken });
    expect(encoded.status).toBe(200);
  });

  it('refuses a tampered or foreign NextToken', async () => {
    const response = await getOrders({
      MarketplaceIds: 'ATVPDKIKX0DER',
      CreatedAfter: h.isoAgo(30 * DAY_MS),
      MaxResultsPerPage: '5',
    });
    const nextToken = payloadOf(response).NextToken ?? '';
    const middle = Math.floor(nextToken.length / 2);
    const flipped = nextToken[middle] === 'A' ? 'B' : 'A';
    const tampered = `${nextToken.slice(0, middle)}${flipped}${nextToken.slice(middle + 1)}`;
    for (const bad of [tampered, 'not-a-token', nextToken.slice(0, -8)]) {
      const r = await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER', NextToken: bad });
      expect(r.status).toBe(400);
      expect(firstError(r).code).toBe('InvalidInput');
    }
    const otherSeller = h.accessToken({ seller: OTHER_SELLER_NA });
    const foreign = await getOrders(
      { MarketplaceIds: 'ATVPDKIKX0DER', NextToken: nextToken },
      otherSeller,
    );
    expect(foreign.status).toBe(400);
  });

  it('stays exact when orders change between pages (LastUpdatedAfter search)', async () => {
    const query = {
      MarketplaceIds: SELLER_NA.marketplaceIds.join(','),
      LastUpdatedAfter: h.isoAgo(30 * DAY_MS),
      MaxResultsPerPage: '20',
    };
    const first = await getOrders(query);
    const page1 = payloadOf(first);
    // A new order and half an hour of order progress happen between page 1 and page 2.
    h.state.orders.add(SELLER_NA.sellingPartnerId, {
      purchaseDate: h.now() - 20 * DAY_MS,
      status: 'Unshipped',
    });
    h.state.clock.advance(30 * 60 * 1000);
    const seen = page1.Orders.map((o) => o.AmazonOrderId);
    let nextToken = page1.NextToken;
    while (nextToken) {
      const r = await getOrders({ MarketplaceIds: query.MarketplaceIds, NextToken: nextToken });
      expect(r.status).toBe(200);
      const page = payloadOf(r);
      seen.push(...page.Orders.map((o) => o.AmazonOrderId));
      nextToken = page.NextToken;
    }
    expect(new Set(seen).size).toBe(seen.length);
  });
});
