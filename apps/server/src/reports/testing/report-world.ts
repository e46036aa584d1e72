/**
 * Test kit for customer reports: a simulated Amazon with a seller that has unshipped orders and
 * one with none, canary orders whose PII must never show outside the vault, and the report
 * service wired as the composition root would wire it (real SP-API client, executor, RDT service,
 * vault, audit trail, connections repository) against a test database.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AmazonRegion } from '../../config/index.js';
import { createConnectionRepository } from '../../connections/index.js';
import { createRdtService } from '../../rdt/index.js';
import { createVaultKit, type VaultKit } from '../../pii-vault/testing/vault-fixtures.js';
import { createReportDocumentDownloader } from '../../spapi/index.js';
import type { AccessHarness } from '../../spapi/testing/access-harness.js';
import { recordingLogger, type RecordingLogger } from '../../spapi/testing/recording-logger.js';
import {
  REDIRECT_URI,
  SIM_APP,
  authorizeOnConsentPage,
  type SimUrls,
  type TestRefreshTokens,
} from '../../spapi/testing/sim-world.js';
import { manualClock, type ManualClock } from '../../testing/manual-clock.js';
import type { Database } from '../../storage/index.js';
import { T0 } from '../../../test/storage-fixtures.js';
import { CUSTOMER_REPORT_ENCRYPTED_COLUMNS } from '../customer-report-columns.js';
import { createCustomerReportService } from '../customer-report.service.js';
import type { CustomerReportServiceOptions } from '../customer-report.types.js';

export const MARKETPLACE_US = 'ATVPDKIKX0DER';

export const REPORT_SELLER = {
  sellingPartnerId: 'A1REPORTTESTNA',
  name: 'Report Test Goods',
  region: 'na',
  marketplaceIds: [MARKETPLACE_US],
  orderCount: 40,
  historyDays: 12,
  futureDays: 0,
} as const;

/** No orders at all: its reports end CANCELLED ("no data"). */
export const EMPTY_SELLER = {
  ...REPORT_SELLER,
  sellingPartnerId: 'A2REPORTEMPTYNA',
  name: 'Report Test Empty',
  orderCount: 0,
} as const;

export function reportSimWorld(restrictedRoles: readonly string[]) {
  return {
    seed: 23,
    controlApi: true,
    applications: [
      {
        ...SIM_APP,
        redirectUris: [...SIM_APP.redirectUris],
        restrictedRoles: [...restrictedRoles],
      },
    ],
    sellers: [REPORT_SELLER, EMPTY_SELLER].map((s) => ({
      ...s,
      marketplaceIds: [...s.marketplaceIds],
    })),
  };
}

/** Canary buyers: seeing any of these outside the vault's plaintext proves a leak. */
export const CANARIES = [
  {
    buyer: { name: 'Canary Philomena Thistlewood', email: 'pt4canary@marketplace.amazon.example' },
    shippingAddress: {
      name: 'Canary Bartholomew Quince',
      addressLine1: '88 Larkspur Canarywalk',
      city: 'Emberlyn',
      stateOrRegion: 'OR',
      postalCode: '97999',
      countryCode: 'US',
      phone: '+1 503-555-0142',
    },
  },
  {
    buyer: { name: 'Canary Wilhelmina Ashgrove', email: 'wa7canary@marketplace.amazon.example' },
    shippingAddress: {
      name: 'Canary Wilhelmina Ashgrove',
      addressLine1: '3 Rookery Canarylane',
      city: 'Mistvale',
      stateOrRegion: 'ID',
      postalCode: '83999',
      countryCode: 'US',
      phone: '+1 208-555-0177',
    },
  },
] as const;

export function canaryTexts(): string[] {
  return CANARIES.flatMap((c) => [
    c.buyer.name,
    c.buyer.email,
    c.shippingAddress.name,
    c.shippingAddress.addressLine1,
    c.shippingAddress.city,
    c.shippingAddress.phone,
    'Thistlewood',
    'Larkspur',
    'Ashgrove',
    'Rookery',
  ]);
}

/** Inserts an active connection row and walks the consent page so its tokens work. */
export async function connectTestSeller(
  db: Kysely<Database>,
  urls: SimUrls,
  h: AccessHarness,
  refreshTokens: TestRefreshTokens,
  organizationId: string,
  seller: { readonly sellingPartnerId: string; readonly marketplaceIds: readonly string[] },
): Promise<string> {
  const id = randomUUID();
  const region: AmazonRegion = 'na';
  await db
    .insertInto('amazon_connections')
    .values({
      id,
      organization_id: organizationId,
      selling_partner_id: seller.sellingPartnerId,
      region,
      marketplace_ids_json: JSON.stringify(seller.marketplaceIds),
      status: 'active',
      // The refresh token itself is handed to the token manager by the test's source.
      refresh_token_ciphertext: new Uint8Array(16),
      refresh_token_key_id: 'test-key',
      connected_by: randomUUID(),
      connected_at: T0,
      updated_at: T0,
    })
    .execute();
  const code = await authorizeOnConsentPage(urls, seller.sellingPartnerId, region);
  const grant = await h.access.tokens.exchangeAuthorizationCode(code, REDIRECT_URI, {
    connectionId: id,
    region,
  });
  refreshTokens.set(id, region, grant.refreshToken);
  return id;
}

export interface ReportKit {
  readonly vaultKit: VaultKit;
  readonly clock: ManualClock;
  readonly logger: RecordingLogger;
  readonly reauthorized: string[];
  service(
    overrides?: Partial<CustomerReportServiceOptions>,
  ): ReturnType<typeof createCustomerReportService>;
}

/** The service over a test database and an access harness; times start at T0 (2030-01-15). */
export function reportKit(db: Kysely<Database>, h: AccessHarness): ReportKit {
  const vaultKit = createVaultKit(db);
  vaultKit.columns.register(...CUSTOMER_REPORT_ENCRYPTED_COLUMNS);
  const clock = manualClock(T0);
  const logger = recordingLogger();
  const reauthorized: string[] = [];
  const rdt = createRdtService({
    client: h.access.client,
    audit: vaultKit.audit,
    clock: h.clock,
    logger,
  });
  return {
    vaultKit,
    clock,
    logger,
    reauthorized,
    service: (overrides = {}) =>
      createCustomerReportService({
        db,
        vault: vaultKit.vault,
        client: h.access.client,
        executor: h.access.executor,
        rdt,
        downloader: createReportDocumentDownloader({
          http: h.counter.http,
          allowLoopbackHttp: true,
        }),
        audit: vaultKit.audit,
        connections: createConnectionRepository(db),
        reauthorization: {
          markNeedsReauthorization: (id) => {
            reauthorized.push(id);
            return Promise.resolve(true);
          },
        },
        clock,
        logger,
        ...overrides,
      }),
  };
}
