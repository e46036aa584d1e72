/**
 * One token bucket, as Amazon meters an SP-API operation for a seller and application: it
 * holds up to `burst` tokens and regains `rate` tokens per second; a call spends one.
 *
 * We keep `headroom` tokens fewer than Amazon does (capacity = burst − headroom, at least 1) so
 * our bucket never runs ahead of Amazon's when clocks and network latency disagree by up to
 * headroom / rate seconds. Pure arithmetic on a millisecond clock; no waiting here.
 */
import type { UsagePlan } from '@spapi/spapi-models';

export interface BucketState {
  readonly rate: number;
  readonly burst: number;
  readonly capacity: number;
  readonly tokens: number;
}

export class TokenBucket {
  #rate: number;
  #burst: number;
  #tokens: number;
  #updatedAt: number;
  readonly #headroom: number;

  constructor(plan: UsagePlan, headroom: number, now: number) {
    if (!(plan.rate > 0) || !(plan.burst >= 1))
      throw new RangeError('a usage plan needs rate > 0 and burst ≥ 1');
    this.#rate = plan.rate;
    this.#burst = plan.burst;
    this.#headroom = headroom;
    this.#tokens = this.capacity;
    this.#updatedAt = now;
  }

  get capacity(): number {
    return Math.max(1, this.#burst - this.#headroom);
  }

  get rate(): number {
    return this.#rate;
  }

  state(now: number): BucketState {
    this.#refill(now);
    return { rate: this.#rate, burst: this.#burst, capacity: this.capacity, tokens: this.#tokens };
  }

  /** Milliseconds until a token is available (0: now). */
  waitMs(now: number): number {
    this.#refill(now);
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) / this.#rate) * 1000);
  }

  /** Spends one token; call only when `waitMs` is 0. */
  take(now: number): void {
    this.#refill(now);
    this.#tokens -= 1;
  }

  /** Amazon reported the rate in force (`x-amzn-RateLimit-Limit`). */
  setRate(rate: number, now: number): void {
    this.#refill(now);
    this.#rate = rate;
  }

  /** Amazon answered 429: its bucket is empty. Ours becomes empty too, headroom included. */
  drain(now: number): void {
    this.#refill(now);
    this.#tokens = Math.min(this.#tokens, -this.#headroom);
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed / 1000) * this.#rate);
    this.#updatedAt = now;
  }
}
