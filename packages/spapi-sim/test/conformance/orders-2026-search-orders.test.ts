import { describe, expect, it } from 'vitest';
import {
  invalidInput,
  pick,
  pickList,
  runCase,
  useFixtureCaseContext,
  type ConformanceCase,
  type FixtureCaseContext,
} from '../helpers/conformance-runner.js';
import {
  ALL_INCLUDED_DATA,
  DE,
  US,
  daysBefore,
  iso,
  orders2026,
  repeat,
} from '../helpers/conformance-requests.js';
import type { Query, SpapiRequest } from '../helpers/sim-client.js';
import { PLAIN_APP } from '../helpers/sim-harness.js';

type Ctx = FixtureCaseContext;

const { searchOrders } = orders2026;
/** searchOrders for the last three days in the US, plus `extra`. */
const recent =
  (extra: Query = {}) =>
  ({ now }: Ctx): SpapiRequest =>
    searchOrders({ createdAfter: daysBefore(now, 3), marketplaceIds: [US], ...extra });
const found = (body: unknown, id: string): unknown =>
  pickList(body, 'orders').find((order) => pick(order, 'orderId') === id);

const CASES: ConformanceCase<Ctx>[] = [
  {
    name: 'created window, items inline, no PII without includedData',
    request: recent(),
    status: 200,
    check: (body, { orders }) => {
      const gift = found(body, orders.mfnGift);
      expect(pickList(gift, 'orderItems').length).toBeGreaterThan(0);
      expect(pick(gift, 'buyer')).toBeUndefined();
      expect(pick(gift, 'recipient')).toBeUndefined();
    },
  },
  {
    name: 'includedData BUYER,RECIPIENT with the role: PII without an RDT',
    request: recent({ includedData: ['BUYER', 'RECIPIENT'] }),
    status: 200,
    check: (body, { orders }) => {
      const gift = found(body, orders.mfnGift);
      expect(pick(gift, 'buyer', 'buyerName')).toEqual(expect.any(String));
      expect(pick(gift, 'recipient', 'deliveryAddress', 'addressLine1')).toEqual(
        expect.any(String),
      );
    },
  },
  {
    name: 'includedData BUYER,RECIPIENT without the role: no PII, still 200',
    request: recent({ includedData: ['BUYER', 'RECIPIENT'] }),
    token: ({ h }) => h.accessToken({ app: PLAIN_APP }),
    status: 200,
    check: (body, { orders }) => {
      const gift = found(body, orders.mfnGift);
      expect(pick(gift, 'buyer')).toBeUndefined();
      expect(pick(gift, 'recipient', 'deliveryAddress', 'addressLine1')).toBeUndefined();
    },
  },
  {
    name: 'every includedData value',
    request: recent({ includedData: ALL_INCLUDED_DATA }),
    status: 200,
  },
  {
    name: 'lastUpdated window with status and channel filters',
    request: ({ now }) =>
      searchOrders({
        lastUpdatedAfter: daysBefore(now, 30),
        lastUpdatedBefore: iso(now - 10 * 60_000),
        fulfillmentStatuses: ['UNSHIPPED', 'SHIPPED'],
        fulfilledBy: ['MERCHANT'],
        includedData: ['FULFILLMENT'],
        maxResultsPerPage: 100,
      }),
    status: 200,
    check: (body) => {
      for (const order of pickList(body, 'orders')) {
        expect(['UNSHIPPED', 'SHIPPED']).toContain(pick(order, 'fulfillment', 'fulfillmentStatus'));
        expect(pick(order, 'fulfillment', 'fulfilledBy')).toBe('MERCHANT');
      }
    },
  },
  invalidInput(
    'createdAfter not a date-time',
    () => searchOrders({ createdAfter: 'yesterday' }),
    'format',
  ),
  invalidInput(
    'createdAfter a date without a time',
    ({ now }) => searchOrders({ createdAfter: daysBefore(now, 3).slice(0, 10) }),
    'format',
  ),
  invalidInput(
    'includedData outside the enum',
    recent({ includedData: ['BUYER', 'EVERYTHING'] }),
    'enum',
  ),
  invalidInput(
    'fulfillmentStatuses outside the enum',
    recent({ fulfillmentStatuses: ['Unshipped'] }),
    'enum',
  ),
  invalidInput('fulfilledBy outside the enum', recent({ fulfilledBy: ['MFN'] }), 'enum'),
  invalidInput(
    'more than 50 marketplaceIds',
    recent({ marketplaceIds: repeat(US, 51) }),
    'maxItems',
  ),
  invalidInput(
    'maxResultsPerPage above 100',
    recent({ maxResultsPerPage: 101 }),
    'max-results-per-page',
  ),
  invalidInput('maxResultsPerPage of 0', recent({ maxResultsPerPage: 0 }), 'max-results-per-page'),
  invalidInput('maxResultsPerPage not an integer', recent({ maxResultsPerPage: 'ten' }), 'type'),
  invalidInput(
    'neither createdAfter nor lastUpdatedAfter',
    () => searchOrders({ marketplaceIds: [US] }),
    'created-or-updated-after',
  ),
  invalidInput(
    'createdBefore with lastUpdatedAfter',
    ({ now }) =>
      searchOrders({ lastUpdatedAfter: daysBefore(now, 3), createdBefore: daysBefore(now, 1) }),
    'created-excludes-updated',
  ),
  invalidInput(
    'lastUpdatedBefore with createdAfter',
    (ctx) => recent({ lastUpdatedBefore: iso(ctx.now - 3_600_000) })(ctx),
    'created-excludes-updated',
  ),
  invalidInput(
    'lastUpdatedBefore earlier than lastUpdatedAfter',
    ({ now }) =>
      searchOrders({ lastUpdatedAfter: daysBefore(now, 3), lastUpdatedBefore: daysBefore(now, 4) }),
    'last-updated-before-window',
  ),
  invalidInput(
    'createdBefore less than two minutes ago',
    (ctx) => recent({ createdBefore: iso(ctx.now - 30_000) })(ctx),
    'created-before-window',
  ),
  invalidInput('a marketplace of another region', recent({ marketplaceIds: [DE] })),
  invalidInput(
    'a paginationToken the simulator never issued',
    recent({ paginationToken: 'not-a-token' }),
  ),
  {
    name: 'an RDT is refused (2026-01-01 takes no RDT)',
    request: recent(),
    token: ({ h }) => h.restrictedDataToken([{ method: 'GET', path: '/orders/v0/orders' }]),
    status: 403,
    code: 'Unauthorized',
  },
];

describe('Orders 2026-01-01 searchOrders conforms to the model', () => {
  const ctx = useFixtureCaseContext();

  it.each(CASES)('$name → $status', async (c) => {
    await runCase(ctx, c);
  });

  it('pages with paginationToken, each page conforming, until no token is left', async () => {
    const query = {
      createdAfter: daysBefore(ctx.now, 30),
      marketplaceIds: [US],
      maxResultsPerPage: 30,
    };
    const ids = new Set<unknown>();
    let token: unknown;
    let pages = 0;
    do {
      const pageQuery = typeof token === 'string' ? { ...query, paginationToken: token } : query;
      const { body } = await runCase(ctx, {
        name: `page ${pages + 1}`,
        request: () => searchOrders(pageQuery),
        status: 200,
      });
      for (const order of pickList(body, 'orders')) ids.add(pick(order, 'orderId'));
      token = pick(body, 'pagination', 'nextToken');
      pages += 1;
    } while (typeof token === 'string' && pages < 20);
    expect(token).toBeUndefined();
    expect(pages).toBeGreaterThan(1);
    expect(ids.size).toBeGreaterThan(30);
  });

  it('lets maxResultsPerPage and includedData change between pages, nothing else, for 24 hours', async () => {
    const query = {
      createdAfter: daysBefore(ctx.now, 30),
      marketplaceIds: [US],
      maxResultsPerPage: 10,
    };
    const first = await runCase(ctx, {
      name: 'first page',
      request: () => searchOrders(query),
      status: 200,
    });
    const paginationToken = String(pick(first.body, 'pagination', 'nextToken'));
    const next =
      (extra: Query): (() => SpapiRequest) =>
      () =>
        searchOrders({ ...query, paginationToken, ...extra });
    await runCase(ctx, {
      name: 'other page size and includedData',
      request: next({ maxResultsPerPage: 5, includedData: ['BUYER', 'RECIPIENT'] }),
      status: 200,
      check: (body) => {
        expect(pickList(body, 'orders')).toHaveLength(5);
      },
    });
    await runCase(
      ctx,
      invalidInput('another createdAfter', next({ createdAfter: daysBefore(ctx.now, 20) })),
    );
    ctx.h.state.clock.advance(25 * 3_600_000);
    await runCase(ctx, invalidInput('a token older than 24 hours', next({})));
  });
});
