import { createKeyClassifier, type KeyClassifier } from './pii-keys.js';
import { createTextMasker, type TextMasker } from './mask-text.js';
import { isValidLabel, redacted } from './redaction-marker.js';
import { rule, type TextRule } from './text-rule.js';

export interface MaskPattern {
  /** Marker label: lower-case letters, digits and `-`, e.g. `loyalty-id`. */
  readonly label: string;
  /** Matched anywhere in every string; the `g` flag is added. Must run in linear time. */
  readonly pattern: RegExp;
}

export interface MaskerOptions {
  /** More keys whose values are always masked, matched like the built-in ones (case, `-`, `_`). */
  readonly extraKeys?: readonly string[];
  /** More value patterns, applied after the built-in secret patterns. */
  readonly extraPatterns?: readonly MaskPattern[];
  /** Nesting beyond this becomes `[Truncated]`. Default 32. */
  readonly maxDepth?: number;
}

export interface Masker {
  /**
   * Returns a masked, acyclic, JSON-friendly copy: Errors become plain objects (`type`,
   * `message`, own fields, `stack`, `cause`, `errors`), Maps become objects, Sets arrays, Dates
   * ISO strings, binary data a size note. The input is never mutated. Idempotent.
   */
  readonly mask: (value: unknown) => unknown;
  readonly maskString: (text: string) => string;
  readonly isSensitiveKey: (key: string) => boolean;
}

const CIRCULAR = '[Circular]';
const TRUNCATED = '[Truncated]';
const UNREADABLE = '[Unreadable]';
const DEFAULT_MAX_DEPTH = 32;

interface Walk {
  readonly ancestors: Set<object>;
  readonly done: WeakMap<object, unknown>;
}

function toRule(extra: MaskPattern): TextRule {
  if (!isValidLabel(extra.label)) throw new Error(`invalid mask label: ${extra.label}`);
  const flags = extra.pattern.flags.includes('g') ? extra.pattern.flags : `${extra.pattern.flags}g`;
  return rule(extra.label, new RegExp(extra.pattern.source, flags));
}

/** Own enumerable string keys, read defensively: a throwing getter must not break a log line. */
function readEntries(source: object): [string, unknown][] {
  return Object.keys(source).map((key): [string, unknown] => {
    try {
      return [key, (source as Record<string, unknown>)[key]];
    } catch {
      return [key, UNREADABLE];
    }
  });
}

/** Errors from this realm and from others (a vm context, another window). */
function isError(value: object): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** Adds a masked entry; a `__proto__` key from parsed JSON stays data, and collisions get `#n`. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  let unique = key;
  for (let n = 2; Object.hasOwn(target, unique); n += 1) unique = `${key}#${String(n)}`;
  if (unique === '__proto__') {
    Object.defineProperty(target, unique, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[unique] = value;
  }
}

export function createMasker(options: MaskerOptions = {}): Masker {
  const classify: KeyClassifier = createKeyClassifier(options.extraKeys);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maskText: TextMasker = createTextMasker({
    classify,
    extraRules: (options.extraPatterns ?? []).map(toRule),
    maskJson: (value, nesting) => walk(value, 0, nesting, newWalk()),
  });

  function newWalk(): Walk {
    return { ancestors: new Set(), done: new WeakMap() };
  }

  function maskEntry(key: string, value: unknown, depth: number, nesting: number, state: Walk) {
    const sensitive = classify(key);
    if (sensitive === undefined) return walk(value, depth, nesting, state);
    return sensitive.keeps(value) ? value : redacted(sensitive.label);
  }

  function maskInto(
    out: Record<string, unknown>,
    entries: Iterable<[string, unknown]>,
    depth: number,
    nesting: number,
    state: Walk,
  ): Record<string, unknown> {
    for (const [key, value] of entries) {
      define(out, maskText(key, MAX_KEY_NESTING), maskEntry(key, value, depth, nesting, state));
    }
    return out;
  }

  /**
   * An error becomes `{ type, message, …own fields, stack, cause, errors }`. The class name goes
   * under `type` (as pino's serializer does), not `name`: `name` is a PII key, and a second
   * pass over this output must not mask the class name. Message and stack get text rules.
   */
  function maskError(error: Error, depth: number, nesting: number, state: Walk): unknown {
    const out: Record<string, unknown> = {
      type: maskText(typeof error.name === 'string' ? error.name : 'Error', nesting),
      message: maskText(typeof error.message === 'string' ? error.message : '', nesting),
    };
    const own = readEntries(error).filter(([key]) => !ERROR_FIELDS.has(key));
    maskInto(out, own, depth, nesting, state);
    if (typeof error.stack === 'string') out.stack = maskText(error.stack, nesting);
    if ('cause' in error) out.cause = walk(error.cause, depth, nesting, state);
    const nested: unknown = (error as { errors?: unknown }).errors;
    if (Array.isArray(nested)) out.errors = walk(nested, depth, nesting, state);
    return out;
  }

  function maskObject(value: object, depth: number, nesting: number, state: Walk): unknown {
    const next = depth + 1;
    if (isError(value)) return maskError(value, next, nesting, state);
    if (Array.isArray(value)) return value.map((item: unknown) => walk(item, next, nesting, state));
    if (value instanceof Map) {
      const entries = [...value].map(([k, v]): [string, unknown] => [String(k), v]);
      return maskInto({}, entries, next, nesting, state);
    }
    if (value instanceof Set)
      return [...value].map((item: unknown) => walk(item, next, nesting, state));
    if (value instanceof Date)
      return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      return `[Binary ${String(value.byteLength)} bytes]`;
    }
    if (value instanceof RegExp || value instanceof URL) return maskText(String(value), nesting);
    const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      try {
        return walk((toJSON as (this: object) => unknown).call(value), next, nesting, state);
      } catch {
        return '[Unserializable]';
      }
    }
    return maskInto({}, readEntries(value), next, nesting, state);
  }

  function walk(value: unknown, depth: number, nesting: number, state: Walk): unknown {
    if (typeof value === 'string') return maskText(value, nesting);
    if (typeof value === 'function') return '[Function]';
    if (typeof value !== 'object' || value === null) return value;
    if (state.ancestors.has(value)) return CIRCULAR;
    if (state.done.has(value)) return state.done.get(value);
    if (depth >= maxDepth) return TRUNCATED;
    state.ancestors.add(value);
    try {
      const masked = maskObject(value, depth, nesting, state);
      state.done.set(value, masked);
      return masked;
    } catch {
      // A revoked proxy or a hostile object: a log line must never throw, nor show the value.
      return UNREADABLE;
    } finally {
      state.ancestors.delete(value);
    }
  }

  return {
    mask: (value) => walk(value, 0, 0, newWalk()),
    maskString: (text) => maskText(text, 0),
    isSensitiveKey: (key) => classify(key) !== undefined,
  };
}

/** Keys are masked as flat text; JSON in a key is not worth parsing. */
const MAX_KEY_NESTING = Number.MAX_SAFE_INTEGER;
const ERROR_FIELDS = new Set(['name', 'message', 'stack', 'cause', 'errors']);

const defaultMasker = createMasker();

/** Masks PII and secrets in any value with the built-in rules. See {@link Masker.mask}. */
export const maskPii: (value: unknown) => unknown = defaultMasker.mask;

/** Masks PII and secrets in one string with the built-in rules. */
export const maskString: (text: string) => string = defaultMasker.maskString;
