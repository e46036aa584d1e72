export interface BucketPlan {
  rate: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
  plan: BucketPlan;
}

/**
 * Token buckets per (seller, application, operation), as Amazon meters SP-API calls.
 * `timeScale` multiplies the refill speed so benchmarks run in seconds.
 * Buckets refill on wall-clock time, not on the advanceable sim clock, so advancing the
 * clock for order timelines does not hand out free quota.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #overrides = new Map<string, BucketPlan>();
  #timeScale: number;

  constructor(
    timeScale: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#timeScale = timeScale;
  }

  get timeScale(): number {
    return this.#timeScale;
  }

  setTimeScale(scale: number): void {
    if (!(scale > 0)) throw new RangeError('timeScale must be positive');
    this.#timeScale = scale;
  }

  /** Dynamic usage plan: a per-seller rate for one operation (or '*' for all). */
  setOverride(sellingPartnerId: string, operationId: string, plan: BucketPlan | null): void {
    const key = `${sellingPartnerId}|${operationId}`;
    if (plan) this.#overrides.set(key, plan);
    else this.#overrides.delete(key);
    for (const [bucketKey, bucket] of this.#buckets) {
      if (bucketKey.startsWith(`${sellingPartnerId}|`))
        bucket.plan = this.planFor(bucketKey, bucket.plan);
    }
  }

  /** The plan in force for a caller; the value sent in `x-amzn-RateLimit-Limit`. */
  effectivePlan(sellingPartnerId: string, operationId: string, base: BucketPlan): BucketPlan {
    return (
      this.#overrides.get(`${sellingPartnerId}|${operationId}`) ??
      this.#overrides.get(`${sellingPartnerId}|*`) ??
      base
    );
  }

  /** Takes one token. Returns false when the bucket is empty (the caller answers 429). */
  tryTake(
    sellingPartnerId: string,
    clientId: string,
    operationId: string,
    base: BucketPlan,
  ): boolean {
    const key = `${sellingPartnerId}|${clientId}|${operationId}`;
    const plan = this.effectivePlan(sellingPartnerId, operationId, base);
    const now = this.now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = { tokens: plan.burst, updatedAt: now, plan };
      this.#buckets.set(key, bucket);
    }
    bucket.plan = plan;
    const elapsedSeconds = (now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(
      plan.burst,
      bucket.tokens + elapsedSeconds * plan.rate * this.#timeScale,
    );
    bucket.updatedAt = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  reset(): void {
    this.#buckets.clear();
  }

  private planFor(bucketKey: string, current: BucketPlan): BucketPlan {
    const [seller, , operationId] = bucketKey.split('|');
    if (seller === undefined || operationId === undefined) return current;
    return this.effectivePlan(seller, operationId, current);
  }
}
