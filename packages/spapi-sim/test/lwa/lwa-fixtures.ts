import type { ApplicationConfig, SellerConfig } from '../../src/config.js';
import type { HarnessOptions } from '../helpers/sim-harness.js';

/**
 * The world of the LWA and consent tests: a published application (with an HTML-special name
 * and a redirect URI that carries a query), a draft one and a second published one; one
 * seller each in NA and EU, without orders.
 */
const NO_ORDERS = { orderCount: 0, historyDays: 1, futureDays: 0 };

export const PUBLISHED_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.11111111-aaaa-bbbb-cccc-000000000001',
  clientId: 'amzn1.application-oa2-client.published0001',
  clientSecret: 'amzn1.oa2-cs.v1.published-secret-0000000000000001',
  name: 'Parcel Desk <Test>',
  status: 'published',
  redirectUris: ['https://app.example.test/callback?source=sc', 'https://app.example.test/other'],
  restrictedRoles: ['DirectToConsumerShipping'],
};

export const DRAFT_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.11111111-aaaa-bbbb-cccc-000000000002',
  clientId: 'amzn1.application-oa2-client.draft0000002',
  clientSecret: 'amzn1.oa2-cs.v1.draft-secret-000000000000000002',
  name: 'Draft Tool',
  status: 'draft',
  redirectUris: ['https://draft.example.test/cb'],
  restrictedRoles: [],
};

export const OTHER_APP: ApplicationConfig = {
  applicationId: 'amzn1.sp.solution.11111111-aaaa-bbbb-cccc-000000000003',
  clientId: 'amzn1.application-oa2-client.other00000003',
  clientSecret: 'amzn1.oa2-cs.v1.other-secret-000000000000000003',
  name: 'Another App',
  status: 'published',
  redirectUris: ['https://other.example.test/cb'],
  restrictedRoles: [],
};

export const SELLER_NA: SellerConfig = {
  sellingPartnerId: 'A1TESTSELLERNA',
  name: 'Harbor & Pine Goods',
  region: 'na',
  marketplaceIds: ['ATVPDKIKX0DER'],
  ...NO_ORDERS,
};

export const SELLER_EU: SellerConfig = {
  sellingPartnerId: 'A2TESTSELLEREU',
  name: 'Nordlicht Haushalt',
  region: 'eu',
  marketplaceIds: ['A1PA6795UKMFR9'],
  ...NO_ORDERS,
};

export const LWA_WORLD: HarnessOptions = {
  applications: [PUBLISHED_APP, DRAFT_APP, OTHER_APP],
  sellers: [SELLER_NA, SELLER_EU],
};
