import { describe, expect, it } from 'vitest';
import { SPAPI_OPERATIONS } from '../../src/server.js';
import {
  pick,
  pickList,
  runCase,
  OperationCoverage,
  useFixtureCaseContext,
  type ConformanceCase,
  type FixtureCaseContext,
} from '../helpers/conformance-runner.js';
import type { Query, SpapiRequest } from '../helpers/sim-client.js';
import { PLAIN_APP, type SimHarness } from '../helpers/sim-harness.js';
import { GIFT_MESSAGE, type OrderFixtures } from '../helpers/sim-orders.js';

type Ctx = FixtureCaseContext;

/** The five per-order operations of Orders v0 and their path suffixes. */
const OPERATIONS = {
  getOrder: '',
  getOrderBuyerInfo: '/buyerInfo',
  getOrderAddress: '/address',
  getOrderItems: '/orderItems',
  getOrderItemsBuyerInfo: '/orderItems/buyerInfo',
} as const;
type PerOrderOperation = keyof typeof OPERATIONS;

function call(operationId: PerOrderOperation, orderId: string, query?: Query): SpapiRequest {
  const request: SpapiRequest = { api: 'ordersV0', operationId, path: { orderId } };
  return query === undefined ? request : { ...request, query };
}

/** An RDT for exactly this order and operation (Amazon's specific path). */
function rdtFor(
  operationId: PerOrderOperation,
  pick: keyof OrderFixtures,
  dataElements?: string[],
) {
  return ({ h, orders }: Ctx): Promise<string> =>
    h.restrictedDataToken([
      {
        method: 'GET',
        path: `/orders/v0/orders/${orders[pick]}${OPERATIONS[operationId]}`,
        ...(dataElements === undefined ? {} : { dataElements }),
      },
    ]);
}

const giftMessages = (body: unknown): unknown[] =>
  pickList(body, 'payload', 'OrderItems').map(
    (item) => pick(item, 'BuyerInfo', 'GiftMessageText') ?? pick(item, 'GiftMessageText'),
  );

/** Cases every per-order operation answers alike. */
function commonCases(operationId: PerOrderOperation): ConformanceCase<Ctx>[] {
  return [
    {
      name: `${operationId}: unknown order`,
      request: ({ orders }) => call(operationId, orders.unknown),
      status: 404,
      code: 'NotFound',
    },
    {
      name: `${operationId}: another seller's order`,
      request: ({ orders }) => call(operationId, orders.otherSellers),
      status: 404,
      code: 'NotFound',
    },
    {
      name: `${operationId}: malformed order id`,
      request: () => call(operationId, 'not-an-order'),
      status: 400,
      code: 'InvalidInput',
    },
    {
      name: `${operationId}: RDT for another order`,
      request: ({ orders }) => call(operationId, orders.mfnGift),
      token: rdtFor(operationId, 'afnShipped'),
      status: 403,
      code: 'Unauthorized',
    },
    {
      name: `${operationId}: RDT with a trailing slash covers nothing`,
      request: ({ orders }) => call(operationId, orders.mfnGift),
      token: ({ h, orders }) =>
        h.restrictedDataToken([
          { method: 'GET', path: `/orders/v0/orders/${orders.mfnGift}${OPERATIONS[operationId]}/` },
        ]),
      status: 403,
      code: 'Unauthorized',
    },
  ];
}

const CASES: ConformanceCase<Ctx>[] = [
  {
    name: 'getOrder with an access token: no PII',
    request: ({ orders }) => call('getOrder', orders.mfnGift),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'ShippingAddress', 'AddressLine1')).toBeUndefined();
      expect(pick(body, 'payload', 'BuyerInfo', 'BuyerEmail')).toBeUndefined();
    },
  },
  {
    name: 'getOrder with a specific-path RDT naming shippingAddress and buyerInfo',
    request: ({ orders }) => call('getOrder', orders.mfnGift),
    token: rdtFor('getOrder', 'mfnGift', ['shippingAddress', 'buyerInfo']),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'ShippingAddress', 'AddressLine1')).toEqual(expect.any(String));
      expect(pick(body, 'payload', 'BuyerInfo', 'BuyerEmail')).toEqual(expect.any(String));
    },
  },
  {
    name: 'getOrder with a generic-path RDT naming shippingAddress only',
    request: ({ orders }) => call('getOrder', orders.mfnGift),
    token: ({ h }) =>
      h.restrictedDataToken([
        { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: ['shippingAddress'] },
      ]),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'ShippingAddress', 'AddressLine1')).toEqual(expect.any(String));
      expect(pick(body, 'payload', 'BuyerInfo', 'BuyerEmail')).toBeUndefined();
    },
  },
  {
    name: 'getOrder of a Pending order with an RDT: no address yet',
    request: ({ orders }) => call('getOrder', orders.pending),
    token: rdtFor('getOrder', 'pending', ['shippingAddress', 'buyerInfo']),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'OrderStatus')).toBe('Pending');
      expect(pick(body, 'payload', 'ShippingAddress')).toBeUndefined();
    },
  },
  {
    name: 'getOrderBuyerInfo with an access token: the order id only',
    request: ({ orders }) => call('getOrderBuyerInfo', orders.mfnGift),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'BuyerEmail')).toBeUndefined();
    },
  },
  {
    name: 'getOrderBuyerInfo with an RDT: buyer data',
    request: ({ orders }) => call('getOrderBuyerInfo', orders.mfnGift),
    token: rdtFor('getOrderBuyerInfo', 'mfnGift'),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'BuyerEmail')).toEqual(expect.any(String));
    },
  },
  {
    name: 'getOrderAddress with an access token: the partial address',
    request: ({ orders }) => call('getOrderAddress', orders.mfnGift),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'ShippingAddress', 'PostalCode')).toEqual(expect.any(String));
      expect(pick(body, 'payload', 'ShippingAddress', 'AddressLine1')).toBeUndefined();
    },
  },
  {
    name: 'getOrderAddress with an RDT: the full address with phone (MFN)',
    request: ({ orders }) => call('getOrderAddress', orders.mfnGift),
    token: rdtFor('getOrderAddress', 'mfnGift'),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'ShippingAddress', 'AddressLine1')).toEqual(expect.any(String));
      expect(pick(body, 'payload', 'ShippingAddress', 'Phone')).toEqual(expect.any(String));
    },
  },
  {
    name: 'getOrderAddress of an AFN order with an RDT: no phone',
    request: ({ orders }) => call('getOrderAddress', orders.afnShipped),
    token: rdtFor('getOrderAddress', 'afnShipped'),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'ShippingAddress', 'AddressLine1')).toEqual(expect.any(String));
      expect(pick(body, 'payload', 'ShippingAddress', 'Phone')).toBeUndefined();
    },
  },
  {
    name: 'getOrderItems with an access token: no gift message',
    request: ({ orders }) => call('getOrderItems', orders.mfnGift),
    status: 200,
    check: (body) => {
      expect(giftMessages(body).filter(Boolean)).toEqual([]);
    },
  },
  {
    name: 'getOrderItems with an RDT naming buyerInfo: the gift message',
    request: ({ orders }) => call('getOrderItems', orders.mfnGift),
    token: rdtFor('getOrderItems', 'mfnGift', ['buyerInfo']),
    status: 200,
    check: (body) => {
      expect(giftMessages(body)).toContain(GIFT_MESSAGE);
    },
  },
  {
    name: 'getOrderItems of a Pending order: no pricing',
    request: ({ orders }) => call('getOrderItems', orders.pending),
    status: 200,
    check: (body) => {
      expect(
        pickList(body, 'payload', 'OrderItems').map((item) => pick(item, 'ItemPrice')),
      ).not.toContainEqual(expect.anything());
    },
  },
  {
    name: 'getOrderItems with a NextToken the simulator never issued',
    request: ({ orders }) => call('getOrderItems', orders.mfnGift, { NextToken: 'not-a-token' }),
    status: 400,
    code: 'InvalidInput',
  },
  {
    name: 'getOrderItemsBuyerInfo with an access token: no gift message',
    request: ({ orders }) => call('getOrderItemsBuyerInfo', orders.mfnGift),
    status: 200,
    check: (body) => {
      expect(giftMessages(body).filter(Boolean)).toEqual([]);
    },
  },
  {
    name: 'getOrderItemsBuyerInfo with an RDT: the gift message',
    request: ({ orders }) => call('getOrderItemsBuyerInfo', orders.mfnGift),
    token: rdtFor('getOrderItemsBuyerInfo', 'mfnGift'),
    status: 200,
    check: (body) => {
      expect(giftMessages(body)).toContain(GIFT_MESSAGE);
    },
  },
  {
    name: 'getOrder by an application without restricted roles: no PII, still 200',
    request: ({ orders }) => call('getOrder', orders.mfnGift),
    token: ({ h }: { h: SimHarness }) => h.accessToken({ app: PLAIN_APP }),
    status: 200,
    check: (body) => {
      expect(pick(body, 'payload', 'ShippingAddress', 'AddressLine1')).toBeUndefined();
    },
  },
  ...(Object.keys(OPERATIONS) as PerOrderOperation[]).flatMap(commonCases),
];

describe('Orders v0 per-order operations conform to the model', () => {
  const ctx = useFixtureCaseContext({ coverage: new OperationCoverage() });

  it.each(CASES)('$name → $status', async (c) => {
    await runCase(ctx, c);
  });

  it('covers every mounted Orders v0 operation with a success and an error case', () => {
    const mounted = SPAPI_OPERATIONS.filter(
      (op) => op.api === 'ordersV0' && op.operationId !== 'getOrders',
    );
    expect(ctx.coverage?.missingSuccessOrError(mounted.map((op) => op.operationId))).toEqual([]);
  });
});
