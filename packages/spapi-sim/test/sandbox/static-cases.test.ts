import { beforeEach, describe, expect, it } from 'vitest';
import { listSandboxCases } from '@spapi/spapi-models';
import { SPAPI_OPERATIONS } from '../../src/server.js';
import { NO_MATCHING_CASE } from '../../src/sandbox/index.js';
import { replayOf } from '../helpers/conformance-requests.js';
import { expectAmazonHeaders, pick, responseViolations } from '../helpers/conformance-runner.js';
import type { Query, SpapiRequest } from '../helpers/sim-client.js';
import { undeclaredProperties } from '../helpers/conformance-undeclared.js';
import { SELLER_EU, SELLER_FE, useSimHarness } from '../helpers/sim-harness.js';
import { addFixtureOrders } from '../helpers/sim-orders.js';

/** Every static case of every operation the simulator mounts. */
const MOUNTED_CASES = SPAPI_OPERATIONS.flatMap((op) =>
  listSandboxCases(op.api).filter((c) => c.operationId === op.operationId && c.kind === 'static'),
).map((sandboxCase, index) => ({
  sandboxCase,
  name: `${sandboxCase.api} ${sandboxCase.operationId} #${index} → ${sandboxCase.status}`,
}));

const getOrders = (query: Query): SpapiRequest => ({
  api: 'ordersV0',
  operationId: 'getOrders',
  query,
});

/** The response of the getOrders case whose request is exactly these parameter values. */
function modelResponse(parameters: Readonly<Record<string, unknown>>): unknown {
  const found = listSandboxCases('ordersV0').find(
    (c) =>
      c.operationId === 'getOrders' &&
      Object.keys(c.request.parameters).length === Object.keys(parameters).length &&
      Object.entries(parameters).every(
        ([name, value]) => JSON.stringify(c.request.parameters[name]) === JSON.stringify(value),
      ),
  );
  if (!found) throw new Error(`no getOrders case with ${JSON.stringify(parameters)}`);
  return found.response;
}

describe('sandbox mode answers from the models’ static cases', () => {
  const h = useSimHarness({ sandbox: true });
  let token: string;
  beforeEach(() => {
    h.resetQuotas();
    token = h.accessToken();
  });

  it('has at least one static case for every mounted operation', () => {
    const key = ({ api, operationId }: { api: string; operationId: string }): string =>
      `${api} ${operationId}`;
    const covered = new Set(MOUNTED_CASES.map(({ sandboxCase }) => key(sandboxCase)));
    expect(SPAPI_OPERATIONS.map(key).filter((op) => !covered.has(op))).toEqual([]);
  });

  it.each(MOUNTED_CASES)('replays $name', async ({ sandboxCase }) => {
    const request = replayOf(sandboxCase);
    const reply = await h.call(request, token);
    expect(reply.status).toBe(sandboxCase.status);
    expect(reply.body).toEqual(sandboxCase.response);
    expect(responseViolations(request, reply)).toEqual([]);
    expect(
      undeclaredProperties(request.api, request.operationId, reply.status, reply.body),
    ).toEqual([]);
    expectAmazonHeaders(request, reply);
  });

  it('getOrders TEST_CASE_200: the static order list', async () => {
    const reply = await h.call(
      getOrders({ CreatedAfter: 'TEST_CASE_200', MarketplaceIds: 'ATVPDKIKX0DER' }),
      token,
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(
      modelResponse({ CreatedAfter: 'TEST_CASE_200', MarketplaceIds: ['ATVPDKIKX0DER'] }),
    );
    expect(pick(reply.body, 'payload', 'Orders', 0, 'AmazonOrderId')).toBe('902-1845936-5435065');
  });

  it('getOrders TEST_CASE_400: the static InvalidInput, even without MarketplaceIds', async () => {
    const reply = await h.call(getOrders({ CreatedAfter: 'TEST_CASE_400' }), token);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errors: [{ code: 'InvalidInput', message: 'Invalid Input' }] });
  });

  it('getOrders TEST_CASE_200_NEXT_TOKEN: a NextToken, then the next page for it', async () => {
    const query = { CreatedAfter: 'TEST_CASE_200_NEXT_TOKEN', MarketplaceIds: ['ATVPDKIKX0DER'] };
    const first = await h.call(getOrders(query), token);
    expect(first.status).toBe(200);
    expect(first.body).toEqual(modelResponse(query));
    const nextToken = pick(first.body, 'payload', 'NextToken');
    expect(nextToken).toBe('2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
    const second = await h.call(getOrders({ ...query, NextToken: String(nextToken) }), token);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(modelResponse({ ...query, NextToken: nextToken }));
    expect(pick(second.body, 'payload', 'NextToken')).toBeUndefined();
  });

  it('matches a case when the request carries more parameters than the case lists', async () => {
    const reply = await h.call(
      getOrders({
        CreatedAfter: 'TEST_CASE_200',
        MarketplaceIds: 'ATVPDKIKX0DER',
        MaxResultsPerPage: 5,
      }),
      token,
    );
    expect(reply.status).toBe(200);
  });

  it('answers "Could not match input arguments" when no case matches, even for real data', async () => {
    const orderId = addFixtureOrders(h).mfnGift;
    const requests: SpapiRequest[] = [
      getOrders({ CreatedAfter: '2024-01-01T00:00:00Z', MarketplaceIds: 'ATVPDKIKX0DER' }),
      { api: 'ordersV0', operationId: 'getOrder', path: { orderId } },
      { api: 'orders20260101', operationId: 'getOrder', path: { orderId: 'TEST_CASE_200' } },
      {
        api: 'reports20210630',
        operationId: 'createReport',
        body: { reportType: 'X', marketplaceIds: ['ATVPDKIKX0DER'] },
      },
    ];
    for (const request of requests) {
      h.resetQuotas();
      const reply = await h.call(request, token);
      expect(reply.status, request.operationId).toBe(400);
      expect(reply.body).toEqual(NO_MATCHING_CASE.body);
      expect(reply.body).toEqual({
        errors: [{ code: 'InvalidInput', message: 'Could not match input arguments', details: '' }],
      });
      expect(responseViolations(request, reply)).toEqual([]);
    }
  });

  it('answers on every region’s listener, for that region’s sellers', async () => {
    const request = getOrders({ CreatedAfter: 'TEST_CASE_200', MarketplaceIds: 'ATVPDKIKX0DER' });
    for (const seller of [SELLER_EU, SELLER_FE]) {
      const reply = await h.call(request, h.accessToken({ seller }), seller.region);
      expect(reply.status, seller.region).toBe(200);
      expect(reply.body).toEqual(
        modelResponse({ CreatedAfter: 'TEST_CASE_200', MarketplaceIds: ['ATVPDKIKX0DER'] }),
      );
    }
  });

  it('still authenticates: no token is a 403 before any case is looked at', async () => {
    const reply = await h.call(
      getOrders({ CreatedAfter: 'TEST_CASE_200', MarketplaceIds: 'ATVPDKIKX0DER' }),
      undefined,
    );
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ errors: [{ code: 'MissingAuthenticationToken' }] });
  });

  it('still rate-limits: getOrders beyond its burst of 20 is a 429', async () => {
    const request = getOrders({ CreatedAfter: 'TEST_CASE_200', MarketplaceIds: 'ATVPDKIKX0DER' });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await h.call(request, token)).status);
    expect(statuses.slice(0, 20)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(statuses[20]).toBe(429);
  });
});
