import { parseIso8601 } from '../core/date-time.js';
import { invalidInput } from '../core/errors.js';
import {
  createQueryReader,
  describeQueryProblem,
  type QueryProblem,
  type RawQuery,
} from '../core/query.js';

/**
 * Reading Orders v0 query parameters (core/query.ts reads them; this file words the 400s as
 * Orders v0 does). Items of a list are read as sent, and an integer may carry a `+`.
 */
export type { RawQuery } from '../core/query.js';

/** Amazon's wording for a rejected getOrders input; the simulator adds `details`. */
export const INVALID_INPUT =
  'The input you have submitted is not valid. Please check your input and try again.';

function v0Details(problem: QueryProblem): string {
  switch (problem.kind) {
    case 'notInEnum':
      return `${problem.name} has invalid value(s) ${problem.bad.join(', ')}; possible values: ${problem.allowed.join(', ')}.`;
    case 'notInteger':
    case 'outOfRange':
      return `${problem.name} must be an integer from ${problem.min} to ${problem.max}.`;
    default:
      return describeQueryProblem(problem);
  }
}

export const { single, list, enumList, integer, boolean } = createQueryReader({
  trimItems: false,
  plusSign: true,
  refuse: (problem) => invalidInput(INVALID_INPUT, v0Details(problem)),
});

/**
 * Reads the named date parameters (ISO 8601, see core/date-time.ts). Malformed ones are
 * reported together, as Amazon does: "Invalid date-time field(s) [createdAfter, lastUpdatedBefore]."
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
