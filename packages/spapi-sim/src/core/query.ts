import { parseRfc3339DateTime } from './date-time.js';
import { invalidInput, type SimHttpError } from './errors.js';
import { marketplaceInfo, type Region } from './regions.js';

/**
 * Reading SP-API query parameters. Express runs with the `simple` query parser, so a value is
 * a string, or an array of strings when the key is repeated. Swagger 2.0 query arrays default
 * to `collectionFormat: csv`: `ids=A,B` and `ids=A&ids=B` both mean two values. Every failure
 * is a 400 `InvalidInput` in the model's `ErrorList` shape; each API words it its own way
 * (a `QueryDialect`), the rules for reading are the same.
 */
export type RawQuery = Readonly<Record<string, unknown>>;

/** What is wrong with a parameter. */
export type QueryProblem =
  | { kind: 'repeated'; name: string }
  | { kind: 'emptyItem'; name: string }
  | { kind: 'tooFewItems'; name: string; min: number }
  | { kind: 'tooManyItems'; name: string; max: number }
  | { kind: 'notInEnum'; name: string; bad: readonly string[]; allowed: readonly string[] }
  | { kind: 'notInteger'; name: string; min: number; max: number }
  | { kind: 'outOfRange'; name: string; min: number; max: number }
  | { kind: 'notBoolean'; name: string };

export interface QueryDialect {
  /** The API's 400 for a problem. */
  refuse: (problem: QueryProblem) => SimHttpError;
  /** Items of a csv list are trimmed (`A, B` reads as `A` and `B`). */
  trimItems: boolean;
  /** An integer may be written with a leading `+`. */
  plusSign: boolean;
}

export interface ListBounds {
  minItems?: number;
  maxItems?: number;
}

// Function-valued properties (not methods), so a reader can be destructured.
export interface QueryReader {
  /** A single-valued parameter; a repeated key is an error. */
  single: (query: RawQuery, name: string) => string | undefined;
  /** A csv (or repeated) array parameter, duplicates dropped, with the model's item bounds. */
  list: (query: RawQuery, name: string, bounds?: ListBounds) => string[] | undefined;
  /** An array parameter whose items come from a fixed enum. */
  enumList: <T extends string>(
    query: RawQuery,
    name: string,
    allowed: readonly T[],
    bounds?: ListBounds,
  ) => T[] | undefined;
  /** An integer parameter within [min, max]. */
  integer: (query: RawQuery, name: string, min: number, max: number) => number | undefined;
  /** `true` or `false`. */
  boolean: (query: RawQuery, name: string) => boolean | undefined;
}

/** The problem as a sentence, e.g. "maxResultsPerPage must be between 1 and 100." */
export function describeQueryProblem(problem: QueryProblem): string {
  const { name } = problem;
  switch (problem.kind) {
    case 'repeated':
      return `${name} must be given once.`;
    case 'emptyItem':
      return `${name} contains an empty value.`;
    case 'tooFewItems':
      return `${name} must contain at least ${problem.min} value(s).`;
    case 'tooManyItems':
      return `${name} can contain at most ${problem.max} values.`;
    case 'notInEnum':
      return `${problem.bad.join(', ')} is not a valid value for ${name}.`;
    case 'notInteger':
      return `${name} must be an integer.`;
    case 'outOfRange':
      return `${name} must be between ${problem.min} and ${problem.max}.`;
    case 'notBoolean':
      return `${name} must be true or false.`;
  }
}

export function createQueryReader(dialect: QueryDialect): QueryReader {
  const { refuse } = dialect;
  const single = (query: RawQuery, name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw refuse({ kind: 'repeated', name });
    return value;
  };
  const list = (query: RawQuery, name: string, bounds: ListBounds = {}): string[] | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    const parts = (Array.isArray(value) ? (value as unknown[]) : [value]).flatMap((v) =>
      typeof v === 'string' ? v.split(',') : [''],
    );
    const items = dialect.trimItems ? parts.map((p) => p.trim()) : parts;
    if (items.some((item) => item.length === 0)) throw refuse({ kind: 'emptyItem', name });
    const min = bounds.minItems ?? 1;
    if (items.length < min) throw refuse({ kind: 'tooFewItems', name, min });
    const max = bounds.maxItems;
    if (max !== undefined && items.length > max) throw refuse({ kind: 'tooManyItems', name, max });
    return [...new Set(items)];
  };
  const integerPattern = dialect.plusSign ? /^[+-]?\d+$/ : /^-?\d+$/;
  return {
    single,
    list,
    enumList: (query, name, allowed, bounds) => {
      const items = list(query, name, bounds);
      if (!items) return undefined;
      const isAllowed = (item: string): item is (typeof allowed)[number] =>
        (allowed as readonly string[]).includes(item);
      const bad = items.filter((item) => !isAllowed(item));
      if (bad.length > 0) throw refuse({ kind: 'notInEnum', name, bad, allowed });
      return items.filter(isAllowed);
    },
    integer: (query, name, min, max) => {
      const raw = single(query, name);
      if (raw === undefined) return undefined;
      if (!integerPattern.test(raw)) throw refuse({ kind: 'notInteger', name, min, max });
      const value = Number(raw);
      if (value < min || value > max) throw refuse({ kind: 'outOfRange', name, min, max });
      return value;
    },
    boolean: (query, name) => {
      const raw = single(query, name);
      if (raw === undefined) return undefined;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw refuse({ kind: 'notBoolean', name });
    },
  };
}

/**
 * The wording of Orders 2026-01-01 and Reports 2021-06-30: the problem is the error's
 * message; for an enum, the first value refused, with the valid values in `details`.
 */
export const modelQuery: QueryReader = createQueryReader({
  trimItems: true,
  plusSign: false,
  refuse: (problem) =>
    problem.kind === 'notInEnum'
      ? invalidInput(
          describeQueryProblem({ ...problem, bad: problem.bad.slice(0, 1) }),
          `Valid values: ${problem.allowed.join(', ')}`,
        )
      : invalidInput(describeQueryProblem(problem)),
});

/** An RFC 3339 date-time (`format: date-time`) in a query or body, or a 400. */
export function parseDateTime(name: string, raw: string): number {
  const ms = parseRfc3339DateTime(raw);
  if (ms === undefined) {
    throw invalidInput(`${name} must be an ISO 8601 date-time.`, `Invalid value: ${raw}`);
  }
  return ms;
}

export function queryDateTime(query: RawQuery, name: string): number | undefined {
  const raw = modelQuery.single(query, name);
  return raw === undefined ? undefined : parseDateTime(name, raw);
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
