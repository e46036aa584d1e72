/**
 * How one SP-API answer is judged: success, a retry (and after how long), or a final failure.
 * Pure: no I/O, no clock beyond the `now` it is given.
 */
import type { HttpOutcome } from '../http-transport.js';
import { parseRateLimitHeader } from '../rate/rate-governor.js';
import type { SpapiFailure } from './spapi-error.js';
import { safeRequestId } from '../safe-text.js';

export type Verdict =
  | { readonly kind: 'ok'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'throttled'; readonly failure: SpapiFailure; readonly retryAfterMs?: number }
  | { readonly kind: 'transient'; readonly failure: SpapiFailure; readonly retryAfterMs?: number }
  | { readonly kind: 'unauthorized'; readonly failure: SpapiFailure }
  | { readonly kind: 'final'; readonly failure: SpapiFailure };

export interface JudgedOutcome {
  readonly verdict: Verdict;
  readonly requestId: string | null;
  /** `x-amzn-RateLimit-Limit`, when sent. */
  readonly rateLimit: number | null;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** `errors[0]` of Amazon's error body, if the body has one. */
function firstError(body: unknown): { code?: unknown; message?: unknown } {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return {};
  const { errors } = body;
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  return typeof first === 'object' && first !== null ? first : {};
}

export function judgeOutcome(
  outcome: HttpOutcome,
  retryAfter: (header: string | undefined) => number | undefined,
): JudgedOutcome {
  if (outcome.kind === 'failure') {
    const failure: SpapiFailure = { httpStatus: null, networkCode: outcome.code };
    return {
      verdict: outcome.transient ? { kind: 'transient', failure } : { kind: 'final', failure },
      requestId: null,
      rateLimit: null,
    };
  }
  // Amazon's header, but still input: only an id-shaped value reaches logs and errors.
  const requestId = safeRequestId(outcome.headers['x-amzn-requestid']);
  const rateLimit = parseRateLimitHeader(outcome.headers['x-amzn-ratelimit-limit']) ?? null;
  const parsed = parseJson(outcome.text);
  const { status } = outcome;
  const judged = (verdict: Verdict): JudgedOutcome => ({ verdict, requestId, rateLimit });

  if (status >= 200 && status < 300) {
    if (parsed.ok) return judged({ kind: 'ok', status, body: parsed.value });
    // Headers and a full Content-Length, but a body that does not parse: cut short on the way.
    return judged({
      kind: 'transient',
      failure: { httpStatus: null, networkCode: 'TRUNCATED', requestId },
    });
  }
  const error = firstError(parsed.ok ? parsed.value : undefined);
  const failure: SpapiFailure = {
    httpStatus: status,
    amazonCode: error.code,
    amazonMessage: error.message,
    requestId,
  };
  const wait = retryAfter(outcome.headers['retry-after']);
  const withWait = wait === undefined ? {} : { retryAfterMs: wait };
  if (status === 429) return judged({ kind: 'throttled', failure, ...withWait });
  if (RETRYABLE_STATUS.has(status)) return judged({ kind: 'transient', failure, ...withWait });
  if (status === 401 || status === 403) return judged({ kind: 'unauthorized', failure });
  return judged({ kind: 'final', failure });
}
