import type { ApplicationConfig, SellerConfig, SimConfigInput } from '../../src/config.js';
import type { RestrictedResource } from '../../src/core/grants.js';
import type { Region } from '../../src/core/regions.js';
import { ACCESS_TOKEN_TTL_SECONDS, RDT_TTL_SECONDS, mintToken } from '../../src/core/state.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator.js';
import { callSpapi, type SpapiReply, type SpapiRequest } from './sim-client.js';

/**
 * A simulator on loopback (port 0) with two applications and two seeded sellers, and ways to
 * mint the tokens a test needs without walking the LWA flow (test/lwa covers that flow).
 * Reuse it from any test of this package:
 *
 *   const h = await startSimHarness();
 *   const reply = await h.call({ api: 'ordersV0', operationId: 'getOrders', query }, h.accessToken());
 */

/** Holds the PII role: v0 RDTs for address/buyer data, 2026 BUYER/RECIPIENT. */
export const SHIPPING_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.5e1a0000-0000-4000-8000-000000000001',
  clientId: 'amzn1.application-oa2-client.simharnessshipping01',
  clientSecret: 'amzn1.oa2-cs.v1.sim-harness-shipping-secret-0001',
  name: 'Harness Shipping App',
  status: 'published',
  redirectUris: ['https://app.example.test/callback'],
  restrictedRoles: ['DirectToConsumerShipping'],
};

/** Holds no restricted role. */
export const PLAIN_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.5e1a0000-0000-4000-8000-000000000002',
  clientId: 'amzn1.application-oa2-client.simharnessplain0002',
  clientSecret: 'amzn1.oa2-cs.v1.sim-harness-plain-secret-00002',
  name: 'Harness Plain App',
  status: 'published',
  redirectUris: ['https://plain.example.test/callback'],
  restrictedRoles: [],
};

export const SELLER_NA: SellerConfig = {
  sellingPartnerId: 'A1SIMHARNESSNA',
  name: 'Harness Goods NA',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
  orderCount: 150,
  historyDays: 30,
  futureDays: 0,
};

export const SELLER_EU: SellerConfig = {
  sellingPartnerId: 'A2SIMHARNESSEU',
  name: 'Harness Waren EU',
  region: 'eu',
  marketplaceIds: ['A1PA6795UKMFR9'],
  orderCount: 20,
  historyDays: 30,
  futureDays: 0,
};

export const SELLER_FE: SellerConfig = {
  sellingPartnerId: 'A3SIMHARNESSFE',
  name: 'Harness Shouten FE',
  region: 'fe',
  marketplaceIds: ['A1VC38T7YXB528', 'A39IBJ37TRP1C6'],
  orderCount: 30,
  historyDays: 30,
  futureDays: 0,
};

export interface TokenOptions {
  app?: ApplicationConfig;
  seller?: SellerConfig;
  /** Negative for a token that has already expired. Default: Amazon's 3600 s. */
  expiresInSeconds?: number;
}

export interface SimHarness {
  sim: RunningSimulator;
  /** The SP-API base URL of a region (default: the NA seller's region). */
  spapi(region?: Region): string;
  /** An LWA access token (`Atza|…`) for a seller and application, stored in the simulator. */
  accessToken(options?: TokenOptions): string;
  /** A grantless access token (client_credentials): bound to no seller and no region. */
  grantlessToken(options?: Pick<TokenOptions, 'app'>): string;
  /** An RDT obtained from createRestrictedDataToken, as a client would get one. */
  restrictedDataToken(resources: RestrictedResource[], options?: TokenOptions): Promise<string>;
  /** An RDT stored directly (e.g. already expired), bypassing createRestrictedDataToken. */
  storedRestrictedDataToken(resources: RestrictedResource[], options?: TokenOptions): string;
  /** Calls the SP-API listener of the seller's region. */
  call(request: SpapiRequest, token: string | undefined, region?: Region): Promise<SpapiReply>;
  /** Refills every rate-limit bucket, so a table of cases does not run into 429. */
  resetQuotas(): void;
  now(): number;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  sandbox?: boolean;
  seed?: number;
  sellers?: SellerConfig[];
}

export function harnessConfig(options: HarnessOptions = {}): SimConfigInput {
  return {
    seed: options.seed ?? 7,
    sandbox: options.sandbox ?? false,
    applications: [SHIPPING_APP, PLAIN_APP],
    sellers: options.sellers ?? [SELLER_NA, SELLER_EU, SELLER_FE],
  };
}

export async function startSimHarness(options: HarnessOptions = {}): Promise<SimHarness> {
  const sim = await startSimulator(harnessConfig(options));
  const { state } = sim;
  const expiry = (seconds: number | undefined, ttl: number): number =>
    state.clock.now() + (seconds ?? ttl) * 1000;

  const harness: SimHarness = {
    sim,
    spapi: (region = SELLER_NA.region) => sim.urls.spapi[region],
    accessToken: ({ app = SHIPPING_APP, seller = SELLER_NA, expiresInSeconds } = {}) => {
      const token = mintToken('Atza|');
      state.accessTokens.set(token, {
        token,
        clientId: app.clientId,
        sellingPartnerId: seller.sellingPartnerId,
        region: seller.region,
        scope: null,
        expiresAt: expiry(expiresInSeconds, ACCESS_TOKEN_TTL_SECONDS),
      });
      return token;
    },
    grantlessToken: ({ app = SHIPPING_APP } = {}) => {
      const token = mintToken('Atza|');
      state.accessTokens.set(token, {
        token,
        clientId: app.clientId,
        sellingPartnerId: null,
        region: null,
        scope: 'sellingpartnerapi::notifications',
        expiresAt: expiry(undefined, ACCESS_TOKEN_TTL_SECONDS),
      });
      return token;
    },
    restrictedDataToken: async (resources, tokenOptions = {}) => {
      const seller = tokenOptions.seller ?? SELLER_NA;
      const reply = await harness.call(
        {
          api: 'tokens20210301',
          operationId: 'createRestrictedDataToken',
          body: { restrictedResources: resources },
        },
        harness.accessToken(tokenOptions),
        seller.region,
      );
      const body = reply.body as { restrictedDataToken?: unknown };
      if (reply.status !== 200 || typeof body.restrictedDataToken !== 'string') {
        throw new Error(`createRestrictedDataToken answered ${reply.status}`);
      }
      return body.restrictedDataToken;
    },
    storedRestrictedDataToken: (
      resources,
      { app = SHIPPING_APP, seller = SELLER_NA, expiresInSeconds } = {},
    ) => {
      const token = mintToken('Atz.sprdt|');
      state.restrictedDataTokens.set(token, {
        token,
        clientId: app.clientId,
        sellingPartnerId: seller.sellingPartnerId,
        region: seller.region,
        resources,
        expiresAt: expiry(expiresInSeconds, RDT_TTL_SECONDS),
      });
      return token;
    },
    call: (request, token, region) => callSpapi(harness.spapi(region), request, token),
    resetQuotas: () => {
      state.rateLimiter.reset();
    },
    now: () => state.clock.now(),
    stop: () => sim.stop(),
  };
  return harness;
}
