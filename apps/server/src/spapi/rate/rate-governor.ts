/**
 * The rate governor: one token bucket per (seller, region, operation), seeded from the usage
 * plan in Amazon's model and corrected by the rate Amazon reports in `x-amzn-RateLimit-Limit`.
 * Callers `acquire` a token before each call and wait here, in order, instead of provoking a
 * 429; a 429 that happens anyway drains the bucket.
 *
 * The buckets are true only while this process is the only one calling for the seller: see
 * seller-executor.ts and "SP-API access" in apps/server/README.md for the one-worker rule.
 */
import type { UsagePlan } from '@spapi/spapi-models';
import type { AmazonRegion } from '../../config/index.js';
import type { Clock } from '../clock.js';
import { resolveOperation, type OperationName } from '../operations/operations.js';
import { TokenBucket, type BucketState } from './token-bucket.js';

export interface RateGovernorOptions {
  readonly clock: Clock;
  /** Tokens we keep in reserve below Amazon's burst (see token-bucket.ts). Default 1. */
  readonly headroomTokens?: number;
  /** The starting plan of an operation. Default: the model's usage plan. */
  readonly planOf?: (operation: OperationName) => UsagePlan;
}

export interface GovernedCall {
  readonly sellerId: string;
  readonly region: AmazonRegion;
  readonly operation: OperationName;
}

export interface RateGovernor {
  /** Waits until the bucket has a token and spends it. Resolves with the time waited (ms). */
  acquire(call: GovernedCall, signal?: AbortSignal): Promise<number>;
  /** A rate Amazon reported for this call's bucket (`x-amzn-RateLimit-Limit`). */
  observeRate(call: GovernedCall, rate: number): void;
  /** Amazon answered 429 for this bucket. */
  throttled(call: GovernedCall): void;
  /** The bucket as it stands (for tests, metrics and progress events). */
  inspect(call: GovernedCall): BucketState;
}

interface Lane {
  readonly bucket: TokenBucket;
  /** Settles when the previous acquirer has taken its token: waiters are served in order. */
  tail: Promise<void>;
}

/** Rates Amazon can report are positive and finite; anything else is ignored. */
export function parseRateLimitHeader(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const rate = Number(value.trim());
  return rate > 0 && Number.isFinite(rate) ? rate : undefined;
}

export function createRateGovernor(options: RateGovernorOptions): RateGovernor {
  const { clock } = options;
  const headroom = options.headroomTokens ?? 1;
  if (!(headroom >= 0)) throw new RangeError('headroomTokens must be ≥ 0');
  const planOf = options.planOf ?? ((operation: OperationName) => resolveOperation(operation).plan);
  const lanes = new Map<string, Lane>();

  const laneOf = ({ sellerId, region, operation }: GovernedCall): Lane => {
    const key = `${sellerId}|${region}|${operation}`;
    let lane = lanes.get(key);
    if (lane === undefined) {
      lane = {
        bucket: new TokenBucket(planOf(operation), headroom, clock.now()),
        tail: Promise.resolve(),
      };
      lanes.set(key, lane);
    }
    return lane;
  };

  /** Resolves with the time spent waiting: 0 when a token was there at once. */
  const takeWhenReady = async (
    bucket: TokenBucket,
    signal: AbortSignal | undefined,
  ): Promise<number> => {
    const started = clock.now();
    let waited = false;
    for (let wait = bucket.waitMs(started); wait > 0; wait = bucket.waitMs(clock.now())) {
      await clock.sleep(wait, signal);
      waited = true;
    }
    const now = clock.now();
    bucket.take(now);
    return waited ? Math.max(1, now - started) : 0;
  };

  return {
    acquire: async (call, signal) => {
      const lane = laneOf(call);
      const previous = lane.tail;
      let release: () => void = () => undefined;
      lane.tail = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        await previous;
        signal?.throwIfAborted();
        return await takeWhenReady(lane.bucket, signal);
      } finally {
        release();
      }
    },
    observeRate: (call, rate) => {
      const lane = laneOf(call);
      if (lane.bucket.rate !== rate) lane.bucket.setRate(rate, clock.now());
    },
    throttled: (call) => {
      laneOf(call).bucket.drain(clock.now());
    },
    inspect: (call) => laneOf(call).bucket.state(clock.now()),
  };
}
