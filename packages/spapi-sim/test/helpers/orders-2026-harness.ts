import { randomUUID } from 'node:crypto';
import type { RestrictedResource, SimApplication, SimSeller } from '../../src/core/grants.js';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  RDT_TTL_SECONDS,
  mintToken,
  type SimState,
} from '../../src/core/state.js';
import { startSimulator } from '../../src/simulator.js';

/**
 * The real simulator (startSimulator, loopback, port 0) with two applications and two NA
 * sellers; tests use its NA and EU SP-API listeners. Tokens are inserted into the state
 * directly rather than obtained through LWA, which has its own tests. Rate limits refill a
 * million times faster than Amazon's (searchOrders allows 20 calls, then one per 3 minutes).
 */
export const PII_APP: SimApplication = {
  applicationId: 'amzn1.sp.solution.2026aaaa-0000-0000-0000-000000000001',
  clientId: 'amzn1.application-oa2-client.orders2026pii001',
  clientSecret: 'amzn1.oa2-cs.v1.orders2026-pii-secret-000000001',
  name: 'Parcel Desk (orders-2026 tests)',
  status: 'published',
  redirectUris: ['https://app.example.test/callback'],
  restrictedRoles: ['DirectToConsumerShipping'],
};

export const PLAIN_APP: SimApplication = {
  applicationId: 'amzn1.sp.solution.2026aaaa-0000-0000-0000-000000000002',
  clientId: 'amzn1.application-oa2-client.orders2026plain02',
  clientSecret: 'amzn1.oa2-cs.v1.orders2026-plain-secret-0000002',
  name: 'Stock Counter',
  status: 'published',
  redirectUris: ['https://plain.example.test/callback'],
  restrictedRoles: [],
};

export const SELLER: SimSeller = {
  sellingPartnerId: 'A1O26TESTSELLERNA',
  name: 'Harbor & Pine Goods',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
};

export const OTHER_SELLER: SimSeller = {
  sellingPartnerId: 'A2O26OTHERSELLERNA',
  name: 'Quiet Lake Supply',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER'],
};

export const ORDERS_PER_SELLER = 240;
export const HISTORY_DAYS = 30;

export interface Harness {
  state: SimState;
  url: Record<'na' | 'eu', string>;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const sellers = [SELLER, OTHER_SELLER].map((seller) => ({
    ...seller,
    orderCount: ORDERS_PER_SELLER,
    historyDays: HISTORY_DAYS,
    futureDays: 2,
  }));
  const sim = await startSimulator({
    seed: 2026,
    timeScale: 1_000_000,
    applications: [PII_APP, PLAIN_APP],
    sellers,
  });
  return {
    state: sim.state,
    url: { na: sim.urls.spapi.na, eu: sim.urls.spapi.eu },
    stop: () => sim.stop(),
  };
}

/** An LWA access token for (application, seller), as the token endpoint would mint it. */
export function accessToken(state: SimState, app: SimApplication, seller = SELLER): string {
  const token = mintToken('Atza|');
  state.accessTokens.set(token, {
    token,
    clientId: app.clientId,
    sellingPartnerId: seller.sellingPartnerId,
    region: seller.region,
    scope: null,
    expiresAt: state.clock.now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
  });
  return token;
}

/** An RDT inserted directly (bypassing createRestrictedDataToken's checks). */
export function restrictedDataToken(
  state: SimState,
  app: SimApplication,
  resources: RestrictedResource[],
  seller = SELLER,
): string {
  const token = `Atz.sprdt|${randomUUID()}`;
  state.restrictedDataTokens.set(token, {
    token,
    clientId: app.clientId,
    sellingPartnerId: seller.sellingPartnerId,
    region: seller.region,
    resources,
    expiresAt: state.clock.now() + RDT_TTL_SECONDS * 1000,
  });
  return token;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One SP-API call; `query` values are sent as Amazon's csv arrays when given as lists. */
export async function call(
  base: string,
  path: string,
  token: string | undefined,
  options: { method?: string; query?: Record<string, string | string[]>; body?: unknown } = {},
): Promise<CallResult> {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    url.searchParams.set(name, Array.isArray(value) ? value.join(',') : value);
  }
  const headers: Record<string, string> = {};
  if (token !== undefined) headers['x-amz-access-token'] = token;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const init: RequestInit = { method: options.method ?? 'GET', headers };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const res = await fetch(url, init);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

export const isoAgo = (state: SimState, ms: number): string =>
  new Date(state.clock.now() - ms).toISOString();
