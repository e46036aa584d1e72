// Building blocks for the rules that models state only in prose (description-rules.ts).
import { isIso8601DateTime } from './formats.js';
import { isObject } from './json-schema.js';

export interface DescribedRequest {
  /** Path and query values after readParameter (typed; arrays as arrays). */
  params: Readonly<Record<string, unknown>>;
  body: unknown;
  now: Date;
}

export interface Violation {
  at: string;
  message: string;
}

export type Check = (request: DescribedRequest) => Violation[];

const TWO_MINUTES_MS = 2 * 60 * 1000;
const present = (req: DescribedRequest, name: string): boolean => req.params[name] !== undefined;
const violation = (at: string, message: string): Violation[] => [{ at, message }];

export function exactlyOne(a: string, b: string): Check {
  return (req) =>
    present(req, a) === present(req, b)
      ? violation(`query.${a}`, `exactly one of ${a} and ${b} is required`)
      : [];
}

/** No parameter of `right` may be present when one of `left` is. */
export function notTogether(left: string[], right: string[]): Check {
  return (req) => {
    const l = left.filter((n) => present(req, n));
    const r = right.filter((n) => present(req, n));
    if (l.length === 0 || r.length === 0) return [];
    return violation(`query.${r.join(',')}`, `cannot be set together with ${l.join(', ')}`);
  };
}

export function between(name: string, min: number, max: number): Check {
  return (req) => {
    const value = req.params[name];
    if (typeof value !== 'number' || (value >= min && value <= max)) return [];
    return violation(`query.${name}`, `must be between ${min} and ${max}`);
  };
}

/** `before` must be equal to or after `after`, and at least two minutes before now. */
export function beforeWindow(before: string, after: string): Check {
  return (req) => {
    const end = Date.parse(String(req.params[before]));
    if (!present(req, before) || Number.isNaN(end)) return [];
    const start = Date.parse(String(req.params[after]));
    if (!Number.isNaN(start) && end < start) {
      return violation(`query.${before}`, `must be equal to or after ${after}`);
    }
    if (end > req.now.getTime() - TWO_MINUTES_MS) {
      return violation(`query.${before}`, 'must be at least two minutes before the current time');
    }
    return [];
  };
}

export function iso8601(names: string[]): Check {
  return (req) =>
    names.flatMap((name) => {
      const value = req.params[name];
      if (value === undefined || (typeof value === 'string' && isIso8601(value))) return [];
      return violation(`query.${name}`, 'must be an ISO 8601 date or date-time');
    });
}

/** ISO 8601 as the date filters take it: a calendar date, or a date-time (see formats.ts). */
export function isIso8601(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return isIso8601DateTime(value);
  return isIso8601DateTime(`${value}T00:00`);
}

/** Body date-times that must not be in the future. */
export function notInFuture(names: string[]): Check {
  return (req) => {
    const body = isObject(req.body) ? req.body : {};
    return names.flatMap((name) => {
      const time = Date.parse(String(body[name]));
      if (Number.isNaN(time) || time <= req.now.getTime()) return [];
      return violation(`body/${name}`, 'must be prior to or equal to the current time');
    });
  };
}

export function oneOfValues(name: string, allowed: readonly string[]): Check {
  return (req) => {
    const value = req.params[name];
    const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return values.flatMap((v, i) =>
      typeof v === 'string' && allowed.includes(v)
        ? []
        : violation(`query.${name}/${i}`, `must be one of: ${allowed.join(', ')}`),
    );
  };
}

function restrictedResources(body: unknown): unknown[] {
  return isObject(body) && Array.isArray(body.restrictedResources) ? body.restrictedResources : [];
}

export function maxRestrictedResources(max: number): Check {
  return (req) =>
    restrictedResources(req.body).length > max
      ? violation('body/restrictedResources', `must have at most ${max} items`)
      : [];
}

export function dataElementsOneOf(allowed: readonly string[]): Check {
  return (req) =>
    restrictedResources(req.body).flatMap((resource, r) => {
      const elements = isObject(resource) ? resource.dataElements : undefined;
      if (!Array.isArray(elements)) return [];
      return elements.flatMap((element: unknown, i) =>
        allowed.some((a) => a === element)
          ? []
          : violation(
              `body/restrictedResources/${r}/dataElements/${i}`,
              `must be one of: ${allowed.join(', ')}`,
            ),
      );
    });
}
