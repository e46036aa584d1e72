/**
 * Every environment variable the server reads, one parser each. Unset and empty (after trimming)
 * are the same. Mode-dependent defaults (PUBLIC_URL, DEMO_DATA, SECRETS_PROVIDER, the database)
 * are applied in `build-config.ts`; the production refusals live in `config-policy.ts`.
 * apps/server/README.md ("Configuration") documents each one; a test keeps the two in step.
 */
import { z } from 'zod';
import { LOG_LEVELS, SERVER_MODES, TLS_VERSIONS } from './config.types.js';
import {
  corsOriginsSchema,
  flagSchema,
  hostSchema,
  identifierSchema,
  intInRange,
  pathSchema,
  portSchema,
  postgresUrlSchema,
  tokenSchema,
  trustProxySchema,
  urlSchema,
} from './env-values.schema.js';

const amazonUrl = urlSchema('base').optional();

export const ENV_SCHEMA = {
  // Mode and listener
  SERVER_MODE: z.enum(SERVER_MODES, 'must be "demo" or "production"'),
  HOST: hostSchema.default('127.0.0.1'),
  PORT: portSchema.default(8443),
  PUBLIC_URL: urlSchema('origin').optional(),
  HTTP_REDIRECT_PORT: intInRange(1, 65535).optional(),
  // TLS
  TLS_MODE: z.enum(['self-signed', 'files'], 'must be "self-signed" or "files"').optional(),
  TLS_CERT_FILE: pathSchema.optional(),
  TLS_KEY_FILE: pathSchema.optional(),
  TLS_MIN_VERSION: z.enum(TLS_VERSIONS, 'must be TLSv1.2 or TLSv1.3').default('TLSv1.2'),
  // Storage
  DATA_DIR: pathSchema.default('.data'),
  SQLITE_PATH: pathSchema.optional(),
  DATABASE_URL: postgresUrlSchema.optional(),
  DATABASE_SCHEMA: identifierSchema.default('public'),
  DATABASE_POOL_MAX: intInRange(1, 100).default(10),
  // HTTP
  TRUST_PROXY: trustProxySchema.default(false),
  CORS_ORIGINS: corsOriginsSchema.default([]),
  DEMO_DATA: flagSchema.optional(),
  // Amazon
  LWA_BASE_URL: amazonUrl,
  SELLER_CENTRAL_URL_NA: amazonUrl,
  SELLER_CENTRAL_URL_EU: amazonUrl,
  SELLER_CENTRAL_URL_FE: amazonUrl,
  SPAPI_BASE_URL_NA: amazonUrl,
  SPAPI_BASE_URL_EU: amazonUrl,
  SPAPI_BASE_URL_FE: amazonUrl,
  SPAPI_SANDBOX: flagSchema.default(false),
  SPAPI_DRAFT_APP: flagSchema.default(false),
  LWA_CLIENT_ID: tokenSchema.optional(),
  SPAPI_APPLICATION_ID: tokenSchema.optional(),
  // Secrets provider
  SECRETS_PROVIDER: z
    .enum(
      ['env', 'key-file', 'aws-secrets-manager'],
      'must be env, key-file or aws-secrets-manager',
    )
    .optional(),
  SECRETS_KEY_FILE: pathSchema.optional(),
  SECRETS_AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1')
    .optional(),
  SECRETS_AWS_PREFIX: tokenSchema.optional(),
  SECRETS_AWS_ENDPOINT: urlSchema('base').optional(),
  // Logging and alerts
  LOG_DIR: pathSchema.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, 'must be error, warn, info or debug').default('info'),
  LOG_RETENTION_DAYS: intInRange(365, 3650).default(400),
  LOG_SHIP_URL: urlSchema('endpoint').optional(),
  ALERT_WEBHOOK_URL: urlSchema('endpoint').optional(),
  // Audit trail
  AUDIT_CHECKPOINT_INTERVAL_MINUTES: intInRange(1, 1440).default(60),
  // Order sync and retention jobs
  SYNC_INTERVAL_MINUTES: intInRange(0, 1440).default(15),
  SYNC_INITIAL_LOOKBACK_DAYS: intInRange(1, 730).default(30),
  SYNC_CONCURRENCY: intInRange(1, 16).default(2),
  RETENTION_INTERVAL_MINUTES: intInRange(0, 1440).default(60),
} as const;

export type EnvName = keyof typeof ENV_SCHEMA;
export type ParsedEnv = { readonly [K in EnvName]: z.output<(typeof ENV_SCHEMA)[K]> };

export const ENV_NAMES = Object.keys(ENV_SCHEMA) as EnvName[];
