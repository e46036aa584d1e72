import { createModelValidator } from '@spapi/spapi-models';
import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveOperation, type OperationName } from '../operations/operations.js';
import { accessHarness, type AccessHarness } from '../testing/access-harness.js';
import { simControl } from '../testing/sim-control.js';
import { SELLER_NA, SIM_WORLD, connectSeller, testRefreshTokens } from '../testing/sim-world.js';
import type { CallContext, SpapiResponse } from './spapi-client.js';

// Every operation the product uses, called through the client against the simulator, each
// answer checked against Amazon's model; pagination, RDTs and includedData.

const oracle = createModelValidator();
const DAY_MS = 86_400_000;
const US = SELLER_NA.marketplaceIds[0];
const CANARY = {
  name: 'Quentin Canarybird',
  addressLine1: '77 Canary Wharf Lane',
  postalCode: '94107',
};

let sim: RunningSimulator;
let h: AccessHarness;
let canaryOrderId: string;
const na: CallContext = { sellerId: SELLER_NA.sellingPartnerId, region: 'na' };

function expectModelConform(operation: OperationName, response: SpapiResponse<unknown>): void {
  const { api, operationId } = resolveOperation(operation);
  const result = oracle.validateResponse(api, operationId, response.status, response.body);
  expect(result.errors, operation).toEqual([]);
  expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
}

beforeAll(async () => {
  sim = await startSimulator(SIM_WORLD);
  const refreshTokens = testRefreshTokens();
  h = accessHarness(sim.urls, refreshTokens);
  await connectSeller(sim.urls, h.access.tokens, refreshTokens, SELLER_NA);
  const canary = await simControl(sim.urls.control).addOrder(SELLER_NA.sellingPartnerId, {
    canary: true,
    purchaseDate: new Date(Date.now() - DAY_MS).toISOString(),
    fulfillmentChannel: 'MFN',
    status: 'Unshipped',
    buyer: { name: CANARY.name },
    shippingAddress: {
      name: CANARY.name,
      addressLine1: CANARY.addressLine1,
      postalCode: CANARY.postalCode,
    },
  });
  canaryOrderId = canary.amazonOrderId;
});

afterAll(async () => {
  await sim.stop();
});

describe('Orders v0', () => {
  it('getOrders pages through every order with NextToken (URL-encoded)', async () => {
    const ids: string[] = [];
    let nextToken: string | undefined;
    const CreatedAfter = new Date(Date.now() - 30 * DAY_MS).toISOString();
    do {
      const query =
        nextToken === undefined
          ? { MarketplaceIds: [US], CreatedAfter, MaxResultsPerPage: 10 }
          : { MarketplaceIds: [US], NextToken: nextToken };
      const page = await h.access.client.call('ordersV0.getOrders', { query }, na);
      expectModelConform('ordersV0.getOrders', page);
      expect(page.rateLimit).toBe(0.0167);
      ids.push(...(page.body.payload?.Orders ?? []).map((o) => o.AmazonOrderId));
      nextToken = page.body.payload?.NextToken;
      if (nextToken !== undefined) expect(nextToken).toMatch(/[+/=]/); // the encoding matters
    } while (nextToken !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(canaryOrderId);
    expect(ids.length).toBe(SELLER_NA.orderCount + 1);
  });

  it('one generic-path RDT unlocks buyer and address for bulk getOrders', async () => {
    const rdt = await h.access.client.call(
      'tokens20210301.createRestrictedDataToken',
      {
        body: {
          restrictedResources: [
            {
              method: 'GET',
              path: '/orders/v0/orders',
              dataElements: ['buyerInfo', 'shippingAddress'],
            },
          ],
        },
      },
      na,
    );
    expectModelConform('tokens20210301.createRestrictedDataToken', rdt);
    const token = rdt.body.restrictedDataToken ?? '';
    expect(token).toMatch(/^Atz\.sprdt\|/);
    const query = {
      MarketplaceIds: [US],
      AmazonOrderIds: [canaryOrderId],
      CreatedAfter: new Date(Date.now() - 30 * DAY_MS).toISOString(),
    };
    const plain = await h.access.client.call('ordersV0.getOrders', { query }, na);
    const withPii = await h.access.client.call(
      'ordersV0.getOrders',
      { query },
      { ...na, restrictedDataToken: token },
    );
    expectModelConform('ordersV0.getOrders', withPii);
    expect(plain.body.payload?.Orders[0]?.ShippingAddress?.AddressLine1).toBeUndefined();
    expect(withPii.body.payload?.Orders[0]?.ShippingAddress).toMatchObject({
      Name: CANARY.name,
      AddressLine1: CANARY.addressLine1,
    });
    expect(withPii.body.payload?.Orders[0]?.BuyerInfo?.BuyerName).toBe(CANARY.name);
  });

  it('the per-order operations answer what the model documents', async () => {
    const path = { orderId: canaryOrderId };
    const rdt = await h.access.client.call(
      'tokens20210301.createRestrictedDataToken',
      {
        body: {
          restrictedResources: [
            { method: 'GET', path: `/orders/v0/orders/${canaryOrderId}/address` },
          ],
        },
      },
      na,
    );
    const address = await h.access.client.call(
      'ordersV0.getOrderAddress',
      { path },
      { ...na, restrictedDataToken: rdt.body.restrictedDataToken },
    );
    expectModelConform('ordersV0.getOrderAddress', address);
    expect(address.body.payload?.ShippingAddress?.AddressLine1).toBe(CANARY.addressLine1);
    for (const operation of [
      'ordersV0.getOrder',
      'ordersV0.getOrderBuyerInfo',
      'ordersV0.getOrderItems',
      'ordersV0.getOrderItemsBuyerInfo',
    ] as const) {
      const response = await h.access.client.call(operation, { path }, na);
      expectModelConform(operation, response);
      expect(response.rateLimit).toBe(0.5);
    }
  });

  it('an unknown order is a SpapiError with 404 and Amazon code, not a retry', async () => {
    const before = h.counter.spapiCalls();
    const error = await h.access.client
      .call('ordersV0.getOrder', { path: { orderId: '902-0000000-0000000' } }, na)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SPAPI_ERROR',
      httpStatus: 404,
      amazonCode: 'NotFound',
      attempts: 1,
      operation: 'ordersV0.getOrder',
    });
    expect(h.counter.spapiCalls() - before).toBe(1);
  });

  it('refuses an RDT for an operation that does not take one, before calling Amazon', async () => {
    const before = h.counter.spapiCalls();
    await expect(
      h.access.client.call(
        'orders20260101.getOrder',
        { path: { orderId: canaryOrderId } },
        { ...na, restrictedDataToken: 'Atz.sprdt|x' },
      ),
    ).rejects.toThrow(TypeError);
    expect(h.counter.spapiCalls()).toBe(before);
  });
});

describe('Orders 2026-01-01', () => {
  it('searchOrders pages with paginationToken and brings buyer and recipient through includedData', async () => {
    const base = {
      createdAfter: new Date(Date.now() - 30 * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      marketplaceIds: [US],
      includedData: ['BUYER', 'RECIPIENT'] as const,
    };
    const seen: string[] = [];
    let paginationToken: string | undefined;
    do {
      const page = await h.access.client.call(
        'orders20260101.searchOrders',
        {
          query: {
            ...base,
            maxResultsPerPage: 25,
            ...(paginationToken === undefined ? {} : { paginationToken }),
          },
        },
        na,
      );
      expectModelConform('orders20260101.searchOrders', page);
      seen.push(...page.body.orders.map((o) => o.orderId));
      paginationToken = page.body.pagination?.nextToken;
    } while (paginationToken !== undefined);
    expect(seen).toContain(canaryOrderId);
    expect(new Set(seen).size).toBe(seen.length);

    const order = await h.access.client.call(
      'orders20260101.getOrder',
      { path: { orderId: canaryOrderId }, query: { includedData: ['BUYER', 'RECIPIENT'] } },
      na,
    );
    expectModelConform('orders20260101.getOrder', order);
    expect(order.body.order.buyer?.buyerName).toBe(CANARY.name);
    expect(order.body.order.recipient?.deliveryAddress?.addressLine1).toBe(CANARY.addressLine1);
  });
});

describe('Reports 2021-06-30', () => {
  it('createReport, getReport, getReports, then getReportDocument with a specific-path RDT', async () => {
    const created = await h.access.client.call(
      'reports20210630.createReport',
      {
        body: { reportType: 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING', marketplaceIds: [US] },
      },
      na,
    );
    expectModelConform('reports20210630.createReport', created);
    expect(created.status).toBe(202);
    await simControl(sim.urls.control).advanceClock(10);
    const report = await h.access.client.call(
      'reports20210630.getReport',
      { path: { reportId: created.body.reportId } },
      na,
    );
    expectModelConform('reports20210630.getReport', report);
    expect(report.body.processingStatus).toBe('DONE');
    const list = await h.access.client.call(
      'reports20210630.getReports',
      { query: { reportTypes: ['GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING'] } },
      na,
    );
    expectModelConform('reports20210630.getReports', list);
    expect(list.body.reports.map((r) => r.reportId)).toContain(created.body.reportId);

    const documentId = report.body.reportDocumentId ?? '';
    const rdt = await h.access.client.call(
      'tokens20210301.createRestrictedDataToken',
      {
        body: {
          restrictedResources: [
            { method: 'GET', path: `/reports/2021-06-30/documents/${documentId}` },
          ],
        },
      },
      na,
    );
    const document = await h.access.client.call(
      'reports20210630.getReportDocument',
      { path: { reportDocumentId: documentId } },
      { ...na, restrictedDataToken: rdt.body.restrictedDataToken },
    );
    expectModelConform('reports20210630.getReportDocument', document);
    expect(document.body.url).toMatch(/^http/);
  });
});
