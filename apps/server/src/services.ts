import {
  createAlertDispatcher,
  createAlertEngine,
  createAlertRepository,
  createInMemoryCanaryRegistry,
  createOutboxNotifier,
  createWebhookNotifier,
  type AlertEngine,
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
  REFRESH_TOKEN_COLUMN,
  type Connections,
} from './connections/index.js';
import { createEncryptedColumnRegistry, createPiiVault, type PiiVault } from './pii-vault/index.js';
import { ORDER_ENCRYPTED_COLUMNS, createOrdersApi, type OrdersApi } from './orders/index.js';
import { createRdtService, type RdtService } from './rdt/index.js';
import { clientSecretFrom, createSpapiAccess, type SpapiAccess } from './spapi/index.js';

/** The feature services one server process runs, built from config, storage and the logger. */
export interface Services {
  secrets: SecretsProvider;
  audit: AuditTrail;
  alerts: AlertEngine;
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
  const alerts = createAlertEngine({
    repository: alertRepository,
    // Canary orders are registered by the order-sync feature (server-core issue).
    canaries: createInMemoryCanaryRegistry([]),
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
    columns: createEncryptedColumnRegistry([REFRESH_TOKEN_COLUMN, ...ORDER_ENCRYPTED_COLUMNS]),
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
        });
  const rdt = spapi && createRdtService({ client: spapi.client, audit, logger });
  const connections = createConnections({
    db: database.db,
    vault,
    audit,
    config,
    tokens: spapi?.tokens,
    rdt,
  });
  // Reveals read the PII the sync stored (sealed by the vault): no RDT, no Amazon call.
  const orders = createOrdersApi({ db: database.db, vault, audit });
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
    identity,
    vault,
    spapi,
    connections,
    orders,
    rdt,
    recordDenial: async (denial) => {
      await audit.record(accessDenialEntry(denial));
    },
    close: async () => {
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
