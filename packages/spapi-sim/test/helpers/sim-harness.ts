import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { ApplicationConfig, SellerConfig, SimConfigInput } from '../../src/config.js';
import type { RestrictedResource } from '../../src/core/grants.js';
import type { Region } from '../../src/core/regions.js';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  RDT_TTL_SECONDS,
  mintToken,
  type SimState,
} from '../../src/core/state.js';
import { TOKEN_PREFIX } from '../../src/lwa/token.grants.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator.js';
import {
  callSpapi,
  requestPath,
  type PathRequestOptions,
  type SpapiReply,
  type SpapiRequest,
} from './sim-client.js';

/**
 * The real simulator (`startSimulator`, loopback, port 0) with three applications and four
 * seeded sellers, and ways to mint the tokens a test needs without walking the LWA flow
 * (test/lwa covers that flow). Every test of this package uses it:
 *
 *   const h = useSimHarness();            // started before the file's tests, stopped after
 *   const reply = await h.call({ api: 'ordersV0', operationId: 'getOrders', query }, h.accessToken());
 *   const same = await h.request('/orders/v0/orders', h.accessToken(), { query });
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

/** Holds the tax role: buyer information and buyer tax information, no shipping address. */
export const TAX_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.5e1a0000-0000-4000-8000-000000000003',
  clientId: 'amzn1.application-oa2-client.simharnesstax00003',
  clientSecret: 'amzn1.oa2-cs.v1.sim-harness-tax-secret-0000003',
  name: 'Harness Tax App',
  status: 'published',
  redirectUris: ['https://tax.example.test/callback'],
  restrictedRoles: ['TaxInvoicing'],
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

/** A second seller on the NA listener: its orders, reports and tokens are not SELLER_NA's. */
export const OTHER_SELLER_NA: SellerConfig = {
  sellingPartnerId: 'A4SIMHARNESSNA',
  name: 'Harness Other NA',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER'],
  orderCount: 20,
  historyDays: 30,
  futureDays: 0,
};

export interface TokenOptions {
  app?: ApplicationConfig;
  seller?: SellerConfig;
  /** Negative for a token that has already expired. Default: Amazon's 3600 s. */
  expiresInSeconds?: number;
}

export interface RdtOptions extends TokenOptions {
  /** The token to call createRestrictedDataToken with; default a fresh access token. */
  token?: string;
}

export interface SimHarness {
  sim: RunningSimulator;
  /** The simulator's state (`sim.state`). */
  state: SimState;
  /** The SP-API base URL of a region (default: the NA seller's region). */
  spapi(region?: Region): string;
  /** The Login with Amazon base URL (token endpoint at `/auth/o2/token`). */
  lwa(): string;
  /** The Seller Central base URL of a region (consent page; default: the NA seller's region). */
  sellerCentral(region?: Region): string;
  /** An LWA access token (`Atza|…`) for a seller and application, stored in the simulator. */
  accessToken(options?: TokenOptions): string;
  /** A grantless access token (`Atc|…`, client_credentials): bound to no seller and no region. */
  grantlessToken(options?: Pick<TokenOptions, 'app'>): string;
  /** An RDT obtained from createRestrictedDataToken, as a client would get one (throws unless 200). */
  restrictedDataToken(resources: RestrictedResource[], options?: RdtOptions): Promise<string>;
  /** An RDT stored directly (e.g. already expired), bypassing createRestrictedDataToken. */
  storedRestrictedDataToken(resources: RestrictedResource[], options?: TokenOptions): string;
  /** Calls an operation, named as the model names it, on the SP-API listener of a region. */
  call(request: SpapiRequest, token: string | undefined, region?: Region): Promise<SpapiReply>;
  /** Sends a request to a path written out by hand on the SP-API listener of a region. */
  request(
    path: string,
    token: string | undefined,
    options?: PathRequestOptions & { region?: Region },
  ): Promise<SpapiReply>;
  /** Refills every rate-limit bucket, so a table of cases does not run into 429. */
  resetQuotas(): void;
  /** The simulator clock, epoch milliseconds. */
  now(): number;
  /** `ms` before the simulator clock, as an ISO 8601 instant (`toISOString`). */
  isoAgo(ms: number): string;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  sandbox?: boolean;
  seed?: number;
  applications?: ApplicationConfig[];
  sellers?: SellerConfig[];
  /** Rate-limit refill speed-up; tests that page through many calls raise it. */
  timeScale?: number;
  controlApi?: boolean;
}

export function harnessConfig(options: HarnessOptions = {}): SimConfigInput {
  const config: SimConfigInput = {
    seed: options.seed ?? 7,
    sandbox: options.sandbox ?? false,
    applications: options.applications ?? [SHIPPING_APP, PLAIN_APP, TAX_APP],
    sellers: options.sellers ?? [SELLER_NA, SELLER_EU, SELLER_FE, OTHER_SELLER_NA],
  };
  if (options.timeScale !== undefined) config.timeScale = options.timeScale;
  if (options.controlApi !== undefined) config.controlApi = options.controlApi;
  return config;
}

export async function startSimHarness(options: HarnessOptions = {}): Promise<SimHarness> {
  const sim = await startSimulator(harnessConfig(options));
  const { state } = sim;
  const expiry = (seconds: number | undefined, ttl: number): number =>
    state.clock.now() + (seconds ?? ttl) * 1000;

  const harness: SimHarness = {
    sim,
    state,
    spapi: (region = SELLER_NA.region) => sim.urls.spapi[region],
    lwa: () => sim.urls.lwa,
    sellerCentral: (region = SELLER_NA.region) => sim.urls.sellerCentral[region],
    accessToken: ({ app = SHIPPING_APP, seller = SELLER_NA, expiresInSeconds } = {}) => {
      const token = mintToken(TOKEN_PREFIX.access);
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
      const token = mintToken(TOKEN_PREFIX.grantless);
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
    restrictedDataToken: async (resources, { token, ...tokenOptions } = {}) => {
      const seller = tokenOptions.seller ?? SELLER_NA;
      const reply = await harness.call(
        {
          api: 'tokens20210301',
          operationId: 'createRestrictedDataToken',
          body: { restrictedResources: resources },
        },
        token ?? harness.accessToken(tokenOptions),
        seller.region,
      );
      const body = reply.body as { restrictedDataToken?: unknown };
      if (reply.status !== 200 || typeof body.restrictedDataToken !== 'string') {
        throw new Error(
          `createRestrictedDataToken answered ${reply.status}: ${JSON.stringify(reply.body)}`,
        );
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
    request: (path, token, { region, ...options } = {}) =>
      requestPath(harness.spapi(region), path, token, options),
    resetQuotas: () => {
      state.rateLimiter.reset();
    },
    now: () => state.clock.now(),
    isoAgo: (ms) => new Date(state.clock.now() - ms).toISOString(),
    stop: () => sim.stop(),
  };
  return harness;
}

/**
 * A harness for the test file (or `describe` block) it is called in: started before its tests
 * and stopped after them, once or around every test. The object it returns forwards to the
 * running harness, so it is declared once at the top and used in every test and hook.
 */
export interface HarnessLifecycle {
  /** `all` (default): one simulator for the file; `each`: a fresh one for every test. */
  lifetime?: 'all' | 'each';
  /** Refill the rate-limit buckets before every test, so tests do not throttle each other. */
  resetQuotasBeforeEach?: boolean;
}

export function useSimHarness(options: HarnessOptions & HarnessLifecycle = {}): SimHarness {
  const { lifetime = 'all', resetQuotasBeforeEach = false, ...config } = options;
  let started: SimHarness | undefined;
  const current = (): SimHarness => {
    if (!started) throw new Error('The harness runs only inside tests and hooks');
    return started;
  };
  const start = async (): Promise<void> => {
    started = await startSimHarness(config);
  };
  const stop = async (): Promise<void> => {
    await started?.stop();
    started = undefined;
  };
  if (lifetime === 'each') {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  if (resetQuotasBeforeEach) {
    beforeEach(() => {
      current().resetQuotas();
    });
  }
  return {
    get sim() {
      return current().sim;
    },
    get state() {
      return current().state;
    },
    spapi: (region) => current().spapi(region),
    lwa: () => current().lwa(),
    sellerCentral: (region) => current().sellerCentral(region),
    accessToken: (tokenOptions) => current().accessToken(tokenOptions),
    grantlessToken: (tokenOptions) => current().grantlessToken(tokenOptions),
    restrictedDataToken: (resources, rdtOptions) =>
      current().restrictedDataToken(resources, rdtOptions),
    storedRestrictedDataToken: (resources, tokenOptions) =>
      current().storedRestrictedDataToken(resources, tokenOptions),
    call: (request, token, region) => current().call(request, token, region),
    request: (path, token, requestOptions) => current().request(path, token, requestOptions),
    resetQuotas: () => {
      current().resetQuotas();
    },
    now: () => current().now(),
    isoAgo: (ms) => current().isoAgo(ms),
    stop: () => current().stop(),
  };
}
