/** Helpers for leak tests: does a masked value still contain a PII value, in any encoding? */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * True if `value` appears in the JSON of `masked`: raw, JSON-escaped once (a string in the
 * output) or twice (a string inside a JSON string). Values that start and end with a letter or
 * digit must stand alone (no letter/digit either side), so a 5-digit ZIP does not "leak"
 * because it happens to be part of an order id that rightly survives.
 */
export function leaks(masked: unknown, value: string): boolean {
  const output = JSON.stringify(masked);
  const forms = new Set([value, jsonEscaped(value), jsonEscaped(jsonEscaped(value))]);
  for (const form of forms) {
    const bounded = /^[\p{L}\p{N}]/u.test(form) && /[\p{L}\p{N}]$/u.test(form);
    const pattern = bounded
      ? new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'u')
      : undefined;
    if (pattern ? pattern.test(output) : output.includes(form)) return true;
  }
  return false;
}
