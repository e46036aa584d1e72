/**
 * The two date-time rules of the Orders APIs, as epoch milliseconds (or null when the text is
 * not a date-time under the rule):
 * - Orders v0 gives its dates no `format`; its descriptions say ISO 8601, and Amazon prints the
 *   shapes its examples use: a bare date, a time with or without seconds (and a fraction), a
 *   zone `Z`, `±hh:mm` or `±hhmm`, or none (UTC).
 * - Orders 2026-01-01 declares `format: date-time`: RFC 3339, so a full date, a time with
 *   seconds, an optional fraction and a mandatory zone (`Z` or `±hh:mm`).
 */

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const ISO_8601 = new RegExp(
  String.raw`^${DATE}(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$`,
);
const RFC_3339 = new RegExp(
  String.raw`^${DATE}[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$`,
);

const MINUTE_MS = 60_000;

function zoneOffsetMs(zone: string | undefined): number | null {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return null;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes) * MINUTE_MS;
}

/** Epoch ms of the matched parts; null when a part is out of range (Feb 30, 24:00, …). */
function fromParts(match: RegExpExecArray): number | null {
  const part = (i: number): number => Number(match[i] ?? 0);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map(part) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const calendar = new Date(utc);
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1) return null;
  if (calendar.getUTCDate() !== day) return null;
  const offset = zoneOffsetMs(match[8]);
  if (offset === null) return null;
  const fraction = match[7] === undefined ? 0 : Math.floor(Number(`0${match[7]}`) * 1000);
  return utc + fraction - offset;
}

/** An Orders v0 date or date-time (ISO 8601 as Amazon prints it), in epoch ms. */
export function parseV0DateTime(text: string): number | null {
  const match = ISO_8601.exec(text);
  return match === null ? null : fromParts(match);
}

/** An Orders 2026-01-01 date-time (RFC 3339), in epoch ms. */
export function parseRfc3339DateTime(text: string): number | null {
  const match = RFC_3339.exec(text);
  return match === null ? null : fromParts(match);
}
