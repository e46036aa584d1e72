import { listSandboxCases, sandboxRequestOf, createModelValidator } from '@spapi/spapi-models';
import { startSimulator } from '@spapi/spapi-sim';
import { describe, expect, it } from 'vitest';
import { loadConfig, type AmazonRegion } from '../../config/index.js';
import { createHttpClient } from '../http-transport.js';
import { createSpapiAccess } from '../spapi-access.js';
import { accessHarness } from '../testing/access-harness.js';
import { SELLER_NA, SIM_WORLD, connectSeller, testRefreshTokens } from '../testing/sim-world.js';
import type { GetOrdersQuery } from '../operations/orders-v0.types.js';

// Which host a call goes to: Amazon's regional endpoints, the sandbox hosts, or overrides, as
// the server configuration resolves them; and the simulator in sandbox mode.

/** The URL of every request, answered locally: nothing leaves the machine. */
function recordingHttp(): { http: ReturnType<typeof createHttpClient>; urls: string[] } {
  const urls: string[] = [];
  const http = createHttpClient({ userAgent: 'test' });
  http.defaults.adapter = (config) => {
    urls.push(config.url ?? '');
    const body =
      config.url?.endsWith('/auth/o2/token') === true
        ? { access_token: 'Atza|x', expires_in: 3600 }
        : { payload: { Orders: [] } };
    return Promise.resolve({
      data: JSON.stringify(body),
      status: 200,
      statusText: 'OK',
      headers: {},
      config,
    });
  };
  return { http, urls };
}

async function hostsFor(env: Record<string, string>): Promise<string[]> {
  const config = loadConfig({
    SERVER_MODE: 'demo',
    LWA_CLIENT_ID: 'amzn1.application-oa2-client.x',
    ...env,
  });
  const { http, urls } = recordingHttp();
  const access = createSpapiAccess({
    amazon: config.amazon,
    clientSecret: () => Promise.resolve('secret'),
    refreshTokens: () => Promise.resolve('Atzr|x'),
    http,
  });
  for (const region of ['na', 'eu', 'fe'] as const satisfies readonly AmazonRegion[]) {
    await access.client.call(
      'ordersV0.getOrders',
      { query: { MarketplaceIds: ['X'] } },
      { sellerId: 'A1X', region },
    );
  }
  return urls.map((url) => new URL(url).origin);
}

describe('endpoints', () => {
  it("uses Amazon's regional endpoints and LWA by default", async () => {
    expect(await hostsFor({})).toEqual([
      'https://api.amazon.com',
      'https://sellingpartnerapi-na.amazon.com',
      'https://api.amazon.com',
      'https://sellingpartnerapi-eu.amazon.com',
      'https://api.amazon.com',
      'https://sellingpartnerapi-fe.amazon.com',
    ]);
  });

  it('uses the sandbox hosts with SPAPI_SANDBOX, and explicit base URLs over both', async () => {
    const hosts = await hostsFor({
      SPAPI_SANDBOX: 'true',
      SPAPI_BASE_URL_EU: 'http://127.0.0.1:8999',
      LWA_BASE_URL: 'http://127.0.0.1:8998',
    });
    expect(hosts.filter((h) => !h.includes(':8998'))).toEqual([
      'https://sandbox.sellingpartnerapi-na.amazon.com',
      'http://127.0.0.1:8999',
      'https://sandbox.sellingpartnerapi-fe.amazon.com',
    ]);
    expect(hosts.filter((h) => h.includes(':8998'))).toHaveLength(3);
  });

  it("replays Amazon's sandbox case for getOrders against the simulator in sandbox mode", async () => {
    const sim = await startSimulator({ ...SIM_WORLD, sandbox: true });
    try {
      const refreshTokens = testRefreshTokens();
      const h = accessHarness(sim.urls, refreshTokens);
      await connectSeller(sim.urls, h.access.tokens, refreshTokens, SELLER_NA);
      const sandboxCase = listSandboxCases('ordersV0').find(
        (c) => c.operationId === 'getOrders' && c.status === 200,
      );
      if (sandboxCase === undefined)
        throw new Error('the model has no 200 sandbox case for getOrders');
      const { query } = sandboxRequestOf(sandboxCase);
      const response = await h.access.client.call(
        'ordersV0.getOrders',
        { query: query as unknown as GetOrdersQuery },
        { sellerId: SELLER_NA.sellingPartnerId, region: 'na' },
      );
      expect(response.status).toBe(200);
      expect(
        createModelValidator().validateResponse('ordersV0', 'getOrders', 200, response.body).errors,
      ).toEqual([]);
    } finally {
      await sim.stop();
    }
  });
});
