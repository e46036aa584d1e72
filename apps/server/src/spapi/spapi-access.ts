/**
 * Wiring of the SP-API access layer, for the composition root: one LWA client, one token
 * manager, one rate governor, one SP-API client and the per-seller executor, over one axios
 * instance. The server's configuration gives the endpoints (`config.amazon`: regional or
 * sandbox SP-API hosts, LWA, each overridable); the secrets provider gives the client secret;
 * the connections module gives refresh tokens.
 */
import { randomBytes } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import type { AmazonConfig } from '../config/index.js';
import type { Logger } from '../logging/index.js';
import type { SecretsProvider } from '../secrets/index.js';
import { systemClock, type Clock } from './clock.js';
import { createSpapiClient, type SpapiClient, type SpapiEvent } from './client/spapi-client.js';
import { createHttpClient } from './http-transport.js';
import { createLwaClient, type ClientSecretSource } from './lwa/lwa-client.js';
import { createLwaTokenManager, type LwaTokenManager } from './lwa/lwa-token-manager.js';
import type { RefreshTokenSource } from './lwa/refresh-token-source.port.js';
import { createRateGovernor, type RateGovernor } from './rate/rate-governor.js';
import { createSellerExecutor, type SellerExecutor } from './rate/seller-executor.js';
import { retryPolicyOf, type RetryPolicy } from './retry-policy.js';
import { userAgent } from './user-agent.js';

export interface SpapiAccessOptions {
  readonly amazon: Pick<AmazonConfig, 'lwaBaseUrl' | 'spapiBaseUrls' | 'lwaClientId'>;
  readonly clientSecret: ClientSecretSource;
  readonly refreshTokens: RefreshTokenSource;
  readonly logger?: Logger | undefined;
  /** Token expiry and retry backoff. Default: the system clock. */
  readonly clock?: Clock;
  /** The governor's clock (a scaled clock against the simulator). Default: `clock`. */
  readonly rateClock?: Clock;
  readonly retry?: Partial<RetryPolicy>;
  /** Uniform in [0, 1), for jitter. Default: the CSPRNG. */
  readonly random?: () => number;
  readonly headroomTokens?: number;
  readonly http?: AxiosInstance;
  /** Our version in the user-agent. Default: apps/server/package.json. */
  readonly version?: string;
  readonly timeoutMs?: number;
  readonly onEvent?: (event: SpapiEvent) => void;
}

export interface SpapiAccess {
  readonly tokens: LwaTokenManager;
  readonly governor: RateGovernor;
  readonly client: SpapiClient;
  readonly executor: SellerExecutor;
}

/** `secrets.get('lwaClientSecret')` as a ClientSecretSource. */
export function clientSecretFrom(secrets: Pick<SecretsProvider, 'get'>): ClientSecretSource {
  return () => secrets.get('lwaClientSecret');
}

const cryptoRandom = (): number => randomBytes(6).readUIntBE(0, 6) / 2 ** 48;

export function createSpapiAccess(options: SpapiAccessOptions): SpapiAccess {
  const { amazon, logger } = options;
  if (amazon.lwaClientId === null) throw new TypeError('LWA_CLIENT_ID is not configured');
  const clock = options.clock ?? systemClock;
  const retry = retryPolicyOf(options.retry);
  const random = options.random ?? cryptoRandom;
  const http =
    options.http ??
    createHttpClient({
      userAgent: userAgent(options.version),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
  const lwa = createLwaClient({
    lwaBaseUrl: amazon.lwaBaseUrl,
    clientId: amazon.lwaClientId,
    clientSecret: options.clientSecret,
    http,
    clock,
    retry,
    random,
    logger,
  });
  const tokens = createLwaTokenManager({
    lwa,
    refreshTokens: options.refreshTokens,
    clock,
    logger,
  });
  const governor = createRateGovernor({
    clock: options.rateClock ?? clock,
    ...(options.headroomTokens === undefined ? {} : { headroomTokens: options.headroomTokens }),
  });
  const client = createSpapiClient({
    spapiBaseUrls: amazon.spapiBaseUrls,
    tokens,
    governor,
    http,
    clock,
    retry,
    random,
    logger,
    onEvent: options.onEvent,
  });
  return { tokens, governor, client, executor: createSellerExecutor() };
}
