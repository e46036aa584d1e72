import { redacted } from './redaction-marker.js';

/**
 * One value-based rule: a global regex and what each match becomes. Every built-in pattern is
 * written to run in linear time on hostile input: each starts with a negative lookbehind of its
 * own leading character class (so a run of candidate characters is tried once, from its start,
 * not once per character) and uses only bounded or unambiguous repetition.
 */
export interface TextRule {
  readonly label: string;
  readonly pattern: RegExp;
  /**
   * The replacement for one match; the default masks the whole match. Return `undefined` to
   * keep the match (a candidate that failed a check, e.g. too few digits for a phone).
   */
  readonly rewrite?: (match: RegExpExecArray, marker: string) => string | undefined;
  /** Cheap pre-check: the rule can only match text containing one of these. */
  readonly needles?: readonly string[];
}

export function rule(
  label: string,
  pattern: RegExp,
  options: Pick<TextRule, 'rewrite' | 'needles'> = {},
): TextRule {
  if (!pattern.global) throw new Error(`text rule ${label} needs a global regex`);
  return { label, pattern, ...options };
}

/** Keeps named group `pre` and masks the rest of the match. */
export function keepPrefix(match: RegExpExecArray, marker: string): string {
  return `${match.groups?.pre ?? ''}${marker}`;
}

export function countDigits(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count += 1;
  }
  return count;
}

function applyRule(text: string, textRule: TextRule): string {
  const { pattern, rewrite } = textRule;
  if (textRule.needles && !textRule.needles.some((needle) => text.includes(needle))) return text;
  const marker = redacted(textRule.label);
  let out = '';
  let last = 0;
  let changed = false;
  // exec on the shared regex: nothing called in this loop uses the same regex object, and
  // lastIndex is reset on the way in and out.
  pattern.lastIndex = 0;
  try {
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0] === '') {
        pattern.lastIndex += 1;
        continue;
      }
      const replacement = rewrite ? rewrite(match, marker) : marker;
      if (replacement === undefined) continue;
      out += text.slice(last, match.index) + replacement;
      last = match.index + match[0].length;
      changed = true;
    }
  } finally {
    pattern.lastIndex = 0;
  }
  return changed ? out + text.slice(last) : text;
}

export function applyRules(text: string, rules: readonly TextRule[]): string {
  let out = text;
  for (const textRule of rules) out = applyRule(out, textRule);
  return out;
}

/**
 * Runs `mask` with the protected spans (order ids, uuids, timestamps) swapped for placeholders
 * made of private-use characters, which no rule treats as a digit, letter or separator, then
 * puts them back. A phone or postal-code rule therefore never sees, or eats into, an order id.
 * Input that already contains the placeholder character is masked unprotected (over-masking is
 * the safe failure).
 */
export function withProtectedSpans(
  text: string,
  protect: RegExp,
  mask: (text: string) => string,
): string {
  // Every protected shape contains a `-`.
  if (!text.includes('-') || text.includes(PLACEHOLDER_EDGE)) return mask(text);
  const spans: string[] = [];
  const hidden = text.replace(protect, (span) => {
    spans.push(span);
    return placeholder(spans.length - 1);
  });
  if (spans.length === 0) return mask(text);
  return mask(hidden).replace(PLACEHOLDER, (whole, index: string) => {
    return spans[decodeIndex(index)] ?? whole;
  });
}

const PLACEHOLDER_EDGE = '\uE000';
const DIGIT_BASE = 0xe001;
const PLACEHOLDER = /\uE000([\uE001-\uE0FF]+)\uE000/g;

function placeholder(index: number): string {
  let digits = '';
  let rest = index;
  do {
    digits = String.fromCharCode(DIGIT_BASE + (rest % 255)) + digits;
    rest = Math.floor(rest / 255);
  } while (rest > 0);
  return `${PLACEHOLDER_EDGE}${digits}${PLACEHOLDER_EDGE}`;
}

function decodeIndex(digits: string): number {
  let index = 0;
  for (let i = 0; i < digits.length; i += 1) {
    index = index * 255 + (digits.charCodeAt(i) - DIGIT_BASE);
  }
  return index;
}
