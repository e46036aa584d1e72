import { describe, expect, it } from 'vitest';
import {
  invalidInput,
  pick,
  runCase,
  useFixtureCaseContext,
  type ConformanceCase,
  type FixtureCaseContext,
} from '../helpers/conformance-runner.js';
import { repeat, tokens, v0 } from '../helpers/conformance-requests.js';
import type { SpapiRequest } from '../helpers/sim-client.js';
import { PLAIN_APP, SHIPPING_APP } from '../helpers/sim-harness.js';

type Ctx = FixtureCaseContext;

const { createRestrictedDataToken: createRdt } = tokens;
const resources = (...list: Record<string, unknown>[]): SpapiRequest =>
  createRdt({ restrictedResources: list });
const address = (orderId: string): Record<string, unknown> => ({
  method: 'GET',
  path: `/orders/v0/orders/${orderId}/address`,
});
const giftAddress = ({ orders }: Ctx): SpapiRequest => resources(address(orders.mfnGift));

function expectToken(body: unknown): void {
  expect(pick(body, 'restrictedDataToken')).toMatch(/^Atz\.sprdt\|/);
  expect(pick(body, 'expiresIn')).toBe(3600);
}

const CASES: ConformanceCase<Ctx>[] = [
  {
    name: 'a specific getOrderAddress path',
    request: giftAddress,
    status: 200,
    check: expectToken,
  },
  {
    name: 'the generic getOrders path with buyerInfo and shippingAddress',
    request: () =>
      resources({
        method: 'GET',
        path: '/orders/v0/orders',
        dataElements: ['buyerInfo', 'shippingAddress'],
      }),
    status: 200,
    check: expectToken,
  },
  {
    name: 'several resources, generic and specific, in one token',
    request: ({ orders }) =>
      resources(
        { method: 'GET', path: '/orders/v0/orders/{orderId}', dataElements: ['buyerInfo'] },
        {
          method: 'GET',
          path: `/orders/v0/orders/${orders.mfnGift}/orderItems`,
          dataElements: ['buyerInfo'],
        },
        { method: 'GET', path: '/orders/v0/orders/{orderId}/buyerInfo' },
        { method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems/buyerInfo' },
      ),
    status: 200,
    check: expectToken,
  },
  {
    name: 'targetApplication naming the caller itself',
    request: ({ orders }) =>
      createRdt({
        targetApplication: SHIPPING_APP.applicationId,
        restrictedResources: [address(orders.mfnGift)],
      }),
    status: 200,
    check: expectToken,
  },
  invalidInput('no body', () => createRdt(undefined), 'required'),
  invalidInput('a resource without a path', () => resources({ method: 'GET' }), 'required'),
  invalidInput(
    'an empty method (Amazon sandbox TEST_CASE_400 shape)',
    ({ orders }) => resources({ ...address(orders.mfnGift), method: '' }),
    'enum',
  ),
  invalidInput(
    'a lowercase method',
    () => resources({ method: 'get', path: '/orders/v0/orders' }),
    'enum',
  ),
  invalidInput(
    'restrictedResources not an array',
    () => createRdt({ restrictedResources: 'GET /orders/v0/orders' }),
    'type',
  ),
  invalidInput(
    'a dataElements value Amazon does not document',
    () => resources({ method: 'GET', path: '/orders/v0/orders', dataElements: ['email'] }),
    'data-elements',
  ),
  invalidInput(
    'more than 50 restricted resources',
    ({ orders }) => resources(...repeat(address(orders.mfnGift), 51)),
    'max-restricted-resources',
  ),
  invalidInput('an empty restrictedResources list', () => resources()),
  invalidInput('a path that is not a restricted operation', () =>
    resources({ method: 'GET', path: '/orders/2026-01-01/orders' }),
  ),
  invalidInput('dataElements on getOrderAddress, which takes none', ({ orders }) =>
    resources({ ...address(orders.mfnGift), dataElements: ['shippingAddress'] }),
  ),
  invalidInput('a generic report document path', () =>
    resources({ method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}' }),
  ),
  invalidInput('targetApplication of an unknown application', ({ orders }) =>
    createRdt({
      targetApplication: 'amzn1.sp.solution.unknown',
      restrictedResources: [address(orders.mfnGift)],
    }),
  ),
  {
    ...invalidInput<Ctx>('an application without the role asks for an address', giftAddress),
    token: ({ h }) => h.accessToken({ app: PLAIN_APP }),
  },
  {
    name: 'an RDT cannot mint another RDT',
    request: giftAddress,
    token: ({ h }) => h.restrictedDataToken([{ method: 'GET', path: '/orders/v0/orders' }]),
    status: 403,
    code: 'Unauthorized',
  },
];

describe('Tokens 2021-03-01 createRestrictedDataToken conforms to the model', () => {
  const ctx = useFixtureCaseContext();

  it.each(CASES)('$name → $status', async (c) => {
    await runCase(ctx, c);
  });

  it('mints a token that opens exactly the resource it names', async () => {
    const { orders } = ctx;
    const minted = await runCase(ctx, { name: 'mint', request: giftAddress, status: 200 });
    const rdt = String(pick(minted.body, 'restrictedDataToken'));
    await runCase(ctx, {
      name: 'use on the named path',
      request: () => v0.perOrder('getOrderAddress', orders.mfnGift),
      token: () => rdt,
      status: 200,
      check: (body) => {
        expect(pick(body, 'payload', 'ShippingAddress', 'AddressLine1')).toEqual(
          expect.any(String),
        );
      },
    });
    await runCase(ctx, {
      name: 'use on another operation',
      request: () => v0.perOrder('getOrder', orders.mfnGift),
      token: () => rdt,
      status: 403,
      code: 'Unauthorized',
    });
  });
});
