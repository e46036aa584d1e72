/**
 * Finds JSON inside a string (`SP-API 400: {"errors":[…]}`, a logged request body) so it can be
 * masked structurally, key by key, instead of as flat text. Tries the first few `{` / `[` that
 * can start a JSON value, each up to the last matching closer; the first slice that parses as an
 * object or array wins. Cost: a handful of `JSON.parse` attempts, linear in the string.
 */
export interface EmbeddedJson {
  readonly start: number;
  readonly end: number;
  readonly value: object;
}

const MAX_ATTEMPTS = 4;
const OBJECT_START = /^\{\s*(?:"|\})/;
const ARRAY_START = /^\[\s*(?:[{["\-\d\]]|true|false|null)/;

function canStart(text: string, index: number): boolean {
  const head = text.slice(index, index + 16);
  return text[index] === '{' ? OBJECT_START.test(head) : ARRAY_START.test(head);
}

function parseObject(slice: string): object | undefined {
  try {
    const value: unknown = JSON.parse(slice);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * JSON glued to an address or token is not JSON in a sentence: `{}@a.example` is an email.
 * Such a candidate is skipped so the text rules see the whole thing.
 */
const GLUED_BEFORE = /[\p{L}\p{N}_@%!#$'*+^\u0060|~.-]/u;
const GLUED_AFTER = /^(?:[\p{L}\p{N}_@%]|[.-][\p{L}\p{N}])/u;

function standsAlone(text: string, start: number, end: number): boolean {
  return !GLUED_BEFORE.test(text.charAt(start - 1)) && !GLUED_AFTER.test(text.slice(end, end + 2));
}

/** A whole string that is itself a JSON string literal (double-encoded JSON): its content. */
export function parseJsonStringLiteral(text: string): string | undefined {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function findEmbeddedJson(text: string): EmbeddedJson | undefined {
  const lastBrace = text.lastIndexOf('}');
  const lastBracket = text.lastIndexOf(']');
  if (lastBrace < 0 && lastBracket < 0) return undefined;
  let attempts = 0;
  for (let i = 0; i < text.length && attempts < MAX_ATTEMPTS; i += 1) {
    const c = text[i];
    if ((c !== '{' && c !== '[') || !canStart(text, i)) continue;
    const end = (c === '{' ? lastBrace : lastBracket) + 1;
    if (end <= i || !standsAlone(text, i, end)) continue;
    attempts += 1;
    const value = parseObject(text.slice(i, end));
    if (value !== undefined) return { start: i, end, value };
  }
  return undefined;
}
