import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../src/data/time.js';
import { PAGINATION_TOKEN_TTL_MS } from '../../src/orders-2026/order-cursor.js';
import { expectInvalidInput, searchAllPages, searchOrders } from '../helpers/orders-2026-client.js';
import { OTHER_SELLER_NA, SELLER_NA, useSimHarness } from '../helpers/sim-harness.js';

const h = useSimHarness({ timeScale: 1_000_000 });
let token: string;
// Access tokens live an hour on the simulator clock, which some tests advance by days.
beforeEach(() => {
  token = h.accessToken();
});

function ids(pages: { orders: { orderId: string }[] }[]): string[] {
  return pages.flatMap((page) => page.orders.map((o) => o.orderId));
}

describe('searchOrders pagination', () => {
  it('returns every order of the window exactly once over several pages', async () => {
    const createdAfter = h.isoAgo(40 * DAY_MS);
    const pages = await searchAllPages(h, token, { createdAfter, maxResultsPerPage: '45' });
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages.slice(0, -1)) expect(page.orders).toHaveLength(45);
    expect(pages.at(-1)?.pagination).toBeUndefined();

    const got = ids(pages);
    expect(new Set(got).size).toBe(got.length);
    const bound = Date.parse(pages[0]?.createdBefore ?? '');
    expect(pages.every((p) => p.createdBefore === pages[0]?.createdBefore)).toBe(true);
    const expected = h.state.orders
      .list(SELLER_NA.sellingPartnerId, bound)
      .filter((v) => v.purchaseDate >= Date.parse(createdAfter))
      .map((v) => v.amazonOrderId);
    expect([...got].sort()).toEqual([...expected].sort());

    const created = pages.flatMap((p) => p.orders.map((o) => Date.parse(o.createdTime)));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('stays exact while the clock moves and orders change between pages', async () => {
    const lastUpdatedAfter = h.isoAgo(10 * DAY_MS);
    // Each page gets a fresh access token: they live one hour on the clock being advanced.
    const pages = await searchAllPages(
      h,
      () => h.accessToken(),
      { lastUpdatedAfter, maxResultsPerPage: '20' },
      () => {
        h.state.clock.advance(2 * HOUR_MS);
      },
    );
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const got = ids(pages);
    expect(new Set(got).size).toBe(got.length);
    const bound = Date.parse(pages[0]?.lastUpdatedBefore ?? '');
    const expected = h.state.orders
      .list(SELLER_NA.sellingPartnerId, bound)
      .filter((v) => v.lastUpdateDate >= Date.parse(lastUpdatedAfter) && v.lastUpdateDate <= bound);
    expect([...got].sort()).toEqual(expected.map((v) => v.amazonOrderId).sort());
  });

  it('lets maxResultsPerPage and includedData change between pages', async () => {
    const query = { createdAfter: h.isoAgo(40 * DAY_MS), maxResultsPerPage: '30' };
    const first = await searchOrders(h, token, query);
    const nextToken = first.body.pagination?.nextToken ?? '';
    const second = await searchOrders(h, token, {
      ...query,
      maxResultsPerPage: '5',
      includedData: 'FULFILLMENT',
      paginationToken: nextToken,
    });
    expect(second.result.status).toBe(200);
    expect(second.body.orders).toHaveLength(5);
    expect(second.body.orders.every((o) => o.fulfillment !== undefined)).toBe(true);
  });

  describe('refuses a paginationToken that does not belong to the request', () => {
    const query = (): Record<string, string> => ({
      createdAfter: h.isoAgo(40 * DAY_MS),
      maxResultsPerPage: '10',
    });
    const firstToken = async (q: Record<string, string>): Promise<string> => {
      const { body } = await searchOrders(h, token, q);
      const next = body.pagination?.nextToken;
      expect(next).toBeTypeOf('string');
      return next ?? '';
    };

    it('tampered', async () => {
      const q = query();
      const next = await firstToken(q);
      const [payload = '', mac = ''] = next.split('.');
      const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { k: number };
      forged.k = 0;
      const tampered = `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
      for (const bad of [tampered, `${next}x`, 'not-a-token', '']) {
        const { result } = await searchOrders(h, token, { ...q, paginationToken: bad });
        expectInvalidInput(result);
      }
    });

    it('with other filters', async () => {
      const q = query();
      const next = await firstToken(q);
      const { result } = await searchOrders(h, token, {
        ...q,
        fulfilledBy: 'MERCHANT',
        paginationToken: next,
      });
      expectInvalidInput(result);
    });

    it("of another seller's search", async () => {
      const q = query();
      const next = await firstToken(q);
      const other = h.accessToken({ seller: OTHER_SELLER_NA });
      const { result } = await searchOrders(h, other, { ...q, paginationToken: next });
      expectInvalidInput(result);
    });

    it('older than 24 hours', async () => {
      const q = { lastUpdatedAfter: h.isoAgo(40 * DAY_MS), maxResultsPerPage: '10' };
      const next = await firstToken(q);
      h.state.clock.advance(PAGINATION_TOKEN_TTL_MS + 1000);
      const fresh = h.accessToken();
      const { result } = await searchOrders(h, fresh, { ...q, paginationToken: next });
      expectInvalidInput(result);
    });
  });
});
