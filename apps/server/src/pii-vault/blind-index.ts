/**
 * Blind indexes: exact search over encrypted values. A blind index is a keyed hash (BLAKE2b-256,
 * hex) of the *normalised* value under the organization's blind-index key, a key of its own
 * (never the data key): not reversible without that key, and different for the same value in
 * two organizations. Store it beside the ciphertext (`postal_code_bidx`) and search with
 * `where postal_code_bidx = blindIndex(org, 'postal-code', query)`.
 *
 * Normalisation (the same for stored values and queries; documented in apps/server/README.md):
 * - every kind: Unicode NFKC (full-width and compatibility forms fold to their plain form);
 * - `person-name`: case folded (upper- then lower-case until stable, so `ß`, `ẞ` and `SS` match),
 *   runs of whitespace become one space, leading and trailing whitespace dropped;
 * - `postal-code`: upper-case, every whitespace and dash (Unicode `Pd`: `-`, `‐`, `–`, …)
 *   removed, then NFKC again.
 * A value that is empty after normalisation has no index (null), like a null value.
 *
 * The hashed input is `["spapi:blind-index:v1", kind, normalised]` as JSON, so the same text as
 * a name and as a postal code gives unrelated indexes.
 */

export const BlindIndexKind = {
  POSTAL_CODE: 'postal-code',
  PERSON_NAME: 'person-name',
} as const;
export type BlindIndexKind = (typeof BlindIndexKind)[keyof typeof BlindIndexKind];

const DOMAIN = 'spapi:blind-index:v1';
const WHITESPACE = /\s+/gu;
const WHITESPACE_AND_DASHES = /[\s\p{Pd}]+/gu;

/**
 * Upper- then lower-case until nothing changes (`ẞ` → `ß` → `SS` → `ss` takes two rounds), with
 * NFKC after each round.
 */
function foldCase(value: string): string {
  let folded = value;
  for (let round = 0; round < 4; round += 1) {
    const next = folded.toUpperCase().toLowerCase().normalize('NFKC');
    if (next === folded) break;
    folded = next;
  }
  return folded;
}

export function normalisePersonName(value: string): string {
  return foldCase(value.normalize('NFKC')).replace(WHITESPACE, ' ').trim();
}

export function normalisePostalCode(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(WHITESPACE_AND_DASHES, '').normalize('NFKC');
}

const NORMALISERS: Record<BlindIndexKind, (value: string) => string> = {
  'postal-code': normalisePostalCode,
  'person-name': normalisePersonName,
};

export function isBlindIndexKind(value: unknown): value is BlindIndexKind {
  return typeof value === 'string' && Object.hasOwn(NORMALISERS, value);
}

/** The text that is hashed, or null when the value has no index. */
export function blindIndexInput(kind: BlindIndexKind, value: string | null): string | null {
  if (value === null) return null;
  const normalised = NORMALISERS[kind](value);
  return normalised.length === 0 ? null : JSON.stringify([DOMAIN, kind, normalised]);
}
