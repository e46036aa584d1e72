/**
 * The sync wired as the server wires it (vault, SP-API access, RDT service, connections,
 * sync service with the in-process queue), over a given database and secrets, pointed at a
 * running simulator. Used by the sync suites and by the kill -9 child process, which rebuilds
 * the same stack from the same database and secrets file after every kill.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  createAuditTrail,
  createInMemorySigningKeyProvider,
  type AuditTrail,
} from '../../audit/index.js';
import type { AmazonConfig } from '../../config/index.js';
import {
  REFRESH_TOKEN_COLUMN,
  createConnectionRepository,
  createConnections,
  createRefreshTokenSource,
  type Connections,
} from '../../connections/index.js';
import { ALL_ENCRYPTED_COLUMNS } from '../../pii-columns.js';
import {
  createEncryptedColumnRegistry,
  createPiiVault,
  type PiiVault,
} from '../../pii-vault/index.js';
import { createRdtService, type RdtService } from '../../rdt/index.js';
import type { SecretsProvider } from '../../secrets/index.js';
import { createSpapiAccess, systemClock, type Clock, type SpapiAccess } from '../../spapi/index.js';
import { recordingLogger, type RecordingLogger } from '../../spapi/testing/recording-logger.js';
import {
  REDIRECT_URI,
  SIM_APP,
  authorizeOnConsentPage,
  type SimUrls,
} from '../../spapi/testing/sim-world.js';
import type { Database, OrdersApiVersion } from '../../storage/index.js';
import { createSyncEventHub, type SyncEventHub } from '../sync-events.js';
import type { OrderSync } from '../order-sync.js';
import { createSyncService, type SyncService } from '../sync.service.js';

export interface SyncStack {
  readonly db: Kysely<Database>;
  readonly audit: AuditTrail;
  readonly vault: PiiVault;
  readonly access: SpapiAccess;
  readonly rdt: RdtService;
  readonly connections: Connections;
  readonly events: SyncEventHub;
  readonly sync: SyncService;
  /** The sync engine (always present here: LWA is configured). */
  readonly engine: OrderSync;
  readonly logger: RecordingLogger;
  close(): Promise<void>;
}

export interface SyncStackOptions {
  readonly db: Kysely<Database>;
  readonly secrets: SecretsProvider;
  readonly urls: SimUrls;
  /** The governor's clock: scaled like the simulator's `timeScale`. */
  readonly rateClock?: Clock;
  /** Backoff and token expiry. Default: the system clock. */
  readonly clock?: Clock;
  readonly maxAttempts?: number;
}

export function simAmazon(urls: SimUrls): AmazonConfig {
  return {
    lwaBaseUrl: urls.lwa,
    sellerCentralUrls: urls.sellerCentral,
    spapiBaseUrls: urls.spapi,
    sandbox: false,
    draftApplication: false,
    lwaClientId: SIM_APP.clientId,
    applicationId: SIM_APP.applicationId,
  };
}

export function buildSyncStack(options: SyncStackOptions): SyncStack {
  const { db, secrets } = options;
  const logger = recordingLogger();
  const audit = createAuditTrail({
    db,
    signingKeys: createInMemorySigningKeyProvider(),
    checkpointEvery: 0,
  });
  const vault = createPiiVault({
    db,
    secrets,
    audit,
    columns: createEncryptedColumnRegistry(ALL_ENCRYPTED_COLUMNS),
  });
  const amazon = simAmazon(options.urls);
  const events = createSyncEventHub();
  const access = createSpapiAccess({
    amazon,
    clientSecret: () => Promise.resolve(SIM_APP.clientSecret),
    // As the composition root does it: refresh tokens decrypted from the connections table.
    refreshTokens: createRefreshTokenSource(createConnectionRepository(db), vault),
    clock: options.clock ?? systemClock,
    ...(options.rateClock === undefined ? {} : { rateClock: options.rateClock }),
    retry: { maxAttempts: options.maxAttempts ?? 8, baseDelayMs: 20, maxDelayMs: 200 },
    logger,
    onEvent: (event) => {
      events.fromSpapi(event);
    },
  });
  const rdt = createRdtService({ client: access.client, audit, logger });
  const connections = createConnections({
    db,
    vault,
    audit,
    config: { amazon, publicUrl: 'https://localhost:8443' },
    tokens: access.tokens,
    rdt,
  });
  const sync = createSyncService({
    db,
    vault,
    spapi: { client: access.client, executor: access.executor, rdt },
    connections: {
      findById: (id) => connections.repository.findById(id),
      markNeedsReauthorization: (id, reason) =>
        connections.service.markNeedsReauthorization(id, reason),
    },
    events,
    queue: { kind: 'in-process' },
    intervalMs: 0,
    logger,
  });
  if (sync.engine === undefined) throw new Error('the sync stack needs the SP-API');
  const engine = sync.engine;
  return {
    engine,
    db,
    audit,
    vault,
    access,
    rdt,
    connections,
    events,
    sync,
    logger,
    close: async () => {
      await sync.stop();
      vault.close();
    },
  };
}

export interface ConnectedSeller {
  readonly organizationId: string;
  readonly connectionId: string;
  readonly sellingPartnerId: string;
}

/**
 * A seller organization whose owner connected `sellingPartnerId` through the simulator's
 * consent page: the code exchanged at LWA, the refresh token stored encrypted, as the callback
 * does it.
 */
export async function connectSimSeller(
  stack: SyncStack,
  urls: SimUrls,
  seller: { readonly sellingPartnerId: string; readonly marketplaceIds: readonly string[] },
  ordersApiVersion: OrdersApiVersion,
): Promise<ConnectedSeller> {
  const now = Date.now();
  const organizationId = randomUUID();
  await stack.db
    .insertInto('organizations')
    .values({ id: organizationId, name: 'Sync Test Goods', created_at: now, updated_at: now })
    .execute();
  const code = await authorizeOnConsentPage(urls, seller.sellingPartnerId, 'na');
  const grant = await stack.access.tokens.exchangeAuthorizationCode(code, REDIRECT_URI);
  const connectionId = randomUUID();
  const sealed = await stack.vault.encryptCell(
    organizationId,
    { table: REFRESH_TOKEN_COLUMN.table, column: REFRESH_TOKEN_COLUMN.column, rowId: connectionId },
    grant.refreshToken,
  );
  await stack.db
    .insertInto('amazon_connections')
    .values({
      id: connectionId,
      organization_id: organizationId,
      selling_partner_id: seller.sellingPartnerId,
      region: 'na',
      marketplace_ids_json: JSON.stringify(seller.marketplaceIds),
      status: 'active',
      orders_api_version: ordersApiVersion,
      refresh_token_ciphertext: sealed.ciphertext,
      refresh_token_key_id: sealed.keyId,
      connected_by: randomUUID(),
      connected_at: now,
      updated_at: now,
    })
    .execute();
  return { organizationId, connectionId, sellingPartnerId: seller.sellingPartnerId };
}
