import { createRetentionRoutes } from './retention/index.js';
import { createSyncRoutes } from './sync/index.js';
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { assertEveryRouteDeclared, type InventoryEntry } from './access/index.js';
import { createApp } from './app.js';
import { recordConfigurationChange } from './config-change.js';
import { describeConfig, type ServerConfig } from './config/index.js';
import { ready } from './crypto/index.js';
import { createLogger, type ProcessLogger } from './logging/index.js';
import { createServices, type Services } from './services.js';
import { createDatabase, migrateToLatest, type DatabaseHandle } from './storage/index.js';
import {
  ensureSelfSignedCertificate,
  loadCertificateFiles,
  tlsOptions,
  type TlsMaterial,
} from './tls/index.js';

export interface RunningServer {
  config: ServerConfig;
  /** Every endpoint the server answers, with its declared access (the start-up inventory). */
  routes: readonly InventoryEntry[];
  /** The https URL the server listens on (port resolved when the config said 0). */
  url: string;
  /** The certificate the server presents (tests trust it explicitly). */
  certificate: string;
  database: DatabaseHandle;
  logger: ProcessLogger;
  services: Services;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Tests pass a logger with a capture transport; by default one is built from the config. */
  logger?: ProcessLogger;
  /** Variables for the secrets provider; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

function loggerFor(config: ServerConfig): ProcessLogger {
  return createLogger({
    level: config.logging.level,
    console: config.mode === 'demo',
    file: { dir: config.logging.dir, maxFiles: `${String(config.logging.retentionDays)}d` },
    ...(config.logging.shipUrl ? { shipping: { url: config.logging.shipUrl } } : {}),
  });
}

async function certificateFor(config: ServerConfig): Promise<TlsMaterial> {
  return config.tls.kind === 'self-signed'
    ? ensureSelfSignedCertificate(config.dataDir)
    : loadCertificateFiles(config.tls.certFile, config.tls.keyFile);
}

/** The composition root: config → crypto → logger → storage → TLS → HTTPS. HTTPS only. */
export async function start(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  await ready();
  const logger = options.logger ?? loggerFor(config);
  const database = createDatabase(config.database, {
    onPoolError: (err) => {
      logger.error('database pool error', { err });
    },
  });
  let server: Server | undefined;
  let material: TlsMaterial;
  let services: Services | undefined;
  let routes: readonly InventoryEntry[];
  try {
    await migrateToLatest(database);
    services = await createServices({ config, database, logger, env: options.env ?? process.env });
    await recordConfigurationChange(database.db, services.audit, config);
    material = await certificateFor(config);
    const app = createApp({
      config,
      logger,
      identity: services.identity,
      amazonRoutes: services.connections.routes,
      orderRoutes: services.orders.routes,
      syncRoutes: createSyncRoutes(services.sync).router,
      reportRoutes: services.reports.routes,
      retentionRoutes: createRetentionRoutes(database.db).router,
      recordDenial: services.recordDenial,
    });
    routes = assertEveryRouteDeclared(app);
    server = createServer(tlsOptions({ ...material, minVersion: config.tlsMinVersion }), app);
    server.listen(config.listen.port, config.listen.host);
    await once(server, 'listening');
  } catch (error: unknown) {
    await services?.close();
    await database.close();
    if (!options.logger) await logger.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  logger.info('server started', { config: describeConfig(config), port });
  const listening = server;
  const running = services;
  return {
    config,
    routes,
    url: `https://${host}:${String(port)}`,
    certificate: material.cert.toString(),
    database,
    logger,
    services: running,
    stop: async () => {
      listening.closeAllConnections();
      await new Promise<void>((resolve) =>
        listening.close(() => {
          resolve();
        }),
      );
      await running.close();
      await database.close();
      logger.info('server stopped');
      if (!options.logger) await logger.close();
    },
  };
}
