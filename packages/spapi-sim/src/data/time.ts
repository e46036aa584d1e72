/** Time arithmetic on epoch milliseconds (UTC). */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Amazon's timestamps have whole seconds; keeping ours whole keeps filters and output aligned. */
export function toWholeSecond(ms: number): number {
  return Math.floor(ms / SECOND_MS) * SECOND_MS;
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** 23:59:59 of the UTC day containing ms. */
export function endOfUtcDay(ms: number): number {
  return startOfUtcDay(ms) + DAY_MS - SECOND_MS;
}

/** `2026-01-02T03:04:05Z`, the form the Orders APIs print. */
export function isoSeconds(ms: number): string {
  return new Date(toWholeSecond(ms)).toISOString().replace('.000Z', 'Z');
}

/** `2026-01-02T03:04:05.678Z`: milliseconds only when there are some (2026-01-01 echoes). */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** `2026-01-02T03:04:05+00:00`, the form Amazon's flat-file order reports print. */
export function isoSecondsWithOffset(ms: number): string {
  return isoSeconds(ms).replace(/Z$/, '+00:00');
}
