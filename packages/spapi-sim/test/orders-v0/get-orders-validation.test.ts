import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/data/time.js';
import { firstError, type Query, type SpapiReply } from '../helpers/sim-client.js';
import { SELLER_NA, useSimHarness } from '../helpers/sim-harness.js';

interface Listed {
  payload: { Orders: { AmazonOrderId: string; OrderStatus: string }[] };
}

const h = useSimHarness({ resetQuotasBeforeEach: true });
let token: string;
beforeAll(() => {
  token = h.accessToken();
});

const MINUTE = 60_000;
const iso = (msAgo: number): string => h.isoAgo(msAgo);
const getOrders = (query: Query | URLSearchParams): Promise<SpapiReply> =>
  h.request('/orders/v0/orders', token, { query });

async function expectInvalid(query: Query, details: RegExp): Promise<void> {
  const response = await getOrders(query);
  expect(response.status).toBe(400);
  const error = firstError(response);
  expect(error.code).toBe('InvalidInput');
  expect(`${error.message} ${error.details ?? ''}`).toMatch(details);
  expect(response.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0167');
}

describe('getOrders date window', () => {
  it('refuses a CreatedBefore less than two minutes old', async () => {
    await expectInvalid(
      {
        MarketplaceIds: 'ATVPDKIKX0DER',
        CreatedAfter: iso(60 * MINUTE),
        CreatedBefore: iso(MINUTE),
      },
      /CreatedBefore must be at least two minutes before the current time/,
    );
  });

  it('accepts a CreatedBefore just over two minutes old and echoes it', async () => {
    const before = new Date(Math.floor((h.now() - 3 * MINUTE) / 1000) * 1000);
    const response = await getOrders({
      MarketplaceIds: 'ATVPDKIKX0DER',
      CreatedAfter: iso(24 * 60 * MINUTE),
      CreatedBefore: before.toISOString(),
    });
    expect(response.status).toBe(200);
    const payload = (response.body as { payload: { CreatedBefore: string } }).payload;
    expect(payload.CreatedBefore).toBe(before.toISOString().replace('.000Z', 'Z'));
  });

  it('refuses a LastUpdatedBefore less than two minutes old', async () => {
    await expectInvalid(
      {
        MarketplaceIds: 'ATVPDKIKX0DER',
        LastUpdatedAfter: iso(60 * MINUTE),
        LastUpdatedBefore: iso(30_000),
      },
      /LastUpdatedBefore must be at least two minutes/,
    );
  });

  it('refuses both CreatedAfter and LastUpdatedAfter', async () => {
    await expectInvalid(
      {
        MarketplaceIds: 'ATVPDKIKX0DER',
        CreatedAfter: iso(60 * MINUTE),
        LastUpdatedAfter: iso(60 * MINUTE),
      },
      /cannot be combined/,
    );
  });

  it('refuses neither CreatedAfter nor LastUpdatedAfter', async () => {
    await expectInvalid(
      { MarketplaceIds: 'ATVPDKIKX0DER' },
      /Either CreatedAfter or LastUpdatedAfter is required/,
    );
  });

  it('refuses CreatedAfter with LastUpdatedBefore, and a Before without its After', async () => {
    await expectInvalid(
      {
        MarketplaceIds: 'ATVPDKIKX0DER',
        CreatedAfter: iso(60 * MINUTE),
        LastUpdatedBefore: iso(10 * MINUTE),
      },
      /cannot be combined/,
    );
    await expectInvalid(
      { MarketplaceIds: 'ATVPDKIKX0DER', CreatedBefore: iso(10 * MINUTE) },
      /CreatedBefore can only be set together with CreatedAfter/,
    );
  });

  it('refuses a Before earlier than its After', async () => {
    await expectInvalid(
      {
        MarketplaceIds: 'ATVPDKIKX0DER',
        CreatedAfter: iso(10 * MINUTE),
        CreatedBefore: iso(20 * MINUTE),
      },
      /CreatedBefore must be equal to or after CreatedAfter/,
    );
  });

  it('refuses dates that are not ISO 8601, naming the fields', async () => {
    await expectInvalid(
      { MarketplaceIds: 'ATVPDKIKX0DER', CreatedAfter: '05/01/2026' },
      /Invalid date-time field\(s\) \[createdAfter\]/,
    );
  });

  it('refuses a + offset that was not URL-encoded (it arrives as a space)', async () => {
    const raw = `/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER&CreatedAfter=2026-01-01T00:00:00+01:00`;
    const response = await h.request(raw, token);
    expect(response.status).toBe(400);
  });

  it('accepts offsets and dates without a time', async () => {
    const day = h.isoAgo(2 * DAY_MS).slice(0, 10);
    expect((await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER', CreatedAfter: day })).status).toBe(
      200,
    );
    const offset = `${day}T10:00:00+02:00`;
    expect(
      (await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER', LastUpdatedAfter: offset })).status,
    ).toBe(200);
  });
});

describe('getOrders lists and enums', () => {
  const window = (): Record<string, string> => ({ CreatedAfter: iso(24 * 60 * MINUTE) });

  it('requires MarketplaceIds', async () => {
    await expectInvalid(window(), /MarketplaceIds is required/);
  });

  it('refuses more than 50 MarketplaceIds', async () => {
    const ids = Array.from({ length: 51 }, () => 'ATVPDKIKX0DER').join(',');
    // Duplicates count: Amazon checks the list as sent.
    await expectInvalid({ ...window(), MarketplaceIds: ids }, /at most 50 values/);
  });

  it('refuses a marketplace of another region or one the seller does not sell in', async () => {
    await expectInvalid(
      { ...window(), MarketplaceIds: 'A1PA6795UKMFR9' },
      /not served by the NA endpoint/,
    );
    await expectInvalid({ ...window(), MarketplaceIds: 'A1AM78C64UM0Y8' }, /does not participate/);
    await expectInvalid({ ...window(), MarketplaceIds: 'NOTAMARKET' }, /not a marketplace id/);
  });

  it('refuses MaxResultsPerPage 101, 0 and non-integers', async () => {
    for (const value of ['101', '0', '2.5', 'ten']) {
      await expectInvalid(
        { ...window(), MarketplaceIds: 'ATVPDKIKX0DER', MaxResultsPerPage: value },
        /MaxResultsPerPage must be an integer from 1 to 100/,
      );
    }
  });

  it('refuses unknown OrderStatuses, FulfillmentChannels and PaymentMethods', async () => {
    const base = { ...window(), MarketplaceIds: 'ATVPDKIKX0DER' };
    await expectInvalid(
      { ...base, OrderStatuses: 'Unshipped,Lost' },
      /OrderStatuses has invalid value\(s\) Lost/,
    );
    await expectInvalid({ ...base, FulfillmentChannels: 'FBA' }, /FulfillmentChannels/);
    await expectInvalid({ ...base, PaymentMethods: 'Card' }, /PaymentMethods/);
  });

  it('refuses more than 50 AmazonOrderIds', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => `111-0000000-${String(i).padStart(7, '0')}`);
    await expectInvalid(
      { ...window(), MarketplaceIds: 'ATVPDKIKX0DER', AmazonOrderIds: ids.join(',') },
      /at most 50/,
    );
  });

  it('refuses SellerOrderId together with OrderStatuses', async () => {
    await expectInvalid(
      {
        ...window(),
        MarketplaceIds: 'ATVPDKIKX0DER',
        SellerOrderId: 'X-1',
        OrderStatuses: 'Shipped',
      },
      /SellerOrderId cannot be combined with OrderStatuses/,
    );
  });

  it('reads arrays comma-separated or as repeated keys, with the same result', async () => {
    const statuses = ['Unshipped', 'Shipped'];
    const comma = await getOrders({
      ...window(),
      MarketplaceIds: 'ATVPDKIKX0DER,A2EUQ1WTGCTBG2',
      OrderStatuses: statuses.join(','),
    });
    const repeatedKeys: [string, string][] = [
      ...Object.entries(window()),
      ['MarketplaceIds', 'ATVPDKIKX0DER'],
      ['MarketplaceIds', 'A2EUQ1WTGCTBG2'],
      ...statuses.map((status): [string, string] => ['OrderStatuses', status]),
    ];
    const repeated = await getOrders(new URLSearchParams(repeatedKeys));
    expect(comma.status).toBe(200);
    const a = (comma.body as Listed).payload.Orders;
    expect(a.map((o) => o.AmazonOrderId)).toEqual(
      (repeated.body as Listed).payload.Orders.map((o) => o.AmazonOrderId),
    );
    expect(a.every((o) => statuses.includes(o.OrderStatus))).toBe(true);
  });

  it('filters by AmazonOrderIds', async () => {
    const some = h.state.orders.list(SELLER_NA.sellingPartnerId, h.now() - 5 * MINUTE).slice(-3);
    const response = await getOrders({
      MarketplaceIds: SELLER_NA.marketplaceIds.join(','),
      CreatedAfter: iso(30 * 24 * 60 * MINUTE),
      AmazonOrderIds: some.map((o) => o.amazonOrderId).join(','),
    });
    const ids = (
      response.body as { payload: { Orders: { AmazonOrderId: string }[] } }
    ).payload.Orders.map((o) => o.AmazonOrderId);
    expect(ids.sort()).toEqual(some.map((o) => o.amazonOrderId).sort());
  });
});
