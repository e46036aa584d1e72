import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';
import type { Environment } from './parse-env.js';

const cwd = '/srv/desk';

function problemsOf(env: Environment): Record<string, string> {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (error instanceof ConfigError) {
      return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: demo mode', () => {
  it('needs only SERVER_MODE and picks safe local defaults', () => {
    const config = loadConfig({ SERVER_MODE: 'demo' }, { cwd });
    expect(config).toMatchObject({
      mode: 'demo',
      listen: { host: '127.0.0.1', port: 8443, httpRedirectPort: null },
      publicUrl: 'https://localhost:8443',
      tls: { kind: 'self-signed' },
      tlsMinVersion: 'TLSv1.2',
      dataDir: '/srv/desk/.data',
      database: { kind: 'sqlite', path: '/srv/desk/.data/server.sqlite' },
      http: { trustProxy: false, corsOrigins: [] },
      demoData: true,
      secrets: { kind: 'env' },
      logging: { dir: '/srv/desk/.data/logs', level: 'info', retentionDays: 400, shipUrl: null },
      alerts: { webhookUrl: null },
      audit: { checkpointIntervalMinutes: 60 },
      jobs: {
        syncIntervalMinutes: 15,
        syncInitialLookbackDays: 30,
        syncConcurrency: 2,
        retentionIntervalMinutes: 60,
      },
    });
    expect(config.amazon).toEqual({
      lwaBaseUrl: 'https://api.amazon.com',
      sellerCentralUrls: {
        na: 'https://sellercentral.amazon.com',
        eu: 'https://sellercentral-europe.amazon.com',
        fe: 'https://sellercentral.amazon.co.jp',
      },
      spapiBaseUrls: {
        na: 'https://sellingpartnerapi-na.amazon.com',
        eu: 'https://sellingpartnerapi-eu.amazon.com',
        fe: 'https://sellingpartnerapi-fe.amazon.com',
      },
      sandbox: false,
      draftApplication: false,
      lwaClientId: null,
      applicationId: null,
    });
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({ SERVER_MODE: 'demo' }, { cwd });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.amazon.spapiBaseUrls)).toBe(true);
  });

  it('reads overrides: simulator URLs, sandbox hosts, port 0, Postgres, lists', () => {
    const config = loadConfig(
      {
        SERVER_MODE: 'demo',
        PORT: '0',
        HOST: '::1',
        LWA_BASE_URL: 'http://127.0.0.1:4100/',
        SPAPI_BASE_URL_EU: 'http://127.0.0.1:4101',
        SPAPI_SANDBOX: 'true',
        DATABASE_URL: 'postgres://app@db.internal:5432/desk',
        DATABASE_SCHEMA: 'desk',
        DATABASE_POOL_MAX: '4',
        TRUST_PROXY: 'loopback, 10.0.0.0/8',
        CORS_ORIGINS: 'https://a.example.com, https://b.example.com/ ,https://a.example.com',
        TLS_CERT_FILE: 'tls/cert.pem',
        TLS_KEY_FILE: '/etc/desk/key.pem',
        DEMO_DATA: '0',
        LOG_DIR: '/var/log/desk',
        LOG_LEVEL: 'debug',
        AUDIT_CHECKPOINT_INTERVAL_MINUTES: '15',
      },
      { cwd },
    );
    expect(config.listen).toEqual({ host: '::1', port: 0, httpRedirectPort: null });
    expect(config.amazon.lwaBaseUrl).toBe('http://127.0.0.1:4100');
    expect(config.amazon.spapiBaseUrls).toEqual({
      na: 'https://sandbox.sellingpartnerapi-na.amazon.com',
      eu: 'http://127.0.0.1:4101',
      fe: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://app@db.internal:5432/desk',
      schema: 'desk',
      poolMax: 4,
    });
    expect(config.http).toEqual({
      trustProxy: ['loopback', '10.0.0.0/8'],
      corsOrigins: ['https://a.example.com', 'https://b.example.com'],
    });
    expect(config.tls).toEqual({
      kind: 'files',
      certFile: '/srv/desk/tls/cert.pem',
      keyFile: '/etc/desk/key.pem',
    });
    expect(config.demoData).toBe(false);
    expect(config.logging).toMatchObject({ dir: '/var/log/desk', level: 'debug' });
    expect(config.audit).toEqual({ checkpointIntervalMinutes: 15 });
  });

  it('treats empty and blank values as unset and trims the rest', () => {
    const config = loadConfig({ SERVER_MODE: ' demo\n', PORT: '', HOST: '   ' }, { cwd });
    expect(config.listen).toMatchObject({ host: '127.0.0.1', port: 8443 });
  });

  it.each([
    ['TRUST_PROXY', 'true', true],
    ['TRUST_PROXY', '2', 2],
    ['TRUST_PROXY', '0', false],
    ['CORS_ORIGINS', '*', '*'],
  ] as const)('reads %s=%s', (name, value, expected) => {
    const config = loadConfig({ SERVER_MODE: 'demo', [name]: value }, { cwd });
    const actual = name === 'TRUST_PROXY' ? config.http.trustProxy : config.http.corsOrigins;
    expect(actual).toEqual(expected);
  });
});

describe('loadConfig: problems', () => {
  it('has no default mode', () => {
    expect(problemsOf({})).toEqual({
      SERVER_MODE: 'is required and must be "demo" or "production"',
    });
    expect(Object.keys(problemsOf({ SERVER_MODE: 'staging' }))).toEqual(['SERVER_MODE']);
  });

  it('lists every bad value at once, each under its variable', () => {
    const problems = problemsOf({
      SERVER_MODE: 'demo',
      PORT: '70000',
      HOST: 'not a host',
      PUBLIC_URL: 'https://desk.example.com/app',
      DATABASE_URL: 'mysql://db/desk',
      DATABASE_SCHEMA: 'Public; drop',
      TRUST_PROXY: 'everyone',
      CORS_ORIGINS: 'https://ok.example.com,ftp://x',
      DEMO_DATA: 'yes',
      TLS_MIN_VERSION: 'TLSv1.1',
      LOG_RETENTION_DAYS: '30',
      AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0',
      SECRETS_AWS_REGION: 'mars',
      SPAPI_BASE_URL_NA: 'https://user:pw@sellingpartnerapi-na.amazon.com',
    });
    expect(Object.keys(problems).sort()).toEqual(
      [
        'PORT',
        'HOST',
        'PUBLIC_URL',
        'DATABASE_URL',
        'DATABASE_SCHEMA',
        'TRUST_PROXY',
        'CORS_ORIGINS',
        'DEMO_DATA',
        'TLS_MIN_VERSION',
        'LOG_RETENTION_DAYS',
        'AUDIT_CHECKPOINT_INTERVAL_MINUTES',
        'SECRETS_AWS_REGION',
        'SPAPI_BASE_URL_NA',
      ].sort(),
    );
    expect(problems.LOG_RETENTION_DAYS).toBe('must be a whole number from 365 to 3650');
    expect(problems.AUDIT_CHECKPOINT_INTERVAL_MINUTES).toBe(
      'must be a whole number from 1 to 1440',
    );
    expect(problems.CORS_ORIGINS).toMatch(/^entry 2 is not an origin/);
  });

  it('refuses contradictory TLS and database settings in any mode', () => {
    expect(problemsOf({ SERVER_MODE: 'demo', TLS_CERT_FILE: 'c.pem' })).toEqual({
      TLS_KEY_FILE: 'is required with TLS_CERT_FILE',
    });
    expect(problemsOf({ SERVER_MODE: 'demo', TLS_MODE: 'files' })).toEqual({
      TLS_CERT_FILE: 'is required with TLS_KEY_FILE',
      TLS_KEY_FILE: 'is required with TLS_CERT_FILE',
    });
    expect(
      problemsOf({ SERVER_MODE: 'demo', TLS_MODE: 'self-signed', TLS_KEY_FILE: 'k.pem' }),
    ).toHaveProperty('TLS_MODE');
    expect(
      problemsOf({ SERVER_MODE: 'demo', DATABASE_URL: 'postgres://db/x', SQLITE_PATH: 'x.db' }),
    ).toEqual({ SQLITE_PATH: 'conflicts with DATABASE_URL; set one database, not both' });
    expect(problemsOf({ SERVER_MODE: 'demo', PORT: '8443', HTTP_REDIRECT_PORT: '8443' })).toEqual({
      HTTP_REDIRECT_PORT: 'must differ from PORT',
    });
  });

  it('refuses plaintext for alerts and secrets unless they stay on this machine, and for logs', () => {
    expect(
      problemsOf({
        SERVER_MODE: 'demo',
        LOG_SHIP_URL: 'http://logs.example.com/in',
        ALERT_WEBHOOK_URL: 'http://hooks.example.com/x',
        SECRETS_AWS_ENDPOINT: 'http://aws.example.com',
      }),
    ).toEqual({
      LOG_SHIP_URL: 'must use https',
      ALERT_WEBHOOK_URL: 'must use https (plain http only to this machine, in demo mode)',
      SECRETS_AWS_ENDPOINT: 'must use https (plain http only to this machine, in demo mode)',
    });
    expect(() =>
      loadConfig({ SERVER_MODE: 'demo', ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/hook' }, { cwd }),
    ).not.toThrow();
    expect(problemsOf({ SERVER_MODE: 'demo', LOG_SHIP_URL: 'http://127.0.0.1:9/in' })).toEqual({
      LOG_SHIP_URL: 'must use https',
    });
  });

  it('requires the parts of the chosen secrets provider', () => {
    expect(problemsOf({ SERVER_MODE: 'demo', SECRETS_PROVIDER: 'key-file' })).toEqual({
      SECRETS_KEY_FILE: 'is required with SECRETS_PROVIDER=key-file',
    });
    expect(
      Object.keys(problemsOf({ SERVER_MODE: 'demo', SECRETS_PROVIDER: 'aws-secrets-manager' })),
    ).toEqual(['SECRETS_AWS_REGION', 'SECRETS_AWS_PREFIX']);
  });

  it('never repeats a value in its message', () => {
    const secret = 'S3cr3t-Pa55word-xyz';
    try {
      loadConfig(
        {
          SERVER_MODE: 'production',
          DATABASE_URL: `mysql://app:${secret}@db/desk`,
          ALERT_WEBHOOK_URL: `http://hooks.example.com/services/${secret}`,
          LOG_SHIP_URL: `https://user:${secret}@logs.example.com`,
          LWA_CLIENT_ID: `has spaces ${secret}`,
          PORT: secret,
        },
        { cwd },
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = [JSON.stringify(error), String(error), (error as Error).stack].join('\n');
      expect(text).not.toContain(secret);
      expect(text).not.toContain('hooks.example.com');
    }
  });

  it('formats a readable message naming every variable', () => {
    expect(() => loadConfig({ SERVER_MODE: 'demo', PORT: 'x', LOG_LEVEL: 'loud' }, { cwd }))
      .toThrow(`Invalid server configuration (2 problems):
  - PORT: must be a whole number from 0 to 65535
  - LOG_LEVEL: must be error, warn, info or debug`);
  });
});
