import { describe, expect, it } from 'vitest';
import {
  invalidInput,
  pick,
  runCase,
  useFixtureCaseContext,
  type ConformanceCase,
  type FixtureCaseContext,
} from '../helpers/conformance-runner.js';
import { ALL_INCLUDED_DATA, orders2026 } from '../helpers/conformance-requests.js';
import { PLAIN_APP } from '../helpers/sim-harness.js';

type Ctx = FixtureCaseContext;

const { getOrder } = orders2026;

const CASES: ConformanceCase<Ctx>[] = [
  {
    name: 'without includedData',
    request: ({ orders }) => getOrder(orders.mfnGift),
    status: 200,
    check: (body, { orders }) => {
      expect(pick(body, 'order', 'orderId')).toBe(orders.mfnGift);
      expect(pick(body, 'order', 'buyer')).toBeUndefined();
    },
  },
  {
    name: 'every includedData value, with the role',
    request: ({ orders }) => getOrder(orders.mfnGift, { includedData: ALL_INCLUDED_DATA }),
    status: 200,
    check: (body) => {
      expect(pick(body, 'order', 'buyer', 'buyerName')).toEqual(expect.any(String));
      expect(pick(body, 'order', 'recipient', 'deliveryAddress', 'addressLine1')).toEqual(
        expect.any(String),
      );
    },
  },
  {
    name: 'BUYER,RECIPIENT without the role: no PII, still 200',
    request: ({ orders }) => getOrder(orders.mfnGift, { includedData: ['BUYER', 'RECIPIENT'] }),
    token: ({ h }) => h.accessToken({ app: PLAIN_APP }),
    status: 200,
    check: (body) => {
      expect(pick(body, 'order', 'buyer')).toBeUndefined();
      expect(pick(body, 'order', 'recipient', 'deliveryAddress', 'addressLine1')).toBeUndefined();
    },
  },
  {
    name: 'a shipped AFN order with fulfillment, packages and recipient',
    request: ({ orders }) =>
      getOrder(orders.afnShipped, { includedData: ['FULFILLMENT', 'PACKAGES', 'RECIPIENT'] }),
    status: 200,
  },
  {
    name: 'a Pending order with every includedData value',
    request: ({ orders }) => getOrder(orders.pending, { includedData: ALL_INCLUDED_DATA }),
    status: 200,
    check: (body) => {
      expect(pick(body, 'order', 'recipient')).toBeUndefined();
    },
  },
  invalidInput(
    'includedData outside the enum',
    ({ orders }) => getOrder(orders.mfnGift, { includedData: ['buyer'] }),
    'enum',
  ),
  invalidInput('a malformed order id', () => getOrder('12345')),
  {
    name: 'an unknown order',
    request: ({ orders }) => getOrder(orders.unknown),
    status: 404,
    code: 'NotFound',
  },
  {
    name: "another seller's order",
    request: ({ orders }) => getOrder(orders.otherSellers),
    status: 404,
    code: 'NotFound',
  },
  {
    name: 'an RDT is refused (2026-01-01 takes no RDT)',
    request: ({ orders }) => getOrder(orders.mfnGift),
    token: ({ h }) =>
      h.restrictedDataToken([{ method: 'GET', path: '/orders/v0/orders/{orderId}' }]),
    status: 403,
    code: 'Unauthorized',
  },
];

describe('Orders 2026-01-01 getOrder conforms to the model', () => {
  const ctx = useFixtureCaseContext();

  it.each(CASES)('$name → $status', async (c) => {
    await runCase(ctx, c);
  });
});
