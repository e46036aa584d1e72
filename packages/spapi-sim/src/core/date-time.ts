/**
 * Date-time parameters, read the way each SP-API model states them. Both parsers return epoch
 * milliseconds, or undefined when the text is not a date-time under their rule.
 *
 * - Orders v0 gives its dates no `format`; the descriptions say "in ISO 8601 format", and
 *   Amazon accepts the ISO 8601 shapes its examples use: a bare date, a time without seconds,
 *   no zone (UTC), `±hhmm`. → `parseIso8601`
 * - Orders 2026-01-01 and Reports 2021-06-30 declare `format: date-time`: RFC 3339, so a full
 *   date, a time with seconds and an offset. → `parseRfc3339DateTime`
 */

/**
 * The Orders APIs' window rule: a `…Before` parameter (v0 and 2026-01-01 alike) must be at
 * least two minutes before the time of the request.
 */
export const BEFORE_MIN_AGE_MS = 2 * 60 * 1000;

// ISO 8601 as Amazon's examples use it: a date, optionally a time (minutes at least, then
// seconds and a fraction), optionally a zone (Z, ±hh:mm or ±hhmm). No zone means UTC.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch milliseconds of an ISO 8601 date or date-time (the v0 rule), or undefined. */
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

// RFC 3339 date-time: full date, `T`, time with seconds and an optional fraction, `Z` or
// ±hh:mm (either letter case, as RFC 3339 allows).
const RFC_3339_DATE_TIME =
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

/** Epoch milliseconds of an RFC 3339 date-time (the 2026-01-01 and Reports rule), or undefined. */
export function parseRfc3339DateTime(raw: string): number | undefined {
  const match = RFC_3339_DATE_TIME.exec(raw);
  const ms = match && calendarValid(match) ? Date.parse(raw) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}
