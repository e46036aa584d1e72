import { invalidInput } from '../core/errors.js';

/**
 * Reading Orders v0 query parameters. Express runs with the `simple` query parser, so a value
 * is a string, or an array of strings when the key is repeated. Swagger 2.0 query arrays
 * default to `collectionFormat: csv`: `MarketplaceIds=A,B` and `MarketplaceIds=A&MarketplaceIds=B`
 * both mean two values.
 */
export type RawQuery = Readonly<Record<string, unknown>>;

/** Amazon's wording for a rejected getOrders input; the simulator adds `details`. */
export const INVALID_INPUT =
  'The input you have submitted is not valid. Please check your input and try again.';

export function single(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidInput(INVALID_INPUT, `${name} must be given once.`);
  return value;
}

export function list(query: RawQuery, name: string, maxItems?: number): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const raw = Array.isArray(value) ? (value as unknown[]) : [value];
  const items = raw.flatMap((v) => (typeof v === 'string' ? v.split(',') : ['']));
  if (items.some((item) => item.length === 0)) {
    throw invalidInput(INVALID_INPUT, `${name} contains an empty value.`);
  }
  if (maxItems !== undefined && items.length > maxItems) {
    throw invalidInput(INVALID_INPUT, `${name} can contain at most ${maxItems} values.`);
  }
  return [...new Set(items)];
}

export function enumList<T extends string>(
  query: RawQuery,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const items = list(query, name);
  if (!items) return undefined;
  const isAllowed = (item: string): item is T => (allowed as readonly string[]).includes(item);
  const bad = items.filter((item) => !isAllowed(item));
  if (bad.length > 0) {
    throw invalidInput(
      INVALID_INPUT,
      `${name} has invalid value(s) ${bad.join(', ')}; possible values: ${allowed.join(', ')}.`,
    );
  }
  return items.filter(isAllowed);
}

export function integer(
  query: RawQuery,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(INVALID_INPUT, `${name} must be an integer from ${min} to ${max}.`);
  }
  return value;
}

export function boolean(query: RawQuery, name: string): boolean | undefined {
  const raw = single(query, name);
  if (raw === undefined) return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw invalidInput(INVALID_INPUT, `${name} must be true or false.`);
}

// ISO 8601 as Amazon's examples use it: a date, optionally a time (minutes at least, then
// seconds and a fraction), optionally a zone (Z, ±hh:mm or ±hhmm). No zone means UTC.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch milliseconds of an ISO 8601 instant, or undefined when it is not one. */
export function parseIso8601(raw: string): number | undefined {
  const m = ISO_8601.exec(raw);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (year === undefined || month === undefined || day === undefined) return undefined;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return utc + fraction - zoneOffsetMs(m[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/**
 * Reads the named date parameters. Malformed ones are reported together, as Amazon does:
 * "Invalid date-time field(s) [createdAfter, lastUpdatedBefore]."
 */
export function dates<K extends string>(
  query: RawQuery,
  names: readonly K[],
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  const invalid: string[] = [];
  for (const name of names) {
    const raw = single(query, name);
    if (raw === undefined) continue;
    const ms = parseIso8601(raw);
    if (ms === undefined) invalid.push(name.charAt(0).toLowerCase() + name.slice(1));
    else out[name] = ms;
  }
  if (invalid.length > 0) {
    throw invalidInput(
      'This is an invalid input',
      `Invalid date-time field(s) [${invalid.join(', ')}]. Use ISO 8601, e.g. 2026-01-02T03:04:05Z (URL-encode a + offset).`,
    );
  }
  return out;
}
