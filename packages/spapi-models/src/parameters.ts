// Path and query parameters: from what arrives (strings, repeated keys, or typed values)
// to typed values, and the JSON Schema of each parameter's own rules.
import { convertSchema, type JsonSchema } from './json-schema.js';
import type { ApiName, SwaggerParameter, SwaggerSimpleSchema } from './models.js';
import { findOperation } from './operations.js';

export type ReadResult = { ok: true; value: unknown } | { ok: false; message: string };

// Swagger 2.0 collectionFormat separators; `multi` means repeated keys (`?a=1&a=2`).
const SEPARATORS: Record<string, string> = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' };
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a raw value as the parameter's type.
 * - Arrays: a string is split by the `collectionFormat` (csv when absent), except with
 *   `multi`, where a string is one item; a JS array is taken as the items (repeated keys,
 *   or a typed caller) and its items are not split again.
 * - Scalars: strings are parsed (`"100"` → 100, `"true"` → true); typed values are accepted
 *   as they are; a JS array of one value is that value (one repeated key).
 */
export function readParameter(param: SwaggerSimpleSchema, raw: unknown): ReadResult {
  if (param.type !== 'array') return readScalar(param.type, raw);
  const format = param.collectionFormat ?? 'csv';
  const separator = SEPARATORS[format];
  let items: unknown[];
  if (Array.isArray(raw)) items = raw as unknown[];
  else if (typeof raw === 'string' && separator !== undefined) items = raw.split(separator);
  else items = [raw];
  const values: unknown[] = [];
  for (const [index, item] of items.entries()) {
    const read = readScalar(param.items?.type, item);
    if (!read.ok) return { ok: false, message: `item ${index}: ${read.message}` };
    values.push(read.value);
  }
  return { ok: true, value: values };
}

function readScalar(type: string | undefined, raw: unknown): ReadResult {
  if (Array.isArray(raw)) {
    if (raw.length !== 1) return { ok: false, message: `expected one value, got ${raw.length}` };
    return readScalar(type, raw[0]);
  }
  switch (type) {
    case 'string':
      return typeof raw === 'string' ? ok(raw) : fail('a string', raw);
    case 'integer':
      if (typeof raw === 'number') return Number.isInteger(raw) ? ok(raw) : fail('an integer', raw);
      return typeof raw === 'string' && INTEGER.test(raw)
        ? ok(Number(raw))
        : fail('an integer', raw);
    case 'number':
      if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : fail('a number', raw);
      return typeof raw === 'string' && NUMBER.test(raw) ? ok(Number(raw)) : fail('a number', raw);
    case 'boolean':
      if (typeof raw === 'boolean') return ok(raw);
      return raw === 'true' || raw === 'false' ? ok(raw === 'true') : fail('true or false', raw);
    default:
      return ok(raw);
  }
}

const ok = (value: unknown): ReadResult => ({ ok: true, value });
const fail = (expected: string, raw: unknown): ReadResult => ({
  ok: false,
  message: `expected ${expected}, got ${shown(raw)}`,
});

// Scalars are shown; anything else only by its type (no object dumps in messages).
function shown(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(raw);
  return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : typeof raw;
}

const SCHEMA_KEYS = [
  'type',
  'format',
  'enum',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'multipleOf',
  'maxLength',
  'minLength',
  'pattern',
] as const;

/** The JSON Schema of a path/query parameter's own rules (after readParameter). */
export function parameterSchema(param: SwaggerParameter): JsonSchema {
  return convertSchema(pickRules(param), { refBase: '' }, `parameter ${param.name}`);
}

function pickRules(schema: SwaggerSimpleSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SCHEMA_KEYS) if (schema[key] !== undefined) out[key] = schema[key];
  if (schema.items) out.items = pickRules(schema.items);
  return out;
}

/** Query values as `readParameter` takes them: repeated keys become arrays. */
export function queryFromSearchParams(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}

/** One rule the model states as a keyword on a path/query parameter. */
export interface ParameterLimit {
  parameter: string;
  in: string;
  /** `required`, `maxItems`, `maximum`, `enum`, `items.enum`, `format`, ... */
  keyword: string;
  value: unknown;
}

/** The model-stated rules of an operation's path and query parameters. */
export function parameterLimitsOf(api: ApiName, operationId: string): ParameterLimit[] {
  return findOperation(api, operationId)
    .parameters.filter((p) => p.in === 'path' || p.in === 'query')
    .flatMap((param) => {
      const limit = (keyword: string, value: unknown): ParameterLimit => ({
        parameter: param.name,
        in: param.in,
        keyword,
        value,
      });
      const own = SCHEMA_KEYS.filter((k) => k !== 'type' && param[k] !== undefined).map((k) =>
        limit(k, param[k]),
      );
      const items = param.items ?? {};
      const ofItems = SCHEMA_KEYS.filter((k) => k !== 'type' && items[k] !== undefined).map((k) =>
        limit(`items.${k}`, items[k]),
      );
      return [...(param.required === true ? [limit('required', true)] : []), ...own, ...ofItems];
    });
}
