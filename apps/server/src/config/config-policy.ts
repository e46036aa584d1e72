/**
 * What a configuration may not be. Production refuses every insecure default (DPP: TLS
 * everywhere, no demo shortcuts, secrets outside the environment, alerts outside the app); both
 * modes refuse plaintext to anything that is not this machine when secrets or logs travel.
 */
import type { ProblemList } from './config-error.js';
import type { ServerConfig } from './config.types.js';
import type { EnvName, ParsedEnv } from './env.schema.js';
import { isLoopbackHost } from './network-address.js';

const TLS_SSLMODES = new Set(['require', 'verify-ca', 'verify-full']);

function isHttps(url: string): boolean {
  return url.startsWith('https://');
}

function isHttpsOrLocal(url: string): boolean {
  return isHttps(url) || isLoopbackHost(new URL(url).hostname);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A database reached over a Unix socket or loopback, or with TLS requested in the URL. */
function databaseTransportIsSafe(databaseUrl: string): boolean {
  const url = new URL(databaseUrl);
  const host = url.searchParams.get('host') ?? decoded(url.hostname);
  if (host === '' || host.startsWith('/') || isLoopbackHost(host)) return true;
  const ssl = url.searchParams.get('ssl');
  return TLS_SSLMODES.has(url.searchParams.get('sslmode') ?? '') || ssl === 'true' || ssl === '1';
}

/** Where secrets or security data travel. Local http is allowed in demo (test endpoints). */
function outboundUrls(env: ParsedEnv): [EnvName, string | undefined][] {
  return [
    ['ALERT_WEBHOOK_URL', env.ALERT_WEBHOOK_URL],
    ['SECRETS_AWS_ENDPOINT', env.SECRETS_AWS_ENDPOINT],
  ];
}

function amazonUrls(config: ServerConfig): [EnvName, string][] {
  const { lwaBaseUrl, sellerCentralUrls: sc, spapiBaseUrls: sp } = config.amazon;
  return [
    ['LWA_BASE_URL', lwaBaseUrl],
    ['SELLER_CENTRAL_URL_NA', sc.na],
    ['SELLER_CENTRAL_URL_EU', sc.eu],
    ['SELLER_CENTRAL_URL_FE', sc.fe],
    ['SPAPI_BASE_URL_NA', sp.na],
    ['SPAPI_BASE_URL_EU', sp.eu],
    ['SPAPI_BASE_URL_FE', sp.fe],
  ];
}

/** Checks that apply in every mode. */
export function checkCommonPolicy(
  env: ParsedEnv,
  config: ServerConfig,
  problems: ProblemList,
): void {
  for (const [name, url] of outboundUrls(env)) {
    if (url !== undefined && !isHttpsOrLocal(url)) {
      problems.add(name, 'must use https (plain http only to this machine, in demo mode)');
    }
  }
  // The collector gets every log line and a bearer token: https in every mode.
  if (env.LOG_SHIP_URL !== undefined && !isHttps(env.LOG_SHIP_URL)) {
    problems.add('LOG_SHIP_URL', 'must use https');
  }
  const { port, httpRedirectPort } = config.listen;
  if (httpRedirectPort !== null && httpRedirectPort === port) {
    problems.add('HTTP_REDIRECT_PORT', 'must differ from PORT');
  }
}

function checkTransport(env: ParsedEnv, config: ServerConfig, problems: ProblemList): void {
  const tlsFilesReported = problems.has('TLS_CERT_FILE') || problems.has('TLS_KEY_FILE');
  if (config.tls.kind === 'self-signed' && !tlsFilesReported) {
    const name = env.TLS_MODE === 'self-signed' ? 'TLS_MODE' : 'TLS_CERT_FILE';
    problems.add(
      name,
      'production needs a real certificate: set TLS_CERT_FILE and TLS_KEY_FILE (self-signed is demo only)',
    );
  }
  if (config.listen.httpRedirectPort !== null) {
    problems.add('HTTP_REDIRECT_PORT', 'production serves HTTPS only: no plaintext listener');
  }
  if (env.PUBLIC_URL === undefined) {
    problems.add('PUBLIC_URL', 'is required in production (https://your.public.host)');
  } else if (!isHttps(config.publicUrl)) {
    problems.add('PUBLIC_URL', 'must use https in production');
  } else if (isLoopbackHost(new URL(config.publicUrl).hostname)) {
    problems.add('PUBLIC_URL', 'must be the public address in production, not a loopback one');
  }
  for (const [name, url] of [...outboundUrls(env), ...amazonUrls(config)]) {
    if (url !== undefined && !isHttps(url)) problems.add(name, 'must use https in production');
  }
}

function checkStorage(env: ParsedEnv, config: ServerConfig, problems: ProblemList): void {
  if (config.database.kind === 'sqlite') {
    if (env.SQLITE_PATH !== undefined) problems.add('SQLITE_PATH', 'SQLite is demo only');
    problems.add(
      'DATABASE_URL',
      'production needs PostgreSQL: set DATABASE_URL=postgres://… (embedded SQLite is demo only)',
    );
  } else if (!databaseTransportIsSafe(config.database.url)) {
    problems.add(
      'DATABASE_URL',
      'production needs TLS to a database on another host: add sslmode=verify-full (or require)',
    );
  }
}

function checkHttp(config: ServerConfig, problems: ProblemList): void {
  const { corsOrigins, trustProxy } = config.http;
  if (corsOrigins === '*') {
    problems.add('CORS_ORIGINS', 'wildcard is refused in production: list the allowed origins');
  } else if (corsOrigins.some((origin) => !isHttps(origin))) {
    problems.add('CORS_ORIGINS', 'must list https origins only in production');
  }
  if (trustProxy === true) {
    problems.add(
      'TRUST_PROXY',
      'true trusts every hop (spoofable client addresses): give a hop count or the proxy addresses',
    );
  }
}

/** A missing SECRETS_PROVIDER is reported by `buildConfig`, which has no production default. */
function checkOperations(env: ParsedEnv, config: ServerConfig, problems: ProblemList): void {
  if (config.demoData) problems.add('DEMO_DATA', 'demo data is refused in production');
  if (env.SECRETS_PROVIDER === 'env') {
    problems.add(
      'SECRETS_PROVIDER',
      'env is demo only: use key-file or aws-secrets-manager in production',
    );
  }
  if (env.LWA_CLIENT_ID === undefined) problems.add('LWA_CLIENT_ID', 'is required in production');
  if (env.SPAPI_APPLICATION_ID === undefined) {
    problems.add('SPAPI_APPLICATION_ID', 'is required in production');
  }
  if (env.ALERT_WEBHOOK_URL === undefined) {
    problems.add(
      'ALERT_WEBHOOK_URL',
      'is required in production: alerts must leave the application',
    );
  }
}

/** Production refuses every insecure default; each refusal names its variable. */
export function checkProductionPolicy(
  env: ParsedEnv,
  config: ServerConfig,
  problems: ProblemList,
): void {
  checkTransport(env, config, problems);
  checkStorage(env, config, problems);
  checkHttp(config, problems);
  checkOperations(env, config, problems);
}
