/**
 * The simulated Amazon the SP-API tests and the benchmark run against: one application with the
 * shipping role, sellers in NA and EU, and helpers that speak to the simulator over HTTP only
 * (consent page, control API). Test files start the simulator themselves (`startSimulator`),
 * as only tests may import it; this file knows its URLs, not its code.
 */
import type { AmazonConfig, AmazonRegion } from '../../config/index.js';
import type { LwaTokenManager } from '../lwa/lwa-token-manager.js';
import type { RefreshTokenSource } from '../lwa/refresh-token-source.port.js';

export interface SimUrls {
  readonly lwa: string;
  readonly sellerCentral: Readonly<Record<AmazonRegion, string>>;
  readonly spapi: Readonly<Record<AmazonRegion, string>>;
  readonly control: string | undefined;
}

export const REDIRECT_URI = 'https://localhost:8443/api/amazon/callback';

export const SIM_APP = {
  applicationId: 'amzn1.sp.solution.0a0a0a0a-0000-4000-8000-00000000a001',
  clientId: 'amzn1.application-oa2-client.spapiaccesstests01',
  clientSecret: 'amzn1.oa2-cs.v1.spapi-access-tests-secret-000000001',
  name: 'Parcel Desk (SP-API access tests)',
  redirectUris: [REDIRECT_URI],
  restrictedRoles: ['DirectToConsumerShipping'],
} as const;

export const SELLER_NA = {
  sellingPartnerId: 'A1ACCESSTESTNA',
  name: 'Access Test Goods NA',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER'],
  orderCount: 60,
  historyDays: 20,
  futureDays: 0,
} as const;

export const SELLER_EU = {
  sellingPartnerId: 'A2ACCESSTESTEU',
  name: 'Access Test Waren EU',
  region: 'eu',
  marketplaceIds: ['A1PA6795UKMFR9'],
  orderCount: 10,
  historyDays: 20,
  futureDays: 0,
} as const;

/** A second NA seller, for tests that must not share buckets with SELLER_NA. */
export const SELLER_NA_2 = {
  ...SELLER_NA,
  sellingPartnerId: 'A3ACCESSTESTNA',
  name: 'Access Test Outfitters NA',
} as const;

/** `startSimulator` input: spread it and add `timeScale`, `faults`, … */
export const SIM_WORLD = {
  seed: 11,
  controlApi: true,
  applications: [
    {
      ...SIM_APP,
      redirectUris: [...SIM_APP.redirectUris],
      restrictedRoles: [...SIM_APP.restrictedRoles],
    },
  ],
  sellers: [SELLER_NA, SELLER_EU, SELLER_NA_2].map((s) => ({
    ...s,
    marketplaceIds: [...s.marketplaceIds],
  })),
};

/** The server's Amazon configuration, pointed at the simulator. */
export function simAmazonConfig(
  urls: SimUrls,
): Pick<AmazonConfig, 'lwaBaseUrl' | 'spapiBaseUrls' | 'lwaClientId'> {
  return { lwaBaseUrl: urls.lwa, spapiBaseUrls: urls.spapi, lwaClientId: SIM_APP.clientId };
}

/** Refresh tokens in a Map, as the connections module would hand them out. */
export interface TestRefreshTokens {
  readonly source: RefreshTokenSource;
  set(connectionId: string, region: AmazonRegion, refreshToken: string): void;
  /** How often the port was asked. */
  readonly asked: () => number;
}

export function testRefreshTokens(): TestRefreshTokens {
  const store = new Map<string, string>();
  let asked = 0;
  return {
    source: (connectionId, region) => {
      asked += 1;
      const token = store.get(`${connectionId}|${region}`);
      return token === undefined
        ? Promise.reject(new Error('no connection'))
        : Promise.resolve(token);
    },
    set: (connectionId, region, token) => store.set(`${connectionId}|${region}`, token),
    asked: () => asked,
  };
}

const HIDDEN = /<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
};

/** The seller walks the consent page and presses Authorize; returns `spapi_oauth_code`. */
export async function authorizeOnConsentPage(
  urls: SimUrls,
  sellerId: string,
  region: AmazonRegion,
): Promise<string> {
  const base = urls.sellerCentral[region];
  const consent = new URLSearchParams({
    application_id: SIM_APP.applicationId,
    state: 'test-state',
    redirect_uri: REDIRECT_URI,
  });
  const page = await fetch(`${base}/apps/authorize/consent?${consent.toString()}`);
  if (page.status !== 200) throw new Error(`consent page answered ${String(page.status)}`);
  const fields: Record<string, string> = {};
  for (const [, name, value] of (await page.text()).matchAll(HIDDEN)) {
    if (name !== undefined && value !== undefined)
      fields[name] = value.replace(/&(?:amp|lt|gt|quot|#39|#96);/g, (e) => ENTITIES[e] ?? e);
  }
  const confirm = await fetch(`${base}/apps/authorize/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...fields,
      selling_partner_id: sellerId,
      decision: 'authorize',
    }).toString(),
    redirect: 'manual',
  });
  const code = new URL(confirm.headers.get('location') ?? 'about:blank').searchParams.get(
    'spapi_oauth_code',
  );
  if (code === null)
    throw new Error(`consent confirm answered ${String(confirm.status)} without a code`);
  return code;
}

/** The whole connect flow: consent, code exchange through the token manager, refresh token kept. */
export async function connectSeller(
  urls: SimUrls,
  tokens: Pick<LwaTokenManager, 'exchangeAuthorizationCode'>,
  refreshTokens: TestRefreshTokens,
  seller: { readonly sellingPartnerId: string; readonly region: AmazonRegion },
): Promise<void> {
  const code = await authorizeOnConsentPage(urls, seller.sellingPartnerId, seller.region);
  const grant = await tokens.exchangeAuthorizationCode(code, REDIRECT_URI, {
    connectionId: seller.sellingPartnerId,
    region: seller.region,
  });
  refreshTokens.set(seller.sellingPartnerId, seller.region, grant.refreshToken);
}
