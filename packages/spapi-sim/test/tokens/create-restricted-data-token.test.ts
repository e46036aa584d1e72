import { beforeAll, describe, expect, it } from 'vitest';
import type { RestrictedResource } from '../../src/core/grants.js';
import { firstError, type SpapiReply } from '../helpers/sim-client.js';
import {
  PLAIN_APP,
  SELLER_NA,
  SHIPPING_APP,
  TAX_APP,
  useSimHarness,
} from '../helpers/sim-harness.js';

/** Amazon prints the rate as a Java double ("1.0"); the simulator may print "1". */
const RATE_ONE = /^1(\.0)?$/;

const h = useSimHarness({ resetQuotasBeforeEach: true });
let token: string;
beforeAll(() => {
  token = h.accessToken();
});

const create = (body: unknown, accessToken = token): Promise<SpapiReply> =>
  h.request('/tokens/2021-03-01/restrictedDataToken', accessToken, { method: 'POST', body });
const resources = (
  ...list: RestrictedResource[]
): { restrictedResources: RestrictedResource[] } => ({
  restrictedResources: list,
});

async function expect400(body: unknown, message: RegExp, accessToken = token): Promise<void> {
  const response = await create(body, accessToken);
  expect(response.status).toBe(400);
  const error = firstError(response);
  expect(error.code).toBe('InvalidInput');
  expect(`${error.message} | ${error.details ?? ''}`).toMatch(message);
  expect(response.headers.get('x-amzn-RateLimit-Limit')).toMatch(RATE_ONE);
}

describe('createRestrictedDataToken: success', () => {
  it('returns an Atz.sprdt| token for 3600 s, stored for the seller, application and region', async () => {
    const response = await create(
      resources(
        {
          method: 'GET',
          path: '/orders/v0/orders',
          dataElements: ['buyerInfo', 'shippingAddress'],
        },
        { method: 'GET', path: '/orders/v0/orders/{orderId}/address' },
        { method: 'GET', path: '/orders/v0/orders/111-1234567-1234567/buyerInfo' },
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-RateLimit-Limit')).toMatch(RATE_ONE);
    expect(response.headers.get('x-amzn-RequestId')).toBeTruthy();
    const body = response.body as { restrictedDataToken: string; expiresIn: number };
    expect(body.expiresIn).toBe(3600);
    expect(body.restrictedDataToken).toMatch(/^Atz\.sprdt\|[A-Za-z0-9+/=]+$/);
    const grant = h.state.restrictedDataTokens.get(body.restrictedDataToken);
    expect(grant).toMatchObject({
      clientId: SHIPPING_APP.clientId,
      sellingPartnerId: SELLER_NA.sellingPartnerId,
      region: 'na',
    });
    expect(grant?.resources).toHaveLength(3);
    expect((grant?.expiresAt ?? 0) - h.state.clock.now()).toBeGreaterThan(3590_000);
  });

  it('accepts a trailing-slash path and keeps it as sent (it will cover nothing)', async () => {
    const response = await create(resources({ method: 'GET', path: '/orders/v0/orders/' }));
    expect(response.status).toBe(200);
    const rdt = (response.body as { restrictedDataToken: string }).restrictedDataToken;
    expect(h.state.restrictedDataTokens.get(rdt)?.resources[0]?.path).toBe('/orders/v0/orders/');
  });

  it('delegates to a target application, which must hold the roles too', async () => {
    const response = await create({
      targetApplication: TAX_APP.applicationId,
      restrictedResources: [
        { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo'] },
      ],
    });
    expect(response.status).toBe(200);
    const rdt = (response.body as { restrictedDataToken: string }).restrictedDataToken;
    expect(h.state.restrictedDataTokens.get(rdt)?.clientId).toBe(TAX_APP.clientId);
    await expect400(
      {
        targetApplication: PLAIN_APP.applicationId,
        ...resources({ method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo'] }),
      },
      /Application does not have access to one or more requested data elements: \[buyerInfo\]/,
    );
    await expect400(
      {
        targetApplication: 'amzn1.sp.solution.unknown',
        ...resources({ method: 'GET', path: '/orders/v0/orders' }),
      },
      /targetApplication is not the application id of a known application/,
    );
  });
});

describe('createRestrictedDataToken: request validation (400 InvalidInput)', () => {
  it('refuses an empty list with Amazon’s message', async () => {
    await expect400({ restrictedResources: [] }, /Empty target resource argument found/);
  });

  it('refuses more than 50 resources', async () => {
    const many = Array.from({ length: 51 }, () => ({ method: 'GET', path: '/orders/v0/orders' }));
    await expect400({ restrictedResources: many }, /at most 50/);
  });

  it('refuses a missing list, a non-object body, a bad method and unknown dataElements', async () => {
    await expect400({}, /restrictedResources/);
    await expect400([], /JSON object/);
    await expect400(
      resources({ method: 'PATCH', path: '/orders/v0/orders' }),
      /method must be one of GET, PUT, POST, DELETE/,
    );
    await expect400(
      resources({ method: 'get', path: '/orders/v0/orders' }),
      /method must be one of/,
    );
    await expect400(resources({ method: 'GET', path: '' }), /path must not be empty/);
    await expect400(
      resources({ method: 'GET', path: '/orders/v0/orders', dataElements: ['phone'] }),
      /dataElements values must be among buyerInfo, shippingAddress, buyerTaxInformation/,
    );
    await expect400(
      {
        restrictedResources: [
          { method: 'GET', path: '/orders/v0/orders', dataElements: 'buyerInfo' },
        ],
      },
      /dataElements must be an array/,
    );
  });

  it('refuses dataElements on operations other than getOrders, getOrder and getOrderItems', async () => {
    await expect400(
      resources({
        method: 'GET',
        path: '/orders/v0/orders/{orderId}/address',
        dataElements: ['shippingAddress'],
      }),
      /dataElements apply only to getOrders, getOrder and getOrderItems/,
    );
  });

  it('refuses paths that are not restricted operations', async () => {
    for (const resource of [
      { method: 'GET', path: '/orders/v0/orders/{orderId}/shipment' },
      { method: 'POST', path: '/orders/v0/orders' },
      { method: 'GET', path: 'getOrders' },
      { method: 'GET', path: '/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER' },
      { method: 'GET', path: '/orders/2026-01-01/orders' },
    ]) {
      await expect400(
        resources(resource),
        /Application do not have access to some or all requested resource \| .*not the method and path of a restricted operation/,
      );
    }
  });

  it('needs the specific path of a restricted report document', async () => {
    const now = h.state.clock.now();
    const report = h.state.reports.create(
      {
        sellingPartnerId: SELLER_NA.sellingPartnerId,
        region: 'na',
        reportType: 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING',
        marketplaceIds: ['ATVPDKIKX0DER'],
        dataStartTime: now - 86_400_000,
        dataEndTime: now - 60_000,
        reportOptions: undefined,
        restricted: true,
        render: () => 'order-id\n111-1234567-1234567\n',
      },
      now - 60_000,
    );
    const documentId = h.state.reports.get(
      SELLER_NA.sellingPartnerId,
      report.reportId,
      now,
    )?.reportDocumentId;
    expect(documentId).toBeTruthy();
    const ok = await create(
      resources({ method: 'GET', path: `/reports/2021-06-30/documents/${documentId ?? ''}` }),
    );
    expect(ok.status).toBe(200);
    await expect400(
      resources({ method: 'GET', path: '/reports/2021-06-30/documents/{reportDocumentId}' }),
      /Invalid or unsupported document ID found/,
    );
    await expect400(
      resources({
        method: 'GET',
        path: '/reports/2021-06-30/documents/amzn1.spdoc.1.4.na.unknown',
      }),
      /Invalid or unsupported document ID found/,
    );
  });
});

describe('createRestrictedDataToken: roles', () => {
  it('refuses PII data elements to an application without the restricted role (400, as Amazon)', async () => {
    const plainToken = h.accessToken({ app: PLAIN_APP });
    await expect400(
      resources({
        method: 'GET',
        path: '/orders/v0/orders',
        dataElements: ['buyerInfo', 'shippingAddress'],
      }),
      /Application does not have access to one or more requested data elements: \[buyerInfo, shippingAddress\]/,
      plainToken,
    );
    await expect400(
      resources({ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }),
      /Application do not have access to some or all requested resource/,
      plainToken,
    );
  });

  it('gives the shipping role the address but not buyer tax information', async () => {
    await expect400(
      resources({
        method: 'GET',
        path: '/orders/v0/orders',
        dataElements: ['buyerTaxInformation'],
      }),
      /requested data elements: \[buyerTaxInformation\]/,
    );
  });

  it('gives a tax role buyer information but not the shipping address', async () => {
    const taxToken = h.accessToken({ app: TAX_APP });
    expect(
      (
        await create(
          resources({ method: 'GET', path: '/orders/v0/orders/{orderId}/buyerInfo' }),
          taxToken,
        )
      ).status,
    ).toBe(200);
    await expect400(
      resources({
        method: 'GET',
        path: '/orders/v0/orders',
        dataElements: ['buyerInfo', 'shippingAddress'],
      }),
      /requested data elements: \[shippingAddress\]/,
      taxToken,
    );
  });
});

describe('createRestrictedDataToken: caller', () => {
  it('is called with an LWA access token: an RDT, a missing or unknown token gets 403', async () => {
    const ok = await create(resources({ method: 'GET', path: '/orders/v0/orders' }));
    const rdt = (ok.body as { restrictedDataToken: string }).restrictedDataToken;
    for (const bad of [rdt, 'Atza|unknown']) {
      const response = await create(resources({ method: 'GET', path: '/orders/v0/orders' }), bad);
      expect(response.status).toBe(403);
      expect(response.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
    }
  });

  it('answers 429 once the bucket (burst 10) is empty', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await create(resources({ method: 'GET', path: '/orders/v0/orders' }))).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
