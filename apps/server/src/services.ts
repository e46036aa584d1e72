import { AppError, ErrorCode } from '@spapi/shared';
import {
  createAlertDispatcher,
  createAlertEngine,
  createAlertRepository,
  createLoadedCanaryRegistry,
  createOutboxNotifier,
  createWebhookNotifier,
  type AlertEngine,
  type LoadedCanaryRegistry,
} from './alerts/index.js';
import type { AccessDenial, AccessDenialRecorder } from './access/index.js';
import type { ServerConfig } from './config/index.js';
import {
  createAuditLog,
  createAuditTrail,
  startCheckpointSchedule,
  AuditAction,
  type AuditEntryInput,
  type AuditTrail,
} from './audit/index.js';
import { createPasswordHasher } from './crypto/index.js';
import {
  createAeadSecretSealer,
  createIdentity,
  createOutboxMailer,
  type Identity,
} from './identity/index.js';
import { auditTrailSink } from './identity/audit-trail.adapter.js';
import type { Logger } from './logging/index.js';
import {
  createSecretsProvider,
  createSecretsSigningKeyProvider,
  loadKeyRing,
  type SecretsProvider,
} from './secrets/index.js';
import type { DatabaseHandle } from './storage/index.js';
import {
  createConnectionRepository,
  createConnections,
  createRefreshTokenSource,
  type Connections,
} from './connections/index.js';
import {
  createEncryptedColumnRegistry,
  createPiiVault,
  maintainDataKeys,
  type PiiVault,
} from './pii-vault/index.js';
import {
  createOrderPiiHolder,
  createOrdersApi,
  listCanaryOrderIds,
  type OrdersApi,
} from './orders/index.js';
import { createRdtService, type RdtService } from './rdt/index.js';
import { createCustomerReports, type CustomerReports } from './reports/index.js';
import {
  createRetentionJob,
  startRetentionSchedule,
  type RetentionJob,
  type RetentionQueueConfig,
  type RetentionSchedule,
} from './retention/index.js';
import {
  clientSecretFrom,
  createHttpClient,
  createReportDocumentDownloader,
  createSpapiAccess,
  userAgent,
  type SpapiAccess,
} from './spapi/index.js';
import { ALL_ENCRYPTED_COLUMNS } from './pii-columns.js';
import { createSyncEventHub, createSyncService, type SyncService } from './sync/index.js';

/** Without LWA configuration the SP-API-backed features answer SERVICE_UNAVAILABLE. */
const notConfigured = (): Promise<never> =>
  Promise.reject(new AppError(ErrorCode.SERVICE_UNAVAILABLE, { message: 'LWA is not configured' }));
const unconfiguredSpapi = {
  client: { call: notConfigured },
  executor: { run: notConfigured },
  rdt: { forReportDocument: notConfigured, invalidate: () => undefined },
};

/** The feature services one server process runs, built from config, storage and the logger. */
export interface Services {
  secrets: SecretsProvider;
  audit: AuditTrail;
  alerts: AlertEngine;
  /** Which order ids are canaries (the alert engine's registry). */
  canaries: LoadedCanaryRegistry;
  identity: Identity;
  /** Every PII attribute and refresh token is encrypted through it. */
  vault: PiiVault;
  /** LWA and the SP-API; absent when LWA_CLIENT_ID is not configured. */
  spapi: SpapiAccess | undefined;
  connections: Connections;
  /** The orders HTTP API: list, detail, postal-code search, reveal. */
  orders: OrdersApi;
  /** Restricted Data Tokens; absent with `spapi`. */
  rdt: RdtService | undefined;
  /** Order sync: engine, per-seller queue and schedule, status, progress (`/api/sync`). */
  sync: SyncService;
  /** Customer-related (restricted) reports (`/api/reports`). */
  reports: CustomerReports;
  /** The PII retention job (purge, key shredding, verification) and its schedule. */
  retention: RetentionJob;
  retentionSchedule: RetentionSchedule;
  /** Denied access attempts of signed-in principals, into the audit trail. */
  recordDenial: AccessDenialRecorder;
  close(): Promise<void>;
}

/** `update User` → `update:User`, `/api/users/:userId` → `api.users.:userId` (audit id syntax). */
export function accessDenialEntry(denial: AccessDenial): AuditEntryInput {
  return {
    actor: { kind: 'user', id: denial.principal.userId },
    action: AuditAction.ACCESS_DENY,
    outcome: 'denied',
    organizationId: denial.principal.organizationId,
    target: null,
    reasonCode: denial.code,
    requestId: denial.requestId,
    details: {
      access: denial.access.replaceAll(' ', ':'),
      method: denial.method,
      route: denial.route.replace(/^\/+/, '').replaceAll('/', '.'),
    },
  };
}

export interface ServicesInput {
  config: ServerConfig;
  database: DatabaseHandle;
  logger: Logger;
  /** Where the secrets provider reads its variables (process.env outside tests). */
  env: Readonly<Record<string, string | undefined>>;
}

export async function createServices({
  config,
  database,
  logger,
  env,
}: ServicesInput): Promise<Services> {
  const secrets = await createSecretsProvider({
    mode: config.mode,
    source: config.secrets,
    dataDir: config.dataDir,
    env,
  });
  const hasher = createPasswordHasher({ production: config.mode === 'production' });
  const auditLog = createAuditLog({
    file: { dir: config.logging.dir, maxFiles: `${String(config.logging.retentionDays)}d` },
  });
  // Alerts: rules run on committed audit entries, off the request path; delivery is decoupled
  // from the app (webhook, or the alerts table as outbox in demo).
  const alertRepository = createAlertRepository(database.db);
  const dispatcher = createAlertDispatcher({
    repository: alertRepository,
    notifier: config.alerts.webhookUrl
      ? createWebhookNotifier({
          url: config.alerts.webhookUrl,
          allowLoopbackHttp: config.mode === 'demo',
        })
      : createOutboxNotifier(),
    onError: (event) => {
      logger.error('alert delivery failure', { ...event });
    },
  });
  // Planted canary orders (`parcel-admin canary add`), read at most once a minute.
  const canaries = createLoadedCanaryRegistry({ load: () => listCanaryOrderIds(database.db) });
  const alerts = createAlertEngine({
    repository: alertRepository,
    canaries,
    onRaised: () => {
      dispatcher.wake();
    },
    onError: (stage, err) => {
      logger.error('alert engine failure', { stage, err });
    },
  });
  dispatcher.start();
  const audit = createAuditTrail({
    db: database.db,
    signingKeys: createSecretsSigningKeyProvider(secrets),
    sink: {
      write: (row) => {
        auditLog.write(row);
        alerts.observe(row);
      },
    },
    onBackgroundError: (stage, err) => {
      logger.error('audit background failure', { stage, err });
    },
  });
  const sealerRing = await loadKeyRing(secrets, 'sealerKey');
  const sealer = createAeadSecretSealer(sealerRing.current, sealerRing.previous);
  const identity = createIdentity({
    db: database.db,
    hasher,
    audit: auditTrailSink(audit),
    mail: createOutboxMailer(database.db, sealer, Date.now),
    sealer,
    csrfKey: await secrets.get('csrfKey'),
    publicUrl: config.publicUrl,
    allowedOrigins: config.http.corsOrigins === '*' ? [] : config.http.corsOrigins,
  });
  // PII at rest: one vault, told every column that holds its ciphertexts.
  const vault = createPiiVault({
    db: database.db,
    secrets,
    audit,
    columns: createEncryptedColumnRegistry(ALL_ENCRYPTED_COLUMNS),
  });
  // Sync progress (SSE): the SP-API client's waits and retries reach the runs of their seller.
  const syncEvents = createSyncEventHub((err) => {
    logger.error('sync progress listener failure', { err });
  });
  const connectionRepository = createConnectionRepository(database.db);
  const spapi =
    config.amazon.lwaClientId === null
      ? undefined
      : createSpapiAccess({
          amazon: config.amazon,
          clientSecret: clientSecretFrom(secrets),
          refreshTokens: createRefreshTokenSource(connectionRepository, vault),
          logger,
          onEvent: (event) => {
            syncEvents.fromSpapi(event);
          },
        });
  const rdt = spapi && createRdtService({ client: spapi.client, audit, logger });
  // Late-bound: the sync service is built after the connections it reads.
  const onConnected: { sync?: (connectionId: string) => void } = {};
  const connections = createConnections({
    db: database.db,
    vault,
    audit,
    config,
    tokens: spapi?.tokens,
    rdt,
    onConnected: (connectionId) => onConnected.sync?.(connectionId),
  });
  // Reveals read the PII the sync stored (sealed by the vault): no RDT, no Amazon call.
  const orders = createOrdersApi({ db: database.db, vault, audit });
  const connectionPorts = {
    findById: (id: string) => connections.repository.findById(id),
    markNeedsReauthorization: (id: string, reason: string) =>
      connections.service.markNeedsReauthorization(id, reason),
  };
  // One job per seller at a time: in process on SQLite, a pg-boss queue (tables in the
  // server's own schema) on Postgres, so several processes never sync one seller together.
  const { database: store } = config;
  const pgBoss =
    store.kind === 'postgres' ? { connectionString: store.url, schema: store.schema } : undefined;
  const sync = createSyncService({
    db: database.db,
    vault,
    spapi: spapi && rdt && { client: spapi.client, executor: spapi.executor, rdt },
    connections: connectionPorts,
    events: syncEvents,
    queue:
      pgBoss === undefined
        ? { kind: 'in-process' }
        : { kind: 'pg-boss', ...pgBoss, concurrency: config.jobs.syncConcurrency },
    intervalMs: config.jobs.syncIntervalMinutes * 60_000,
    initialLookbackMs: config.jobs.syncInitialLookbackDays * 86_400_000,
    logger,
  });
  const reports: CustomerReports = createCustomerReports({
    db: database.db,
    vault,
    ...(spapi && rdt ? { client: spapi.client, executor: spapi.executor, rdt } : unconfiguredSpapi),
    downloader: createReportDocumentDownloader({
      http: createHttpClient({ userAgent: userAgent() }),
      // The demo's simulator serves documents over loopback HTTP.
      allowLoopbackHttp: config.mode === 'demo',
    }),
    audit,
    connections: connectionPorts,
    reauthorization: connectionPorts,
    logger,
    // A requested report is driven to its end in the background (polls through the seller's
    // executor, so sync pages interleave); its failures are recorded on the report itself.
    onRequested: (reportId) => {
      reports.service.runToCompletion(reportId).catch((err: unknown) => {
        logger.error('report run failure', { reportId, err });
      });
    },
  });
  const retention = createRetentionJob({
    db: database.db,
    vault,
    audit,
    holders: [createOrderPiiHolder(database.db), reports.piiHolder],
    clock: Date.now,
  });
  const retentionQueue: RetentionQueueConfig =
    pgBoss === undefined ? { kind: 'in-process' } : { kind: 'pg-boss', ...pgBoss };
  const retentionSchedule = await startRetentionSchedule({
    job: retention,
    intervalMs: config.jobs.retentionIntervalMinutes * 60_000,
    queue: retentionQueue,
    logger,
    // The background half of key rotation, on the same schedule: re-encrypt, then retire.
    afterRun: async () => {
      const keys = await maintainDataKeys(database.db, vault, {
        actor: { kind: 'system', id: 'key-maintenance' },
      });
      logger.info('keys.maintained', { ...keys });
    },
  });
  await sync.start();
  // A new (or re-authorized) connection syncs at once instead of at the next tick (when
  // syncs are automatic at all: SYNC_INTERVAL_MINUTES 0 means manual only).
  if (config.jobs.syncIntervalMinutes > 0)
    onConnected.sync = (connectionId) => {
      sync.trigger(connectionId, 'connect').catch((err: unknown) => {
        logger.warn('sync after connect not queued', { connectionId, err });
      });
    };
  // Reports in flight when the last process stopped are driven again (or failed as
  // interrupted when they never reached Amazon).
  if (spapi !== undefined) {
    const unfinished = await reports.service.resumeUnfinished();
    for (const { reportId, run } of unfinished.runs) {
      run.catch((err: unknown) => {
        logger.error('report run failure', { reportId, err });
      });
    }
  }
  // Signed checkpoints of the head on a timer too (unref'd), and a last one in close().
  const checkpoints = startCheckpointSchedule({
    audit,
    intervalMs: config.audit.checkpointIntervalMinutes * 60_000,
    onBackgroundError: (stage, err) => {
      logger.error('audit background failure', { stage, err });
    },
  });
  return {
    secrets,
    audit,
    alerts,
    canaries,
    identity,
    vault,
    spapi,
    connections,
    orders,
    rdt,
    sync,
    reports,
    retention,
    retentionSchedule,
    recordDenial: async (denial) => {
      await audit.record(accessDenialEntry(denial));
    },
    close: async () => {
      await sync.stop(); // running syncs abort; their runs end `interrupted`
      await retentionSchedule.stop();
      await checkpoints.stop(); // before anything it needs (secrets, database) closes
      await dispatcher.stop();
      await alerts.idle();
      await hasher.close();
      await auditLog.close();
      vault.close();
      secrets.close();
    },
  };
}
