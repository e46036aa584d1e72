import type { ServerConfig } from './config.types.js';

/** `scheme://host[:port]/path` without credentials, query or fragment. */
function withoutSecrets(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/**
 * A log-safe view of the configuration for the start-up log line and the configuration audit
 * entry: database credentials, webhook and collector paths (which may be tokens) are left out.
 */
export function describeConfig(config: ServerConfig): Record<string, unknown> {
  const { database, logging, alerts, secrets } = config;
  return {
    mode: config.mode,
    listen: config.listen,
    publicUrl: config.publicUrl,
    tls: config.tls.kind,
    tlsMinVersion: config.tlsMinVersion,
    dataDir: config.dataDir,
    database:
      database.kind === 'sqlite'
        ? { kind: 'sqlite', path: database.path }
        : { kind: 'postgres', url: withoutSecrets(database.url), schema: database.schema },
    http: config.http,
    demoData: config.demoData,
    amazon: { ...config.amazon },
    secrets: secrets.kind === 'aws-secrets-manager' ? { ...secrets } : { kind: secrets.kind },
    logging: {
      dir: logging.dir,
      level: logging.level,
      retentionDays: logging.retentionDays,
      shipTo: logging.shipUrl === null ? null : new URL(logging.shipUrl).origin,
    },
    alerts: { webhookTo: alerts.webhookUrl === null ? null : new URL(alerts.webhookUrl).origin },
    audit: { ...config.audit },
    jobs: { ...config.jobs },
  };
}
