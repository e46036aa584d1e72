// The `format` values found in Amazon's models, registered on an Ajv instance.
//
// Ajv (with ajv-formats) knows the JSON Schema formats (`date-time`, `date`, `uri`, ...).
// Swagger 2.0 adds numeric ones (`int32`, `int64`, `float`, `double`) and Amazon's models
// add `decimal`; in strict mode Ajv refuses to compile a schema with an unknown format, so
// each is registered with the rule its name states.
import type { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';

/**
 * How strictly `format: date-time` is read.
 * - `rfc3339` (default): RFC 3339 `date-time` as JSON Schema defines it: full date, `T`,
 *   time, seconds, and a `Z` or `±hh:mm` offset (fractions optional).
 * - `iso8601`: also accepts the ISO 8601 shapes the model descriptions allow ("in ISO 8601
 *   format") and Amazon's sandbox examples use: no seconds, no offset (local time), `+hhmm`.
 */
export type DateTimeMode = 'rfc3339' | 'iso8601';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
// ISO 8601 extended date-time: date, `T`, hh:mm[:ss[.fff]], optional Z / ±hh[:mm].
const ISO8601_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function registerFormats(ajv: Ajv, dateTime: DateTimeMode): void {
  // ajv-formats is CommonJS; under NodeNext its plugin is the `default` export's `default`.
  ajvFormats.default(ajv, { mode: 'full', formats: ['date', 'time', 'uri', 'email', 'uuid'] });
  ajv.addFormat(
    'date-time',
    dateTime === 'rfc3339' ? { type: 'string', validate: isRfc3339DateTime } : isIso8601DateTime,
  );
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  // JSON numbers beyond 2^53 lose precision in JavaScript; an int64 must still be whole.
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  // Amazon uses `decimal` on strings that carry an exact amount ("19.99").
  ajv.addFormat('decimal', { type: 'string', validate: (s: string) => DECIMAL.test(s) });
}

/** RFC 3339 `date-time` (the JSON Schema definition), with real calendar and clock checks. */
export function isRfc3339DateTime(value: string): boolean {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(
      value,
    );
  if (!match) return false;
  const [y, mo, d, h, mi, s, oh, om] = numbers(match);
  return validDate(y, mo, d) && validClock(h, mi, s) && (oh ?? 0) <= 23 && (om ?? 0) <= 59;
}

/** ISO 8601 extended date-time (see DateTimeMode), with real calendar and clock checks. */
export function isIso8601DateTime(value: string): boolean {
  const match = ISO8601_DATE_TIME.exec(value);
  if (!match) return false;
  const [y, mo, d, h, mi, s] = numbers(match);
  return validDate(y, mo, d) && validClock(h, mi, s ?? 0);
}

// The capture groups as numbers; `undefined` for a group that did not take part.
function numbers(match: RegExpExecArray): (number | undefined)[] {
  const groups: (string | undefined)[] = match.slice(1);
  return groups.map((group) => (group === undefined ? undefined : Number(group)));
}

function validDate(y = NaN, mo = NaN, d = NaN): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

// Seconds up to 60 (leap second), as RFC 3339 allows.
function validClock(h = NaN, mi = NaN, s = NaN): boolean {
  return h <= 23 && mi <= 59 && s <= 60;
}
