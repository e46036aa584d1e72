/**
 * The SP-API client: one typed `call` per operation of the model table, against the seller's
 * regional endpoint, with the LWA access token (or an RDT) in `x-amz-access-token`.
 *
 * Each attempt first takes a token from the rate governor, so the seller's quota is spent at
 * Amazon's pace instead of being discovered through 429s. Retries are bounded
 * (`retry.maxAttempts` in total): 429 (the governor's bucket is drained and refills at the
 * plan's rate), 500/502/503/504, network failures and truncated bodies, with full-jitter backoff
 * or the server's `Retry-After`. A 401/403 with our LWA token is retried once with a fresh
 * token (the cached one may have been revoked). Everything else fails at once with a
 * SpapiError.
 */
import type { AxiosInstance } from 'axios';
import type { AmazonRegion } from '../../config/index.js';
import type { Logger } from '../../logging/index.js';
import type { Clock } from '../clock.js';
import { sendHttp } from '../http-transport.js';
import type { LwaTokenManager } from '../lwa/lwa-token-manager.js';
import {
  resolveOperation,
  type OperationName,
  type RequestOf,
  type ResolvedOperation,
  type ResponseOf,
} from '../operations/operations.js';
import type { GovernedCall, RateGovernor } from '../rate/rate-governor.js';
import { backoffDelayMs, retryAfterMs, type RetryPolicy } from '../retry-policy.js';
import { safeCode } from '../safe-text.js';
import { SpapiError, type SpapiFailure } from './spapi-error.js';
import { buildRequest, joinUrl, type RequestParts } from './spapi-request.js';
import { judgeOutcome, type JudgedOutcome } from './spapi-response.js';

export interface CallContext {
  /**
   * The selling partner id. Amazon meters calls per selling partner and application, so this is
   * the rate governor's key (and should be the seller executor's).
   */
  readonly sellerId: string;
  readonly region: AmazonRegion;
  /**
   * Whose refresh token to use: the RefreshTokenSource's key. Default `sellerId`. Give the
   * connection id when the connections module keys tokens by connection.
   */
  readonly connectionId?: string | undefined;
  /** A Restricted Data Token to send instead of the LWA access token (RDT operations only). */
  readonly restrictedDataToken?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface SpapiResponse<T> {
  readonly status: number;
  /** The parsed JSON body, typed from the model (not validated at run time). */
  readonly body: T;
  readonly requestId: string | null;
  /** The rate Amazon reported (`x-amzn-RateLimit-Limit`). */
  readonly rateLimit: number | null;
  readonly attempts: number;
}

/** What a caller may want to surface (sync progress): ids and numbers only. */
export type SpapiEvent =
  | {
      readonly kind: 'rate-wait';
      readonly operation: OperationName;
      readonly sellerId: string;
      readonly waitedMs: number;
    }
  | {
      readonly kind: 'retry';
      readonly operation: OperationName;
      readonly sellerId: string;
      readonly attempt: number;
      readonly httpStatus: number | null;
      readonly networkCode: string | null;
      readonly waitMs: number;
    };

export interface SpapiClient {
  call<N extends OperationName>(
    operation: N,
    request: RequestOf<N>,
    context: CallContext,
  ): Promise<SpapiResponse<ResponseOf<N>>>;
}

export interface SpapiClientOptions {
  readonly spapiBaseUrls: Readonly<Record<AmazonRegion, string>>;
  readonly tokens: Pick<LwaTokenManager, 'accessToken' | 'invalidate'>;
  /** Without a governor calls go out as fast as they are made (tests of retries only). */
  readonly governor?: RateGovernor | undefined;
  readonly http: AxiosInstance;
  /** Backoff sleeps. */
  readonly clock: Clock;
  readonly retry: RetryPolicy;
  readonly random: () => number;
  readonly logger?: Logger | undefined;
  readonly onEvent?: ((event: SpapiEvent) => void) | undefined;
}

type AttemptResult =
  | { readonly kind: 'done'; readonly response: SpapiResponse<unknown> }
  | { readonly kind: 'again'; readonly waitMs: number; readonly failure: SpapiFailure }
  | { readonly kind: 'stop'; readonly failure: SpapiFailure };

interface CallState {
  readonly op: ResolvedOperation;
  readonly parts: RequestParts;
  readonly context: CallContext;
  readonly governed: GovernedCall;
  attempt: number;
  tokenRefreshed: boolean;
}

export function createSpapiClient(options: SpapiClientOptions): SpapiClient {
  const { governor, clock, retry, logger } = options;
  const backoff = (attempt: number): number => backoffDelayMs(retry, attempt, options.random);

  /**
   * One request: the access token (or RDT), a token from the governor, the HTTP exchange. The
   * access token comes first so that a refresh's latency is not spent from the bucket, and is
   * read again after a wait in the governor, which may outlast it.
   */
  async function send(call: CallState): Promise<{ judged: JudgedOutcome; token: string }> {
    const { op, context, governed } = call;
    const accessToken = (): Promise<string> =>
      context.restrictedDataToken === undefined
        ? options.tokens.accessToken(context.connectionId ?? context.sellerId, context.region)
        : Promise.resolve(context.restrictedDataToken);
    let token = await accessToken();
    if (governor !== undefined) {
      const waitedMs = await governor.acquire(governed, context.signal);
      if (waitedMs > 0) {
        const { sellerId } = context;
        options.onEvent?.({ kind: 'rate-wait', operation: op.name, sellerId, waitedMs });
        token = await accessToken();
      }
    }
    const built = buildRequest(op, call.parts);
    const outcome = await sendHttp(options.http, {
      method: op.method,
      url: joinUrl(options.spapiBaseUrls[context.region], built.target),
      headers: {
        'x-amz-access-token': token,
        ...(built.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(built.body === undefined ? {} : { body: built.body }),
      signal: context.signal,
    });
    const judged = judgeOutcome(outcome, (header) => retryAfterMs(header, Date.now()));
    logger?.debug('spapi.call', {
      operation: op.name,
      sellerId: context.sellerId,
      region: context.region,
      attempt: call.attempt,
      httpStatus: outcome.kind === 'response' ? outcome.status : null,
      amznRequestId: judged.requestId,
    });
    return { judged, token };
  }

  /** What the answer means for the call: done, try again after a wait, or stop. */
  function decide(call: CallState, judged: JudgedOutcome, token: string): AttemptResult {
    const { verdict, requestId, rateLimit } = judged;
    if (rateLimit !== null) governor?.observeRate(call.governed, rateLimit);
    switch (verdict.kind) {
      case 'ok': {
        const { status, body } = verdict;
        const response = { status, body, requestId, rateLimit, attempts: call.attempt };
        return { kind: 'done', response };
      }
      case 'throttled': {
        governor?.throttled(call.governed);
        // Without Retry-After, the drained bucket paces the next attempt.
        const waitMs = verdict.retryAfterMs ?? (governor === undefined ? backoff(call.attempt) : 0);
        return { kind: 'again', waitMs, failure: verdict.failure };
      }
      case 'transient': {
        const waitMs = verdict.retryAfterMs ?? backoff(call.attempt);
        return { kind: 'again', waitMs, failure: verdict.failure };
      }
      case 'unauthorized': {
        const { context } = call;
        if (context.restrictedDataToken !== undefined || call.tokenRefreshed) {
          return { kind: 'stop', failure: verdict.failure };
        }
        call.tokenRefreshed = true;
        options.tokens.invalidate(context.connectionId ?? context.sellerId, context.region, token);
        return { kind: 'again', waitMs: 0, failure: verdict.failure };
      }
      case 'final':
        return { kind: 'stop', failure: verdict.failure };
    }
  }

  function fail(call: CallState, failure: SpapiFailure): SpapiError {
    const error = new SpapiError(call.op.name, failure, call.attempt);
    logger?.warn('spapi.failed', {
      operation: call.op.name,
      sellerId: call.context.sellerId,
      region: call.context.region,
      attempts: call.attempt,
      code: error.code,
      httpStatus: error.httpStatus,
      amazonCode: error.amazonCode,
      networkCode: error.networkCode,
      amznRequestId: error.amznRequestId,
    });
    return error;
  }

  async function pause(call: CallState, failure: SpapiFailure, waitMs: number): Promise<void> {
    const event = {
      kind: 'retry',
      operation: call.op.name,
      sellerId: call.context.sellerId,
      attempt: call.attempt,
      httpStatus: failure.httpStatus,
      networkCode: failure.networkCode ?? null,
      waitMs,
    } as const;
    const amazonCode = safeCode(failure.amazonCode);
    logger?.info('spapi.retry', { ...event, region: call.context.region, amazonCode });
    options.onEvent?.(event);
    await clock.sleep(waitMs, call.context.signal);
  }

  async function call(
    name: OperationName,
    parts: RequestParts,
    context: CallContext,
  ): Promise<SpapiResponse<unknown>> {
    const op = resolveOperation(name);
    if (context.restrictedDataToken !== undefined && !op.takesRdt) {
      throw new TypeError(`${name} does not take a Restricted Data Token`);
    }
    const { sellerId, region } = context;
    const governed = { sellerId, region, operation: name };
    const state: CallState = { op, parts, context, governed, attempt: 1, tokenRefreshed: false };
    for (; ; state.attempt += 1) {
      const { judged, token } = await send(state);
      const result = decide(state, judged, token);
      if (result.kind === 'done') return result.response;
      const { failure } = result;
      if (result.kind === 'stop' || state.attempt >= retry.maxAttempts) throw fail(state, failure);
      if (result.waitMs > retry.maxRetryAfterMs) {
        throw fail(state, { ...failure, retryAfterMs: result.waitMs });
      }
      await pause(state, failure, result.waitMs);
    }
  }

  return {
    call: async <N extends OperationName>(
      operation: N,
      request: RequestOf<N>,
      context: CallContext,
    ) => {
      const response = await call(operation, request as RequestParts, context);
      return response as SpapiResponse<ResponseOf<N>>;
    },
  };
}
