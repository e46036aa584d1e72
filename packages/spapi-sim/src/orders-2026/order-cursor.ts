import { invalidInput } from '../core/errors.js';
import { fingerprint, openToken, sealToken } from '../core/sealed-token.js';
import type { SearchFilters } from './search-params.js';

/** The model: "The token will expire after 24 hours." Measured on the simulator clock. */
export const PAGINATION_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Where a search stands. A search is evaluated against one snapshot of the seller's orders
 * (the instant of its first page), so later pages neither skip nor repeat orders even while
 * order timelines move on. Pages are cut by keyset: (window timestamp, orderId) ascending.
 */
export interface SearchCursor {
  /** The instant whose order views the whole search reads. */
  snapshotAt: number;
  /** Inclusive upper bound of the window (the caller's `…Before`, else the snapshot second). */
  bound: number;
  /** The last order already returned, when resuming. */
  last: { key: number; orderId: string } | null;
}

interface CursorPayload {
  v: 1;
  sp: string;
  f: string;
  at: number;
  b: number;
  k: number;
  id: string;
}

function isPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    p.v === 1 &&
    typeof p.sp === 'string' &&
    typeof p.f === 'string' &&
    typeof p.at === 'number' &&
    typeof p.b === 'number' &&
    typeof p.k === 'number' &&
    typeof p.id === 'string'
  );
}

export function firstCursor(filters: SearchFilters, now: number): SearchCursor {
  const bound = filters.before ?? Math.floor(now / 1000) * 1000;
  return { snapshotAt: now, bound, last: null };
}

/** Restores a cursor from `paginationToken`; 400 when it is forged, stale or for another search. */
export function resumeCursor(
  token: string,
  sellingPartnerId: string,
  filters: SearchFilters,
  now: number,
): SearchCursor {
  const payload = openToken(token);
  if (!isPayload(payload) || payload.sp !== sellingPartnerId) {
    throw invalidInput('Invalid paginationToken.');
  }
  if (now - payload.at > PAGINATION_TOKEN_TTL_MS) {
    throw invalidInput('The paginationToken has expired.', 'Tokens expire after 24 hours.');
  }
  if (payload.f !== fingerprint(filters)) {
    throw invalidInput(
      'Invalid paginationToken.',
      'All parameters except maxResultsPerPage and includedData must have the same values as in the request that returned the token.',
    );
  }
  return {
    snapshotAt: payload.at,
    bound: payload.b,
    last: { key: payload.k, orderId: payload.id },
  };
}

export function nextToken(
  cursor: SearchCursor,
  sellingPartnerId: string,
  filters: SearchFilters,
  last: { key: number; orderId: string },
): string {
  const payload: CursorPayload = {
    v: 1,
    sp: sellingPartnerId,
    f: fingerprint(filters),
    at: cursor.snapshotAt,
    b: cursor.bound,
    k: last.key,
    id: last.orderId,
  };
  return sealToken(payload);
}
