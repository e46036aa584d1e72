import { invalidInput } from '../core/errors.js';
import { marketplaceInfo } from '../core/regions.js';
import type { Region } from '../core/regions.js';

/**
 * Reading SP-API query parameters the way Amazon does. Swagger 2.0 arrays in a query default
 * to `collectionFormat: csv`, so `marketplaceIds=A,B` is the canonical form; repeated keys
 * (`marketplaceIds=A&marketplaceIds=B`) are accepted too. Every failure is a 400
 * `InvalidInput` in the model's `ErrorList` shape.
 */
export type Query = Readonly<Record<string, unknown>>;

/** A single-valued parameter; a repeated key is an error. */
export function queryString(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidInput(`${name} must be given once.`);
  return value;
}

/** A csv (or repeated) array parameter, with the model's item bounds. */
export function queryList(
  query: Query,
  name: string,
  bounds: { minItems?: number; maxItems?: number } = {},
): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : [''],
  );
  const items = parts.map((p) => p.trim());
  if (items.some((item) => item.length === 0)) {
    throw invalidInput(`${name} contains an empty value.`);
  }
  if (items.length < (bounds.minItems ?? 1)) {
    throw invalidInput(`${name} must contain at least ${bounds.minItems ?? 1} value(s).`);
  }
  if (bounds.maxItems !== undefined && items.length > bounds.maxItems) {
    throw invalidInput(`${name} can contain at most ${bounds.maxItems} values.`);
  }
  return [...new Set(items)];
}

/** An array parameter whose items come from a fixed enum. */
export function queryEnumList<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
  bounds: { minItems?: number; maxItems?: number } = {},
): T[] | undefined {
  const items = queryList(query, name, bounds);
  if (!items) return undefined;
  const isAllowed = (item: string): item is T => (allowed as readonly string[]).includes(item);
  const bad = items.find((item) => !isAllowed(item));
  if (bad !== undefined) {
    throw invalidInput(
      `${bad} is not a valid value for ${name}.`,
      `Valid values: ${allowed.join(', ')}`,
    );
  }
  return items.filter(isAllowed);
}

/** An integer parameter within [min, max]. */
export function queryInteger(
  query: Query,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = queryString(query, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw invalidInput(`${name} must be an integer.`);
  const value = Number(raw);
  if (value < min || value > max) throw invalidInput(`${name} must be between ${min} and ${max}.`);
  return value;
}

export function queryBoolean(query: Query, name: string): boolean | undefined {
  const raw = queryString(query, name);
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidInput(`${name} must be true or false.`);
}

// ISO 8601 date-time as Amazon accepts it: a date, a time to at least minutes, optional
// seconds and fraction, and a zone (Z or ±hh:mm). A bare date means midnight UTC.
// The model says `format: date-time` (RFC 3339): a full date, a time with seconds, an offset.
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

function calendarValid(match: RegExpExecArray): boolean {
  const part = (i: number): number => Number(match[i] ?? 0);
  const [year, month, day] = [part(1), part(2), part(3)];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    part(4) < 24 &&
    part(5) < 60 &&
    part(6) < 60
  );
}

/** Parses an ISO 8601 instant to epoch milliseconds, or throws 400. */
export function parseInstant(name: string, raw: string): number {
  const match = ISO_DATE_TIME.exec(raw);
  const ms = match && calendarValid(match) ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw invalidInput(`${name} must be an ISO 8601 date-time.`, `Invalid value: ${raw}`);
  }
  return ms;
}

export function queryInstant(query: Query, name: string): number | undefined {
  const raw = queryString(query, name);
  return raw === undefined ? undefined : parseInstant(name, raw);
}

/** Amazon prints instants in UTC; milliseconds only when there are some. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Marketplace ids must exist and be served by this region's endpoint. */
export function checkMarketplaces(name: string, ids: readonly string[], region: Region): void {
  for (const id of ids) {
    if (marketplaceInfo(id)?.region !== region) {
      throw invalidInput(
        `Invalid ${name}: ${id}`,
        `${id} is not a marketplace served by this endpoint.`,
      );
    }
  }
}
