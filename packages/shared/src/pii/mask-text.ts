import { CONTACT_RULES, PROTECTED_SPANS } from './contact-patterns.js';
import { findEmbeddedJson, parseJsonStringLiteral } from './embedded-json.js';
import { maskKeyValues } from './key-value-text.js';
import type { KeyClassifier } from './pii-keys.js';
import { EMAIL_RULES, SECRET_RULES } from './secret-patterns.js';
import { applyRules, withProtectedSpans, type TextRule } from './text-rule.js';

/** JSON inside a string inside JSON…: deeper than this is masked as flat text. */
const MAX_JSON_NESTING = 4;

/**
 * Every built-in rule needs one of these: a digit, `@`, `:`/`=` (key-value), or one of the
 * secret prefixes. Text with none of them is returned as is, which is most log messages.
 */
const MAY_CONTAIN_PII = /[\d@:=]|eyJ|Atz|A[KS]IA|[Bb]earer|Basic|Users|home/;
const HAS_DIGIT = /\d/;

/**
 * Whole values that are one id, timestamp or number (most structured log fields): nothing to
 * mask. Marketplace/seller ids stop at 16 characters, so an AWS key id (20) is not one.
 */
const WHOLLY_SAFE = new RegExp(
  String.raw`^(?:\d{3}-\d{7}-\d{7}|[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}` +
    String.raw`|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?` +
    String.raw`|A[0-9A-Z]{8,15}|B0[0-9A-Z]{8}|-?\d{1,15}(?:\.\d{1,6})?)$`,
);

export interface TextMaskerOptions {
  readonly classify: KeyClassifier;
  readonly extraRules: readonly TextRule[];
  /** Masks a parsed JSON value (the object walker); `nesting` counts JSON-in-string levels. */
  readonly maskJson: (value: object, nesting: number) => unknown;
}

export type TextMasker = (text: string, nesting: number) => string;

export function createTextMasker(options: TextMaskerOptions): TextMasker {
  const { classify, extraRules, maskJson } = options;
  const secretRules = [...SECRET_RULES, ...extraRules, ...EMAIL_RULES];

  function maskValues(text: string): string {
    if (extraRules.length === 0 && !MAY_CONTAIN_PII.test(text)) return text;
    const out = applyRules(text, secretRules);
    if (!HAS_DIGIT.test(out)) return out;
    return withProtectedSpans(out, PROTECTED_SPANS, (hidden) => applyRules(hidden, CONTACT_RULES));
  }

  /**
   * Key-value pairs first, on the whole text (a key outside embedded JSON can own a value
   * inside it); then embedded JSON structurally; then value patterns on the rest.
   */
  return function maskText(text: string, nesting: number): string {
    if (extraRules.length === 0 && (!MAY_CONTAIN_PII.test(text) || WHOLLY_SAFE.test(text))) {
      return text;
    }
    const literal = nesting < MAX_JSON_NESTING ? parseJsonStringLiteral(text) : undefined;
    if (literal !== undefined) {
      const inner = maskText(literal, nesting + 1);
      return inner === literal ? text : JSON.stringify(inner);
    }
    const keyed = maskKeyValues(text, classify);
    const json = nesting < MAX_JSON_NESTING ? findEmbeddedJson(keyed) : undefined;
    if (json === undefined) return maskValues(keyed);
    const masked = JSON.stringify(maskJson(json.value, nesting + 1));
    // Untouched JSON keeps its original text (formatting, big-number precision).
    const middle =
      masked === JSON.stringify(json.value) ? keyed.slice(json.start, json.end) : masked;
    return maskValues(keyed.slice(0, json.start)) + middle + maskValues(keyed.slice(json.end));
  };
}
