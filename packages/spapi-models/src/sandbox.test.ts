import { describe, expect, it } from 'vitest';
import {
  isSandboxOnly,
  listSandboxCases,
  matchSandboxCase,
  sandboxRequestOf,
  type SandboxCase,
} from './sandbox.js';
import { createModelValidator } from './validator.js';

const statusOf = (found: SandboxCase | undefined): number | undefined => found?.status;

describe('listSandboxCases', () => {
  it('flattens each case to parameter values, with the body under `body`', () => {
    const getOrders = listSandboxCases('ordersV0').filter((c) => c.operationId === 'getOrders');
    expect(getOrders.map((c) => [c.status, c.request.parameters])).toEqual([
      [200, { CreatedAfter: 'TEST_CASE_200', MarketplaceIds: ['ATVPDKIKX0DER'] }],
      [200, { CreatedAfter: 'TEST_CASE_200_NEXT_TOKEN', MarketplaceIds: ['ATVPDKIKX0DER'] }],
      [
        200,
        {
          CreatedAfter: 'TEST_CASE_200_NEXT_TOKEN',
          MarketplaceIds: ['ATVPDKIKX0DER'],
          NextToken: '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4',
        },
      ],
      [400, { CreatedAfter: 'TEST_CASE_400' }],
    ]);
    // Orders v0 names its body parameter `payload`; the cases still say `body`.
    const confirm = listSandboxCases('ordersV0').find((c) => c.operationId === 'confirmShipment');
    expect(Object.keys(confirm?.request.parameters ?? {})).toEqual(['orderId', 'body']);
    expect(sandboxRequestOf(confirm!)).toMatchObject({
      path: { orderId: '902-1106328-1059050' },
      query: {},
      body: { marketplaceId: 'ATVPDKIKX0DER' },
    });
  });

  it('keeps bodiless cases without a response', () => {
    const cancel = listSandboxCases('reports20210630').find(
      (c) => c.operationId === 'cancelReport' && c.status === 200,
    );
    expect(cancel).toMatchObject({
      request: { parameters: { reportId: 'ID' } },
      response: undefined,
    });
  });

  it('knows the sandbox-only operation (its path carries a `dynamic: {}` marker, no cases)', () => {
    expect(isSandboxOnly('notifications', 'sendTestNotification')).toBe(true);
    expect(isSandboxOnly('notifications', 'getSubscriptions')).toBe(false);
    expect(listSandboxCases().filter((c) => c.kind === 'dynamic')).toEqual([]);
  });
});

describe('sandbox requests against the model', () => {
  const validator = createModelValidator();
  const cases = listSandboxCases().map((c) => ({
    c,
    label: `${c.api} ${c.operationId} ${c.status}`,
    result: validator.validateRequest(c.api, c.operationId, sandboxRequestOf(c)),
  }));
  // Cases list only the parameters that select them, so some omit required ones.
  const complete = cases.filter(({ result }) => result.errors.every((e) => e.rule !== 'required'));

  it('finds every complete success case valid', () => {
    const invalid = complete.filter(({ c, result }) => c.status < 400 && !result.valid);
    expect(invalid.map(({ label }) => label)).toEqual([]);
  });

  it('finds these error cases invalid by the model alone (the rest use magic values)', () => {
    const invalid = complete.filter(({ c, result }) => c.status >= 400 && !result.valid);
    expect(invalid.map(({ label, result }) => `${label} ${result.errors[0]?.at ?? ''}`)).toEqual([
      'ordersV0 confirmShipment 400 body/packageDetail/shipDate',
      'orders20260101 searchOrders 400 query.createdAfter',
      'tokens20210301 createRestrictedDataToken 400 body/restrictedResources/0/method',
      'reports20210630 getReports 400 query.processingStatuses/0',
    ]);
  });
});

describe('matchSandboxCase', () => {
  it('matches csv strings to arrays and prefers the most specific case', () => {
    const query = { CreatedAfter: 'TEST_CASE_200', MarketplaceIds: 'ATVPDKIKX0DER' };
    const found = matchSandboxCase('ordersV0', 'getOrders', { query });
    expect(found?.status).toBe(200);
    expect(found?.request.parameters.CreatedAfter).toBe('TEST_CASE_200');
    const next = { ...query, CreatedAfter: 'TEST_CASE_200_NEXT_TOKEN' };
    const first = matchSandboxCase('ordersV0', 'getOrders', { query: next });
    const second = matchSandboxCase('ordersV0', 'getOrders', {
      query: { ...next, NextToken: '2YgYW55IGNhcm5hbCBwbGVhc3VyZS4' },
    });
    expect(first?.request.parameters.NextToken).toBeUndefined();
    expect(second?.request.parameters.NextToken).toBe('2YgYW55IGNhcm5hbCBwbGVhc3VyZS4');
  });

  it('matches when the case’s parameters are present (Amazon’s rule), or exactly on request', () => {
    const query = { CreatedAfter: 'TEST_CASE_400', MarketplaceIds: ['ATVPDKIKX0DER'] };
    expect(statusOf(matchSandboxCase('ordersV0', 'getOrders', { query }))).toBe(400);
    expect(matchSandboxCase('ordersV0', 'getOrders', { query }, { exact: true })).toBeUndefined();
    expect(
      matchSandboxCase('ordersV0', 'getOrders', { query: { CreatedAfter: 'x' } }),
    ).toBeUndefined();
  });

  it('matches path parameters, and falls back to a case that lists none', () => {
    expect(
      statusOf(matchSandboxCase('ordersV0', 'getOrder', { path: { orderId: 'TEST_CASE_400' } })),
    ).toBe(400);
    expect(
      statusOf(matchSandboxCase('reports20210630', 'cancelReport', { path: { reportId: 'ID' } })),
    ).toBe(200);
    expect(
      statusOf(
        matchSandboxCase('reports20210630', 'cancelReport', { path: { reportId: 'other' } }),
      ),
    ).toBe(400);
  });

  it('compares bodies as JSON, whatever the model calls the body parameter', () => {
    const body = {
      targetApplication: 'amzn1.sellerapps.app.target-application',
      restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }],
    };
    const rdt = (b: unknown) =>
      matchSandboxCase('tokens20210301', 'createRestrictedDataToken', { body: b });
    expect(rdt(body)?.response).toMatchObject({ expiresIn: 3600 });
    expect(
      rdt({
        restrictedResources: body.restrictedResources,
        targetApplication: body.targetApplication,
      }),
    ).toBeDefined();
    expect(rdt({ ...body, extra: true })).toBeUndefined();
    const shipment = (b: unknown) =>
      statusOf(
        matchSandboxCase('ordersV0', 'updateShipmentStatus', { path: { orderId: '1' }, body: b }),
      );
    expect(shipment({ marketplaceId: '1', shipmentStatus: 'ReadyForPickup' })).toBe(400);
    expect(shipment({ marketplaceId: 'ATVPDKIKX0DER', shipmentStatus: 'PickedUp' })).toBe(204);
  });

  it('reads typed and string values alike (includedData csv)', () => {
    const query = {
      createdAfter: '2024-12-20T00:00:00Z',
      marketplaceIds: 'A2Q3Y263D00KWC',
      includedData: 'BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,TAX,PAYMENT',
    };
    const found = matchSandboxCase('orders20260101', 'searchOrders', { query }, { exact: true });
    expect(found?.status).toBe(200);
  });
});
