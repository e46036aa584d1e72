import { resolve } from 'node:path';
import type { ProblemList } from './config-error.js';
import type {
  AmazonConfig,
  AmazonRegion,
  DatabaseConfig,
  SecretsSource,
  ServerConfig,
  ServerMode,
  TlsSource,
} from './config.types.js';
import type { ParsedEnv } from './env.schema.js';

const SELLER_CENTRAL: Record<AmazonRegion, string> = {
  na: 'https://sellercentral.amazon.com',
  eu: 'https://sellercentral-europe.amazon.com',
  fe: 'https://sellercentral.amazon.co.jp',
};

function spapiDefault(region: AmazonRegion, sandbox: boolean): string {
  return `https://${sandbox ? 'sandbox.' : ''}sellingpartnerapi-${region}.amazon.com`;
}

function tlsSource(env: ParsedEnv, cwd: string, problems: ProblemList): TlsSource {
  const { TLS_MODE: mode, TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } = env;
  if (mode === 'self-signed') {
    if (certFile !== undefined || keyFile !== undefined) {
      problems.add('TLS_MODE', 'is self-signed but TLS_CERT_FILE/TLS_KEY_FILE are set; pick one');
    }
    return { kind: 'self-signed' };
  }
  if (certFile === undefined && keyFile === undefined && mode === undefined) {
    return { kind: 'self-signed' };
  }
  if (certFile === undefined) problems.add('TLS_CERT_FILE', 'is required with TLS_KEY_FILE');
  if (keyFile === undefined) problems.add('TLS_KEY_FILE', 'is required with TLS_CERT_FILE');
  if (certFile === undefined || keyFile === undefined) return { kind: 'self-signed' };
  return { kind: 'files', certFile: resolve(cwd, certFile), keyFile: resolve(cwd, keyFile) };
}

function databaseConfig(
  env: ParsedEnv,
  cwd: string,
  dataDir: string,
  problems: ProblemList,
): DatabaseConfig {
  if (env.DATABASE_URL !== undefined) {
    if (env.SQLITE_PATH !== undefined) {
      problems.add('SQLITE_PATH', 'conflicts with DATABASE_URL; set one database, not both');
    }
    return {
      kind: 'postgres',
      url: env.DATABASE_URL,
      schema: env.DATABASE_SCHEMA,
      poolMax: env.DATABASE_POOL_MAX,
    };
  }
  const path =
    env.SQLITE_PATH === undefined
      ? resolve(dataDir, 'server.sqlite')
      : resolve(cwd, env.SQLITE_PATH);
  return { kind: 'sqlite', path };
}

function secretsSource(
  env: ParsedEnv,
  mode: ServerMode,
  cwd: string,
  problems: ProblemList,
): SecretsSource {
  const provider = env.SECRETS_PROVIDER ?? (mode === 'demo' ? 'env' : undefined);
  if (provider === 'key-file') {
    if (env.SECRETS_KEY_FILE !== undefined) {
      return { kind: 'key-file', path: resolve(cwd, env.SECRETS_KEY_FILE) };
    }
    problems.add('SECRETS_KEY_FILE', 'is required with SECRETS_PROVIDER=key-file');
  }
  if (provider === 'aws-secrets-manager') {
    const { SECRETS_AWS_REGION: region, SECRETS_AWS_PREFIX: prefix } = env;
    if (region === undefined)
      problems.add('SECRETS_AWS_REGION', 'is required with aws-secrets-manager');
    if (prefix === undefined)
      problems.add('SECRETS_AWS_PREFIX', 'is required with aws-secrets-manager');
    if (region !== undefined && prefix !== undefined) {
      return {
        kind: 'aws-secrets-manager',
        region,
        prefix,
        endpoint: env.SECRETS_AWS_ENDPOINT ?? null,
      };
    }
  }
  if (provider === undefined) {
    problems.add('SECRETS_PROVIDER', 'is required in production: key-file or aws-secrets-manager');
  }
  // A placeholder when the choice above is incomplete; the problem list makes loadConfig throw.
  return { kind: 'env' };
}

function amazonConfig(env: ParsedEnv): AmazonConfig {
  const sandbox = env.SPAPI_SANDBOX;
  return {
    lwaBaseUrl: env.LWA_BASE_URL ?? 'https://api.amazon.com',
    sellerCentralUrls: {
      na: env.SELLER_CENTRAL_URL_NA ?? SELLER_CENTRAL.na,
      eu: env.SELLER_CENTRAL_URL_EU ?? SELLER_CENTRAL.eu,
      fe: env.SELLER_CENTRAL_URL_FE ?? SELLER_CENTRAL.fe,
    },
    spapiBaseUrls: {
      na: env.SPAPI_BASE_URL_NA ?? spapiDefault('na', sandbox),
      eu: env.SPAPI_BASE_URL_EU ?? spapiDefault('eu', sandbox),
      fe: env.SPAPI_BASE_URL_FE ?? spapiDefault('fe', sandbox),
    },
    sandbox,
    draftApplication: env.SPAPI_DRAFT_APP,
    lwaClientId: env.LWA_CLIENT_ID ?? null,
    applicationId: env.SPAPI_APPLICATION_ID ?? null,
  };
}

/** Turns parsed variables into the configuration, applying the mode's defaults. */
export function buildConfig(
  env: ParsedEnv,
  mode: ServerMode,
  cwd: string,
  problems: ProblemList,
): ServerConfig {
  const dataDir = resolve(cwd, env.DATA_DIR);
  return {
    mode,
    listen: { host: env.HOST, port: env.PORT, httpRedirectPort: env.HTTP_REDIRECT_PORT ?? null },
    publicUrl: env.PUBLIC_URL ?? `https://localhost${env.PORT === 443 ? '' : `:${env.PORT}`}`,
    tls: tlsSource(env, cwd, problems),
    tlsMinVersion: env.TLS_MIN_VERSION,
    dataDir,
    database: databaseConfig(env, cwd, dataDir, problems),
    http: { trustProxy: env.TRUST_PROXY, corsOrigins: env.CORS_ORIGINS },
    demoData: env.DEMO_DATA ?? mode === 'demo',
    amazon: amazonConfig(env),
    secrets: secretsSource(env, mode, cwd, problems),
    logging: {
      dir: env.LOG_DIR === undefined ? resolve(dataDir, 'logs') : resolve(cwd, env.LOG_DIR),
      level: env.LOG_LEVEL,
      retentionDays: env.LOG_RETENTION_DAYS,
      shipUrl: env.LOG_SHIP_URL ?? null,
    },
    alerts: { webhookUrl: env.ALERT_WEBHOOK_URL ?? null },
    audit: { checkpointIntervalMinutes: env.AUDIT_CHECKPOINT_INTERVAL_MINUTES },
    jobs: {
      syncIntervalMinutes: env.SYNC_INTERVAL_MINUTES,
      syncInitialLookbackDays: env.SYNC_INITIAL_LOOKBACK_DAYS,
      syncConcurrency: env.SYNC_CONCURRENCY,
      retentionIntervalMinutes: env.RETENTION_INTERVAL_MINUTES,
    },
  };
}
