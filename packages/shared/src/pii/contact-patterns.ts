import { countDigits, keepPrefix, rule, type TextRule } from './text-rule.js';

/**
 * Phones, street lines and postal codes in free text. These are the rules that could destroy
 * useful numbers, so they run last, on text where order ids, uuids and ISO timestamps are
 * hidden (see `withProtectedSpans`), and each insists on a shape or a context.
 *
 * Trade-offs, deliberately:
 * - A bare digit run is never a phone by itself: `4155552671` is also an epoch second, an ISBN
 *   ASIN or an item id. It is masked only after a word like "phone"/"tel" or when `+`-prefixed.
 *   (Under a `phone` key it is always masked: key rules do not look at the value.)
 * - A bare 5-digit number is never a ZIP/PLZ by itself (counts, ports, amounts). It is masked
 *   after a US state code (`CA 94107`), before a capitalised town at the start of an address
 *   segment (`, 10115 Berlin`), or after "zip"/"PLZ"/"postcode". ZIP+4, UK, CA and JP
 *   (`123-4567`) codes are distinctive and masked anywhere.
 * - Numbers glued to letters or continuing with `-digit`, `.digit`, `:digit` are not phones;
 *   this keeps versions, dates, times, amounts and ids intact.
 */

/**
 * A candidate swallows following digit groups greedily (`+49 30 1234567 2024`). Rather than
 * reject it for too many digits, mask the longest leading groups that fit (`min`..`max`
 * digits) and keep the rest.
 */
function maskLeadingGroups(text: string, marker: string, min: number, max: number) {
  let digits = 0;
  let cut = -1;
  for (let i = 0; i < text.length && digits < max; i += 1) {
    if (!isDigit(text, i)) continue;
    digits += 1;
    if (digits >= min && !isDigit(text, i + 1)) cut = text[i + 1] === ')' ? i + 2 : i + 1;
  }
  return cut < 0 ? undefined : marker + text.slice(cut);
}

function isDigit(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  return c >= 48 && c <= 57;
}

const START = String.raw`(?<![\p{L}\p{N}_+\-./])`;
const END = String.raw`(?![\p{L}\p{N}_]|[\-./:,]\p{N})`;
const SEP = String.raw`[ .\-/]`;

/** Order ids, uuids, ISO-8601 dates and date-times: never touched by the rules below. */
export const PROTECTED_SPANS = new RegExp(
  String.raw`(?<![\p{L}\p{N}_])(?:\d{3}-\d{7}-\d{7}` +
    String.raw`|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}` +
    String.raw`|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+\-]\d{2}(?::?\d{2})?)?)?)` +
    String.raw`(?![\p{L}\p{N}_])`,
  'gu',
);

/** `+49 30 1234567`, `+1 (415) 555-2671`, `+44 (0)20 7946 0958`, `0049 30 1234567`. */
const INTERNATIONAL_PHONE = rule(
  'phone',
  new RegExp(
    String.raw`${START}(?:\+|00)[ ]?\d{1,4}(?:${SEP}?\(0\))?(?:${SEP}?\(\d{1,5}\)|${SEP}?\d{1,14})(?:${SEP}\d{1,14}){0,6}${END}`,
    'gu',
  ),
  {
    rewrite: (match, marker) => {
      const text = match[0];
      if (text.startsWith('+')) return maskLeadingGroups(text, marker, 8, 15);
      // `00` + country code only when formatted: a bare `00…` run is a zero-padded number.
      return /[ .\-/(]/.test(text.slice(2)) ? maskLeadingGroups(text, marker, 10, 17) : undefined;
    },
  },
);

/** NANP: `(415) 555-2671`, `415-555-2671`, `415.555.2671`, `1 415 555 2671`. */
const NANP_PHONE = rule(
  'phone',
  new RegExp(
    String.raw`${START}(?:1[ .\-]?)?(?:\([2-9]\d{2}\)[ ]?|[2-9]\d{2}[ .\-])[2-9]\d{2}[ .\-]\d{4}${END}`,
    'gu',
  ),
);

/** National formats with a trunk 0: UK `020 7946 0958`, DE `030/1234567`, JP `03-1234-5678`. */
const NATIONAL_PHONE = rule(
  'phone',
  new RegExp(
    String.raw`${START}(?:\(0\d{1,4}\)[ ]?|0\d{1,4}${SEP})\d{1,8}(?:[ .\-]\d{1,8}){0,3}${END}`,
    'gu',
  ),
  { rewrite: (match, marker) => maskLeadingGroups(match[0], marker, 9, 13) },
);

/** Any digit run (6–15 digits) right after a phone word: `Tel.: 4930123456`, `phone=07700900123`. */
const CONTEXT_PHONE = rule(
  'phone',
  /(?<pre>(?<![\p{L}\p{N}_]|\[REDACTED:)(?:telephone|phone|tel|mobile|cell|fax|telefon|handy|whatsapp|sms)(?:[ \t]*(?:number|no\.?|nr\.?|#))?[^\p{L}\p{N}\r\n]{0,5})\+?\(?\d[\d ().\-/]{4,22}\d(?![\p{L}\p{N}_])/giu,
  {
    rewrite: (match, marker) => {
      const digits = countDigits(match[0].slice(match.groups?.pre?.length ?? 0));
      return digits >= 6 && digits <= 15 ? keepPrefix(match, marker) : undefined;
    },
  },
);

const STREET_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Close|Crescent|Parkway|Pkwy|Highway|Hwy|Square|Sq';

/** `123 Main St`, `10 Downing Street`, `1600 Pennsylvania Avenue`: number, words, suffix. */
const STREET_LINE_EN = rule(
  'address',
  new RegExp(
    String.raw`(?<![\p{L}\p{N}_\-./])\d{1,5}[A-Za-z]?(?:[ \t]+[\p{Lu}\d][\p{L}\p{N}'.\-]{0,30}){1,4}[ \t]+(?:${STREET_SUFFIX})\.?(?![\p{L}\p{N}_])`,
    'gu',
  ),
);

/** `Hauptstraße 5`, `Lindenstr. 12a`, `Königsallee 1`, `Am Ring 3` (the `Ring 3` part). */
const STREET_LINE_DE = rule(
  'address',
  /(?<![\p{L}\p{N}_])\p{Lu}[\p{L}-]{0,40}(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee)[ \t]*\d{1,4}(?:[ \t]?[a-z])?(?![\p{L}\p{N}_])/gu,
  { needles: ['str', 'weg', 'allee', 'platz', 'gasse', 'ring', 'damm', 'ufer', 'chaussee'] },
);

const US_STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|AA|AE|AP|GU|VI';

const ZIP_PLUS_FOUR = rule('postal-code', new RegExp(String.raw`${START}\d{5}-\d{4}${END}`, 'gu'), {
  needles: ['-'],
});

const ZIP_AFTER_STATE = rule(
  'postal-code',
  new RegExp(String.raw`(?<pre>(?<![\p{L}\p{N}_])(?:${US_STATES}),?[ \t]+)\d{5}${END}`, 'gu'),
  { rewrite: keepPrefix },
);

/** JP `123-4567`, with or without `〒`. Also catches US 7-digit local phones, which is fine. */
const JP_POSTAL = rule('postal-code', new RegExp(String.raw`${START}\d{3}-\d{4}${END}`, 'gu'), {
  needles: ['-'],
});
const JP_POSTAL_MARK = rule('postal-code', /〒[ ]?\d{3}-?\d{4}(?!\d)/gu, { needles: ['〒'] });

const UK_POSTCODE = rule(
  'postal-code',
  /(?<![\p{L}\p{N}_])[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}(?![\p{L}\p{N}_])/gu,
);

const CA_POSTAL = rule(
  'postal-code',
  /(?<![\p{L}\p{N}_])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ \t]?\d[ABCEGHJ-NPRSTV-Z]\d(?![\p{L}\p{N}_])/gu,
);

/**
 * DE/FR/ES/IT `10115 Berlin`: five digits before a capitalised word, at the start of an
 * address segment (start of text, after `,` `;` a line break, or a masked street line).
 */
const SEGMENT_START = /(?:^|[,;\r\n]|\[REDACTED:address\])[ \t]{0,3}$/;
const POSTAL_BEFORE_TOWN = rule(
  'postal-code',
  /(?<![\p{L}\p{N}_-])(?:D-)?\d{5}(?=[ \t]+\p{Lu}\p{Ll})/gu,
  {
    rewrite: (match, marker) => {
      const before = match.input.slice(Math.max(0, match.index - 24), match.index);
      return SEGMENT_START.test(before) ? marker : undefined;
    },
  },
);

const CONTEXT_POSTAL = rule(
  'postal-code',
  /(?<pre>(?<![\p{L}\p{N}_]|\[REDACTED:)(?:zip(?:[ -]?code)?|postal[ -]?code|post[ -]?code|plz|postleitzahl)(?![\p{L}\p{N}_])[^\p{L}\p{N}\r\n]{0,5})(?:[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|\d{4}[ ]?[A-Z]{2}|\d{3}-?\d{4}|\d{3,6}(?:-\d{4})?)(?![\p{L}\p{N}_])/giu,
  { rewrite: keepPrefix },
);

/** In order: phones, then street lines, then postal codes (one rule sees another's marker). */
export const CONTACT_RULES: readonly TextRule[] = [
  INTERNATIONAL_PHONE,
  NANP_PHONE,
  NATIONAL_PHONE,
  CONTEXT_PHONE,
  STREET_LINE_EN,
  STREET_LINE_DE,
  ZIP_PLUS_FOUR,
  ZIP_AFTER_STATE,
  JP_POSTAL_MARK,
  JP_POSTAL,
  UK_POSTCODE,
  CA_POSTAL,
  POSTAL_BEFORE_TOWN,
  CONTEXT_POSTAL,
];
