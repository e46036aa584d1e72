import type { KeyClassifier } from './pii-keys.js';
import { markerLengthAt, redacted } from './redaction-marker.js';

/**
 * Key-based masking inside free text: `email=…`, `"BuyerName": "…"`, `Authorization: Bearer …`,
 * `\"phone\":\"…\"` (escaped JSON), `password: hunter2`. The key goes through the same
 * classifier as object keys; a sensitive key loses its value:
 * - quoted (`"…"`, `'…'`, `\"…\"`): up to the closing quote;
 * - an object or array (`{…}`, `[…]`): up to the matching bracket;
 * - unquoted: up to `& , ; ) } ] < > " ' \` or the end of the line. So `name: Jane Doe` is
 *   masked whole, while `name: Doe, Jane` leaks `Jane` (a comma ends the value).
 * Unterminated values run to the end of the string: masking too much is the safe failure.
 */
const KEY_BEFORE_VALUE =
  /(?<![\p{L}\p{N}_.-])(?<quote>\\?["']|)(?<key>[A-Za-z][\w.-]{0,63})\k<quote>[ \t]{0,3}[:=][ \t]{0,3}/gu;

const UNQUOTED_END = new Set(['&', ',', ';', ')', '}', ']', '<', '>', '"', "'", '\\', '\r', '\n']);
const JSON_NUMBER_OR_LITERAL = /^(?:-?\d|null$|true$|false$)/;

interface ValueSpan {
  readonly end: number;
  /** The value without its quotes, to let a guarded key (`code`) keep it. */
  readonly inner: string;
  readonly kind: 'quoted' | 'nested' | 'bare';
}

/**
 * End of a quoted value. For `\"` (JSON inside a JSON string) the scan reads one level of
 * escaping: `\\` is a backslash and `\"` a quote, and the value ends at the first quote that
 * is not itself escaped at that level (`\\\"` is an escaped quote, not the end).
 */
function quotedEnd(text: string, start: number, quote: string): number {
  if (quote === '\\"') return escapedQuotedEnd(text, start + 2);
  for (let i = start + 1; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

function escapedQuotedEnd(text: string, from: number): number {
  let escaped = false;
  for (let i = from; i < text.length; i += 1) {
    const decoded = text[i] === '\\' ? text[++i] : text[i];
    if (escaped) escaped = false;
    else if (decoded === '\\') escaped = true;
    else if (decoded === '"' && text[i - 1] === '\\') return i + 1;
  }
  return text.length;
}

function nestedEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') i += 1;
    else if (c === '"') i = quotedEnd(text, i, '"') - 1;
    else if (c === '{' || c === '[') depth += 1;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return text.length;
}

function bareEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && !UNQUOTED_END.has(text.charAt(i))) i += 1;
  return i;
}

function valueAt(text: string, start: number): ValueSpan | undefined {
  const opener = text.startsWith('\\"', start) ? '\\"' : text.charAt(start);
  if (opener === '\\"' || opener === '"' || opener === "'") {
    const end = quotedEnd(text, start, opener);
    const innerStart = start + opener.length;
    const inner = text.slice(innerStart, Math.max(innerStart, end - opener.length));
    return { end, inner, kind: 'quoted' };
  }
  if (opener === '{' || opener === '[') {
    const end = nestedEnd(text, start);
    return { end, inner: text.slice(start, end), kind: 'nested' };
  }
  const end = bareEnd(text, start);
  const inner = text.slice(start, end).trimEnd();
  return inner === '' ? undefined : { end: start + inner.length, inner, kind: 'bare' };
}

function replacement(
  span: ValueSpan,
  text: string,
  start: number,
  marker: string,
  keyQuote: string,
): string {
  if (span.kind === 'quoted') {
    const quote = text.startsWith('\\"', start) ? '\\"' : text.charAt(start);
    return `${quote}${marker}${quote}`;
  }
  // Keep JSON-looking text valid: a nested or numeric value becomes a string literal.
  const quote = keyQuote === '' ? '"' : keyQuote;
  if (span.kind === 'nested') return `${quote}${marker}${quote}`;
  return keyQuote !== '' && JSON_NUMBER_OR_LITERAL.test(span.inner)
    ? `${quote}${marker}${quote}`
    : marker;
}

export function maskKeyValues(text: string, classify: KeyClassifier): string {
  if (!text.includes(':') && !text.includes('=')) return text;
  let out = '';
  let last = 0;
  KEY_BEFORE_VALUE.lastIndex = 0;
  // exec on the shared regex: classify() uses other regexes only; lastIndex is reset after.
  try {
    for (let match = KEY_BEFORE_VALUE.exec(text); match; match = KEY_BEFORE_VALUE.exec(text)) {
      const start = match.index + match[0].length;
      const sensitive = classify(match.groups?.key ?? '');
      if (sensitive === undefined || markerLengthAt(text, start) > 0) continue;
      const span = valueAt(text, start);
      if (span === undefined) continue;
      if (span.kind !== 'nested' && (span.inner === 'null' || sensitive.keeps(span.inner))) {
        continue;
      }
      const quote = match.groups?.quote ?? '';
      out +=
        text.slice(last, start) + replacement(span, text, start, redacted(sensitive.label), quote);
      last = span.end;
      KEY_BEFORE_VALUE.lastIndex = span.end;
    }
  } finally {
    KEY_BEFORE_VALUE.lastIndex = 0;
  }
  return last === 0 ? text : out + text.slice(last);
}
