import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, MINUTE_MS } from '../../src/data/time.js';
import { expectConforms, requestOracle } from '../helpers/conformance-runner.js';
import {
  SEARCH_ORDERS_PATH,
  expectInvalidInput,
  searchOrders,
} from '../helpers/orders-2026-client.js';
import { firstError } from '../helpers/sim-client.js';
import { PLAIN_APP, useSimHarness } from '../helpers/sim-harness.js';

const h = useSimHarness({ timeScale: 1_000_000 });
let token: string;
beforeEach(() => {
  token = h.accessToken({ app: PLAIN_APP });
});

type Query = Record<string, string | string[]>;
const ago = (ms: number): string => h.isoAgo(ms);
const week = (): Query => ({ createdAfter: ago(7 * DAY_MS) });

/** Requests the model (schema and description rules) and the simulator both refuse. */
const refusedByModel: [string, () => Query][] = [
  ['neither createdAfter nor lastUpdatedAfter', () => ({ maxResultsPerPage: '10' })],
  ['both createdAfter and lastUpdatedAfter', () => ({ ...week(), lastUpdatedAfter: ago(DAY_MS) })],
  ['createdAfter with lastUpdatedBefore', () => ({ ...week(), lastUpdatedBefore: ago(DAY_MS) })],
  [
    'lastUpdatedAfter with createdBefore',
    () => ({ lastUpdatedAfter: ago(7 * DAY_MS), createdBefore: ago(DAY_MS) }),
  ],
  ['createdBefore less than two minutes ago', () => ({ ...week(), createdBefore: ago(MINUTE_MS) })],
  [
    'lastUpdatedBefore less than two minutes ago',
    () => ({ lastUpdatedAfter: ago(7 * DAY_MS), lastUpdatedBefore: ago(90_000) }),
  ],
  ['createdBefore before createdAfter', () => ({ ...week(), createdBefore: ago(8 * DAY_MS) })],
  ['createdAfter not a date', () => ({ createdAfter: 'yesterday' })],
  ['maxResultsPerPage 0', () => ({ ...week(), maxResultsPerPage: '0' })],
  ['maxResultsPerPage 101', () => ({ ...week(), maxResultsPerPage: '101' })],
  ['maxResultsPerPage not a number', () => ({ ...week(), maxResultsPerPage: 'ten' })],
  ['51 marketplaceIds', () => ({ ...week(), marketplaceIds: Array(51).fill('ATVPDKIKX0DER') })],
  ['includedData outside the enum', () => ({ ...week(), includedData: ['BUYER', 'ITEMS'] })],
  ['fulfillmentStatuses outside the enum', () => ({ ...week(), fulfillmentStatuses: 'SHIPPING' })],
  ['fulfilledBy outside the enum', () => ({ ...week(), fulfilledBy: 'SELLER' })],
];

/** Refused for reasons the model cannot state; raw query strings, sent as they are. */
const refusedBySimulator: [string, () => string][] = [
  ['an unknown marketplace', () => `createdAfter=${ago(DAY_MS)}&marketplaceIds=ATVPDKIKX0DEX`],
  [
    'a marketplace of another region',
    () => `createdAfter=${ago(DAY_MS)}&marketplaceIds=ATVPDKIKX0DER,A1PA6795UKMFR9`,
  ],
  ['createdAfter on 30 February', () => 'createdAfter=2025-02-30T00:00:00Z'],
  ['an unencoded + in the offset', () => 'createdAfter=2025-01-01T00:00:00+01:00'],
  [
    'a repeated single-valued parameter',
    () => `createdAfter=${ago(DAY_MS)}&createdAfter=${ago(DAY_MS)}`,
  ],
  [
    'an empty marketplaceIds entry',
    () => `createdAfter=${ago(DAY_MS)}&marketplaceIds=ATVPDKIKX0DER,`,
  ],
];

function asSent(query: Query): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
  );
}

describe('searchOrders parameter rules', () => {
  it.each(refusedByModel)('400 InvalidInput for %s', async (_name, build) => {
    const query = build();
    const oracle = requestOracle(h).validateRequest('orders20260101', 'searchOrders', {
      query: asSent(query),
    });
    expect(oracle.valid).toBe(false);
    const { result } = await searchOrders(h, token, query);
    expectInvalidInput(result);
    expect(result.headers.get('x-amzn-RateLimit-Limit')).toBe('0.0056');
    expect(result.headers.get('x-amzn-RequestId')).toBeTruthy();
  });

  it.each(refusedBySimulator)('400 InvalidInput for %s', async (_name, build) => {
    const res = await h.request(`${SEARCH_ORDERS_PATH}?${build()}`, token);
    expect(res.status).toBe(400);
    expect(firstError(res).code).toBe('InvalidInput');
  });

  it.each<[string, () => Query]>([
    ['createdAfter alone', week],
    ['createdAfter and createdBefore', () => ({ ...week(), createdBefore: ago(3 * MINUTE_MS) })],
    ['lastUpdatedAfter alone', () => ({ lastUpdatedAfter: ago(7 * DAY_MS) })],
    [
      'createdBefore equal to createdAfter',
      () => ({ createdAfter: ago(DAY_MS), createdBefore: ago(DAY_MS) }),
    ],
    [
      'every filter',
      () => ({
        ...week(),
        marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
        fulfillmentStatuses: ['UNSHIPPED', 'SHIPPED', 'PENDING_AVAILABILITY'],
        fulfilledBy: ['MERCHANT', 'AMAZON'],
        includedData: ['PROCEEDS', 'FULFILLMENT', 'PACKAGES', 'TAX'],
        maxResultsPerPage: '100',
      }),
    ],
  ])('200 for %s, as the model allows', async (_name, build) => {
    const query = build();
    const oracle = requestOracle(h).validateRequest('orders20260101', 'searchOrders', {
      query: asSent(query),
    });
    expect(oracle.errors).toEqual([]);
    const { result } = await searchOrders(h, token, query);
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expectConforms('orders20260101', 'searchOrders', result);
  });

  it('echoes the window bound it used: createdBefore or lastUpdatedBefore', async () => {
    const createdBefore = new Date(Date.parse(ago(DAY_MS)) - 1).toISOString();
    const created = await searchOrders(h, token, { ...week(), createdBefore });
    expect(created.body.createdBefore).toBe(createdBefore);
    expect(created.body.lastUpdatedBefore).toBeUndefined();
    expect(created.body.orders.every((o) => o.createdTime <= createdBefore)).toBe(true);

    const updated = await searchOrders(h, token, { lastUpdatedAfter: ago(3 * DAY_MS) });
    expect(updated.body.createdBefore).toBeUndefined();
    const bound = Date.parse(updated.body.lastUpdatedBefore ?? '');
    expect(Math.abs(bound - h.now())).toBeLessThan(5_000);
  });
});

describe('searchOrders filters', () => {
  it('fulfillmentStatuses selects the mapped statuses', async () => {
    const { body } = await searchOrders(h, token, {
      createdAfter: ago(40 * DAY_MS),
      fulfillmentStatuses: ['UNSHIPPED', 'PARTIALLY_SHIPPED'],
      includedData: 'FULFILLMENT',
    });
    expect(body.orders.length).toBeGreaterThan(0);
    const statuses = new Set(body.orders.map((o) => o.fulfillment?.fulfillmentStatus));
    expect([...statuses].every((s) => s === 'UNSHIPPED' || s === 'PARTIALLY_SHIPPED')).toBe(true);
  });

  it('PENDING_AVAILABILITY alone matches nothing (the simulator has no pre-orders)', async () => {
    const { body } = await searchOrders(h, token, {
      createdAfter: ago(40 * DAY_MS),
      fulfillmentStatuses: 'PENDING_AVAILABILITY',
    });
    expect(body.orders).toEqual([]);
    expect(body.pagination).toBeUndefined();
  });

  it.each([
    ['AMAZON', 'AMAZON'],
    ['MERCHANT', 'MERCHANT'],
  ])('fulfilledBy=%s', async (fulfilledBy, expected) => {
    const { body } = await searchOrders(h, token, {
      createdAfter: ago(40 * DAY_MS),
      fulfilledBy,
      includedData: 'FULFILLMENT',
    });
    expect(body.orders.length).toBeGreaterThan(0);
    expect(body.orders.every((o) => o.fulfillment?.fulfilledBy === expected)).toBe(true);
  });

  it('marketplaceIds selects the marketplaces', async () => {
    const { body } = await searchOrders(h, token, {
      createdAfter: ago(40 * DAY_MS),
      marketplaceIds: 'A2EUQ1WTGCTBG2',
    });
    expect(body.orders.length).toBeGreaterThan(0);
    expect(body.orders.every((o) => o.salesChannel.marketplaceId === 'A2EUQ1WTGCTBG2')).toBe(true);
  });
});
