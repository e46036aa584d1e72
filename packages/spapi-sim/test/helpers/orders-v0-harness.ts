import type { ApplicationConfig, SellerConfig } from '../../src/config.js';
import type { SimApplication } from '../../src/core/grants.js';
import type { Region } from '../../src/core/regions.js';
import { ACCESS_TOKEN_TTL_SECONDS, mintToken, type SimState } from '../../src/core/state.js';
import { startSimulator } from '../../src/simulator.js';

/**
 * The real simulator (`startSimulator`, port 0) with three applications and three sellers,
 * for the Orders v0 and Tokens tests. Tokens are put straight into the state (the LWA flow
 * has its own tests in test/lwa).
 */
export const ORDERS_PER_SELLER = 120;
const ORDER_HISTORY = { orderCount: ORDERS_PER_SELLER, historyDays: 20, futureDays: 2 };

export const PII_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.0v0aaaaa-0000-0000-0000-000000000001',
  clientId: 'amzn1.application-oa2-client.ordersv0pii0001',
  clientSecret: 'amzn1.oa2-cs.v1.ordersv0-pii-secret-0000000001',
  name: 'Parcel Desk (orders-v0 tests)',
  status: 'published',
  redirectUris: ['https://app.example.test/callback'],
  restrictedRoles: ['DirectToConsumerShipping'],
};

export const TAX_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.0v0aaaaa-0000-0000-0000-000000000002',
  clientId: 'amzn1.application-oa2-client.ordersv0tax0002',
  clientSecret: 'amzn1.oa2-cs.v1.ordersv0-tax-secret-0000000002',
  name: 'Invoice Helper',
  status: 'published',
  redirectUris: ['https://tax.example.test/callback'],
  restrictedRoles: ['TaxInvoicing'],
};

export const PLAIN_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.0v0aaaaa-0000-0000-0000-000000000003',
  clientId: 'amzn1.application-oa2-client.ordersv0plain003',
  clientSecret: 'amzn1.oa2-cs.v1.ordersv0-plain-secret-000000003',
  name: 'Stock Counter',
  status: 'published',
  redirectUris: ['https://plain.example.test/callback'],
  restrictedRoles: [],
};

export const SELLER_NA: SellerConfig = {
  sellingPartnerId: 'A1V0TESTSELLERNA',
  name: 'Harbor & Pine Goods',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
  ...ORDER_HISTORY,
};

export const OTHER_SELLER_NA: SellerConfig = {
  sellingPartnerId: 'A2V0OTHERSELLERNA',
  name: 'Quiet Lake Supply',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER'],
  ...ORDER_HISTORY,
};

export const SELLER_EU: SellerConfig = {
  sellingPartnerId: 'A3V0TESTSELLEREU',
  name: 'Nordlicht Haushalt',
  region: 'eu',
  marketplaceIds: ['A1PA6795UKMFR9'],
  ...ORDER_HISTORY,
};

export const SELLERS = [SELLER_NA, OTHER_SELLER_NA, SELLER_EU] as const;

export interface SpapiHarness {
  state: SimState;
  spapi: Record<Region, string>;
  stop(): Promise<void>;
}

export async function startSpapiHarness(): Promise<SpapiHarness> {
  const sim = await startSimulator({
    seed: 7,
    applications: [PII_APP, TAX_APP, PLAIN_APP],
    sellers: [...SELLERS],
  });
  return { state: sim.state, spapi: sim.urls.spapi, stop: () => sim.stop() };
}

/** An LWA access token for (application, seller), as the token endpoint would mint it. */
export function grantAccessToken(
  state: SimState,
  application: Pick<SimApplication, 'clientId'>,
  seller: Pick<SellerConfig, 'sellingPartnerId' | 'region'>,
): string {
  const token = mintToken('Atza|');
  state.accessTokens.set(token, {
    token,
    clientId: application.clientId,
    sellingPartnerId: seller.sellingPartnerId,
    region: seller.region,
    scope: null,
    expiresAt: state.clock.now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
  });
  return token;
}
