import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';
import type { Environment } from './parse-env.js';

/** A production environment that passes; each test breaks one thing. */
const PRODUCTION: Environment = {
  SERVER_MODE: 'production',
  HOST: '0.0.0.0',
  PORT: '443',
  PUBLIC_URL: 'https://desk.example.com',
  TLS_CERT_FILE: '/etc/desk/tls/fullchain.pem',
  TLS_KEY_FILE: '/etc/desk/tls/privkey.pem',
  DATABASE_URL: 'postgres://desk@db.internal:5432/desk?sslmode=verify-full',
  TRUST_PROXY: '10.0.0.0/8',
  CORS_ORIGINS: 'https://portal.example.com',
  LWA_CLIENT_ID: 'amzn1.application-oa2-client.0123',
  SPAPI_APPLICATION_ID: 'amzn1.sp.solution.0123',
  SECRETS_PROVIDER: 'aws-secrets-manager',
  SECRETS_AWS_REGION: 'eu-west-1',
  SECRETS_AWS_PREFIX: 'desk/prod/',
  ALERT_WEBHOOK_URL: 'https://hooks.example.com/services/T0/B0/token',
  LOG_SHIP_URL: 'https://logs.example.com/ingest',
};

function problemsOf(env: Environment): Record<string, string> {
  try {
    loadConfig(env, { cwd: '/srv/desk' });
  } catch (error) {
    if (error instanceof ConfigError) {
      return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
    }
    throw error;
  }
  return {};
}

function refusal(change: Environment): Record<string, string> {
  return problemsOf({ ...PRODUCTION, ...change });
}

describe('production policy', () => {
  it('accepts a hardened production environment', () => {
    const config = loadConfig(PRODUCTION, { cwd: '/srv/desk' });
    expect(config).toMatchObject({
      mode: 'production',
      tls: { kind: 'files' },
      database: { kind: 'postgres', schema: 'public', poolMax: 10 },
      demoData: false,
      secrets: { kind: 'aws-secrets-manager', region: 'eu-west-1', endpoint: null },
    });
  });

  it('lists every refusal of a bare production environment at once', () => {
    expect(problemsOf({ SERVER_MODE: 'production' })).toEqual({
      TLS_CERT_FILE:
        'production needs a real certificate: set TLS_CERT_FILE and TLS_KEY_FILE (self-signed is demo only)',
      PUBLIC_URL: 'is required in production (https://your.public.host)',
      DATABASE_URL:
        'production needs PostgreSQL: set DATABASE_URL=postgres://… (embedded SQLite is demo only)',
      SECRETS_PROVIDER: 'is required in production: key-file or aws-secrets-manager',
      LWA_CLIENT_ID: 'is required in production',
      SPAPI_APPLICATION_ID: 'is required in production',
      ALERT_WEBHOOK_URL: 'is required in production: alerts must leave the application',
    });
  });

  describe('refuses', () => {
    it.each<[string, Environment, string | string[]]>([
      ['a self-signed certificate', { TLS_CERT_FILE: '', TLS_KEY_FILE: '' }, 'TLS_CERT_FILE'],
      [
        'TLS_MODE=self-signed',
        { TLS_CERT_FILE: '', TLS_KEY_FILE: '', TLS_MODE: 'self-signed' },
        'TLS_MODE',
      ],
      ['a certificate without its key', { TLS_KEY_FILE: '' }, 'TLS_KEY_FILE'],
      ['a plaintext redirect listener', { HTTP_REDIRECT_PORT: '80' }, 'HTTP_REDIRECT_PORT'],
      ['a missing PUBLIC_URL', { PUBLIC_URL: '' }, 'PUBLIC_URL'],
      ['an http PUBLIC_URL', { PUBLIC_URL: 'http://desk.example.com' }, 'PUBLIC_URL'],
      ['a localhost PUBLIC_URL', { PUBLIC_URL: 'https://localhost' }, 'PUBLIC_URL'],
      ['a *.localhost PUBLIC_URL', { PUBLIC_URL: 'https://desk.localhost:8443' }, 'PUBLIC_URL'],
      ['a 127/8 PUBLIC_URL', { PUBLIC_URL: 'https://127.1.2.3' }, 'PUBLIC_URL'],
      ['an IPv6 loopback PUBLIC_URL', { PUBLIC_URL: 'https://[::1]:8443' }, 'PUBLIC_URL'],
      ['an unspecified-address PUBLIC_URL', { PUBLIC_URL: 'https://0.0.0.0' }, 'PUBLIC_URL'],
      ['SQLite (no DATABASE_URL)', { DATABASE_URL: '' }, 'DATABASE_URL'],
      [
        'an explicit SQLITE_PATH',
        { DATABASE_URL: '', SQLITE_PATH: '/srv/x.db' },
        ['SQLITE_PATH', 'DATABASE_URL'],
      ],
      [
        'plaintext to a remote database',
        { DATABASE_URL: 'postgres://desk@db.internal/desk?sslmode=prefer' },
        'DATABASE_URL',
      ],
      ['demo data', { DEMO_DATA: 'true' }, 'DEMO_DATA'],
      ['wildcard CORS', { CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
      ['an http CORS origin', { CORS_ORIGINS: 'http://portal.example.com' }, 'CORS_ORIGINS'],
      ['trusting every proxy hop', { TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
      ['secrets from the environment', { SECRETS_PROVIDER: 'env' }, 'SECRETS_PROVIDER'],
      ['a missing secrets provider', { SECRETS_PROVIDER: '' }, 'SECRETS_PROVIDER'],
      [
        'an http secrets endpoint, even local',
        { SECRETS_AWS_ENDPOINT: 'http://127.0.0.1:4566' },
        'SECRETS_AWS_ENDPOINT',
      ],
      ['an http LWA URL', { LWA_BASE_URL: 'http://127.0.0.1:4100' }, 'LWA_BASE_URL'],
      ['an http SP-API URL', { SPAPI_BASE_URL_FE: 'http://sim.local' }, 'SPAPI_BASE_URL_FE'],
      [
        'an http Seller Central URL',
        { SELLER_CENTRAL_URL_EU: 'http://sc.local' },
        'SELLER_CENTRAL_URL_EU',
      ],
      ['a missing LWA client id', { LWA_CLIENT_ID: '' }, 'LWA_CLIENT_ID'],
      ['a missing application id', { SPAPI_APPLICATION_ID: '' }, 'SPAPI_APPLICATION_ID'],
      ['a missing alert webhook', { ALERT_WEBHOOK_URL: '' }, 'ALERT_WEBHOOK_URL'],
      [
        'an http alert webhook, even local',
        { ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/x' },
        'ALERT_WEBHOOK_URL',
      ],
      [
        'an http log collector, even local',
        { LOG_SHIP_URL: 'http://127.0.0.1:9/x' },
        'LOG_SHIP_URL',
      ],
    ])('%s', (_label, change, variables) => {
      expect(Object.keys(refusal(change))).toEqual([variables].flat());
    });
  });

  describe('allows', () => {
    it.each<[string, Environment]>([
      ['a local database without TLS', { DATABASE_URL: 'postgres://desk@127.0.0.1/desk' }],
      ['a database over a Unix socket', { DATABASE_URL: 'postgres:///desk?host=/run/postgresql' }],
      ['an encoded socket path', { DATABASE_URL: 'postgres://desk@%2Frun%2Fpostgresql/desk' }],
      ['ssl=true', { DATABASE_URL: 'postgresql://desk@db.internal/desk?ssl=true' }],
      ['the key-file provider', { SECRETS_PROVIDER: 'key-file', SECRETS_KEY_FILE: 'keys.bin' }],
      ['Amazon sandbox hosts', { SPAPI_SANDBOX: '1' }],
      ['TLS 1.3 only', { TLS_MIN_VERSION: 'TLSv1.3' }],
      ['no CORS origins (same-origin only)', { CORS_ORIGINS: '' }],
      ['no proxy', { TRUST_PROXY: 'false' }],
    ])('%s', (_label, change) => {
      expect(refusal(change)).toEqual({});
    });
  });
});
