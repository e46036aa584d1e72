import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/data/time.js';
import { firstError, type Query, type SpapiReply } from '../helpers/sim-client.js';
import { useSimHarness } from '../helpers/sim-harness.js';

const h = useSimHarness({ resetQuotasBeforeEach: true });
let token: string;
beforeAll(() => {
  token = h.accessToken();
});

const validQuery = (): Query => ({
  MarketplaceIds: 'ATVPDKIKX0DER',
  CreatedAfter: h.isoAgo(DAY_MS),
});
const getOrders = (query: Query, accessToken = token): Promise<SpapiReply> =>
  h.request('/orders/v0/orders', accessToken, { query });
const expectRequestId = (r: SpapiReply): void => {
  expect(r.headers.get('x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
};

describe('response headers', () => {
  it('sends x-amzn-RateLimit-Limit 0.0167 on getOrders 200 and 400, and a request id on each', async () => {
    const ok = await getOrders(validQuery());
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0167');
    expectRequestId(ok);
    const bad = await getOrders({ MarketplaceIds: 'ATVPDKIKX0DER' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0167');
    expectRequestId(bad);
  });

  it('answers an unknown order with 404 NotFound, the rate limit and a request id', async () => {
    const response = await h.request('/orders/v0/orders/111-0000000-0000000', token);
    expect(response.status).toBe(404);
    expect(firstError(response).code).toBe('NotFound');
    expect(response.headers.get('x-amzn-RateLimit-Limit')).toBe('0.5');
    expectRequestId(response);
  });

  it('answers a malformed order id with 400 InvalidInput', async () => {
    const response = await h.request('/orders/v0/orders/not-an-order', token);
    expect(response.status).toBe(400);
    expect(firstError(response).code).toBe('InvalidInput');
  });

  it('sends a request id but no rate limit on 403', async () => {
    const response = await getOrders(validQuery(), 'Atza|unknown');
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
    expectRequestId(response);
  });
});

describe('rate limits', () => {
  it('answers 429 QuotaExceeded once the getOrders bucket (burst 20) is empty, without the rate header', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      // 400s take a token too: the bucket is charged before the parameters are read.
      const query = i % 2 === 0 ? validQuery() : { MarketplaceIds: 'ATVPDKIKX0DER' };
      statuses.push((await getOrders(query)).status);
    }
    expect(statuses.every((s) => s === 200 || s === 400)).toBe(true);
    const throttled = await getOrders(validQuery());
    expect(throttled.status).toBe(429);
    expect(firstError(throttled).code).toBe('QuotaExceeded');
    expect(throttled.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
    expectRequestId(throttled);
    // Buckets are per operation: getOrder still has its own burst of 30.
    const other = await h.request('/orders/v0/orders/111-0000000-0000000', token);
    expect(other.status).toBe(404);
  });
});

describe('RDT expiry', () => {
  it('refuses an RDT 3601 seconds after it was issued with "has expired"', async () => {
    const rdt = await h.restrictedDataToken([
      { method: 'GET', path: '/orders/v0/orders', dataElements: ['shippingAddress'] },
    ]);
    expect((await getOrders(validQuery(), rdt)).status).toBe(200);
    h.resetQuotas();
    h.state.clock.advance(3601 * 1000);
    const response = await getOrders(validQuery(), rdt);
    expect(response.status).toBe(403);
    expect(firstError(response)).toMatchObject({ code: 'Unauthorized' });
    expect(firstError(response).details).toMatch(/has expired/);
  });
});
