// Swagger 2.0 Schema Objects → JSON Schema draft-07 (what Ajv 8 validates by default).
//
// Swagger 2.0 schemas are a dialect of draft-04 with extra keywords. The conversion is
// explicit: every keyword is either kept (draft-07 has the same meaning), translated, or
// dropped because it only annotates (examples, docs, vendor extensions). Anything else
// throws, so a future model revision that uses something new fails loudly here instead of
// being validated by a schema that silently ignores a rule.

/** A JSON Schema (draft-07) object. */
export type JsonSchema = Record<string, unknown>;

export interface ConvertOptions {
  /** `$id` of the schema that holds the model's definitions; `#/definitions/X` refs point there. */
  refBase: string;
}

// Same meaning in Swagger 2.0 and draft-07 (values copied as they are).
const KEPT = new Set([
  'type',
  'format',
  'title',
  'description',
  'default',
  'multipleOf',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'const',
  'readOnly',
]);
// Keywords whose values are schemas (or maps/lists of schemas) and need converting in turn.
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SUBSCHEMA_MAPS = new Set(['properties']);
// Handled around the keyword loop (draft-04 booleans, x-nullable, discriminator, $ref).
const TRANSLATED = new Set(['exclusiveMaximum', 'exclusiveMinimum', 'x-nullable', '$ref']);
// Annotations with no validation meaning. `discriminator` is translated by convertDefinitions;
// on a schema that is not a definition it carries no rule we could apply.
const DROPPED = new Set(['example', 'examples', 'xml', 'externalDocs', 'discriminator']);

const LOCAL_REF = /^#\/definitions\/([^/]+)$/;

/** The JSON Schema of one Swagger 2.0 schema; `at` names it in error messages. */
export function convertSchema(node: unknown, options: ConvertOptions, at = '#'): JsonSchema {
  if (!isObject(node)) throw new Error(`Expected a schema object at ${at}`);
  if (node.type === 'file') return fileSchema(node);

  const out: JsonSchema = {};
  if (typeof node.$ref === 'string') out.$ref = convertRef(node.$ref, options, at);
  for (const [keyword, value] of Object.entries(node)) {
    const here = `${at}/${keyword}`;
    if (KEPT.has(keyword)) out[keyword] = value;
    else if (SUBSCHEMA.has(keyword)) out[keyword] = convertSubschema(value, options, here);
    else if (SUBSCHEMA_LISTS.has(keyword)) out[keyword] = convertList(value, options, here);
    else if (SUBSCHEMA_MAPS.has(keyword)) out[keyword] = convertMap(value, options, here);
    else if (!TRANSLATED.has(keyword) && !DROPPED.has(keyword) && !keyword.startsWith('x-')) {
      throw new Error(`Unsupported Swagger keyword "${keyword}" at ${at}`);
    }
  }
  translateExclusiveBound(node, out, 'exclusiveMaximum', 'maximum');
  translateExclusiveBound(node, out, 'exclusiveMinimum', 'minimum');
  return node['x-nullable'] === true ? nullable(out) : out;
}

/**
 * Converts a model's `definitions`. Swagger 2.0 polymorphism (`discriminator` on a base,
 * subtypes that `allOf` the base, discriminator value = subtype name or
 * `x-discriminator-value`) becomes: the base's own rules under `<Base>__base`, and `<Base>`
 * = those rules plus, for each subtype, `if <property> = <value> then <Subtype>`. Subtypes
 * point at `<Base>__base`, so validating never loops.
 */
export function convertDefinitions(
  definitions: Record<string, unknown>,
  options: ConvertOptions,
): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [name, node] of Object.entries(definitions)) {
    out[name] = convertSchema(node, options, `#/definitions/${name}`);
  }
  for (const [base, { property, subtypes }] of discriminatedBases(definitions)) {
    const baseRef = `${options.refBase}#/definitions/${base}`;
    const ownRef = `${baseRef}__base`;
    out[`${base}__base`] = out[base] ?? {};
    out[base] = {
      allOf: [
        { $ref: ownRef },
        ...subtypes.map(({ name, value }) => ({
          if: {
            type: 'object',
            properties: { [property]: { const: value } },
            required: [property],
          },
          then: { $ref: `${options.refBase}#/definitions/${name}` },
        })),
      ],
    };
    for (const { name } of subtypes) {
      const allOf = out[name]?.allOf;
      if (!Array.isArray(allOf)) continue;
      for (const part of allOf) if (isObject(part) && part.$ref === baseRef) part.$ref = ownRef;
    }
  }
  return out;
}

interface Polymorphism {
  property: string;
  subtypes: { name: string; value: string }[];
}

function discriminatedBases(definitions: Record<string, unknown>): Map<string, Polymorphism> {
  const bases = new Map<string, Polymorphism>();
  for (const [name, node] of Object.entries(definitions)) {
    if (isObject(node) && typeof node.discriminator === 'string') {
      bases.set(name, { property: node.discriminator, subtypes: [] });
    }
  }
  for (const [name, node] of Object.entries(definitions)) {
    if (!isObject(node) || !Array.isArray(node.allOf)) continue;
    for (const part of node.allOf) {
      const base =
        isObject(part) && typeof part.$ref === 'string' ? LOCAL_REF.exec(part.$ref) : null;
      const poly = base?.[1] === undefined ? undefined : bases.get(base[1]);
      if (!poly) continue;
      const value = node['x-discriminator-value'];
      poly.subtypes.push({ name, value: typeof value === 'string' ? value : name });
    }
  }
  return bases;
}

function convertRef(ref: string, options: ConvertOptions, at: string): string {
  const match = LOCAL_REF.exec(ref);
  if (!match) throw new Error(`Only #/definitions/ refs are supported; got "${ref}" at ${at}`);
  return `${options.refBase}${ref}`;
}

function convertSubschema(value: unknown, options: ConvertOptions, at: string): unknown {
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v, i) => convertSchema(v, options, `${at}/${i}`));
  return convertSchema(value, options, at);
}

function convertList(value: unknown, options: ConvertOptions, at: string): JsonSchema[] {
  if (!Array.isArray(value)) throw new Error(`Expected a list of schemas at ${at}`);
  return value.map((v, i) => convertSchema(v, options, `${at}/${i}`));
}

function convertMap(value: unknown, options: ConvertOptions, at: string): JsonSchema {
  if (!isObject(value)) throw new Error(`Expected a map of schemas at ${at}`);
  const out: JsonSchema = {};
  for (const [name, schema] of Object.entries(value)) {
    out[name] = convertSchema(schema, options, `${at}/${name}`);
  }
  return out;
}

// draft-04 (Swagger 2.0): `maximum: 5, exclusiveMaximum: true`; draft-07: `exclusiveMaximum: 5`.
function translateExclusiveBound(
  node: Record<string, unknown>,
  out: JsonSchema,
  exclusive: 'exclusiveMaximum' | 'exclusiveMinimum',
  bound: 'maximum' | 'minimum',
): void {
  if (node[exclusive] !== true || typeof node[bound] !== 'number') return;
  out[exclusive] = node[bound];
  Reflect.deleteProperty(out, bound);
}

// `x-nullable: true` (a common Swagger 2.0 extension): the value may also be `null`.
function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' && schema.$ref === undefined) {
    const out: JsonSchema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...(schema.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

// `type: file` is a binary body (downloads, uploads): there is no JSON to validate.
function fileSchema(node: Record<string, unknown>): JsonSchema {
  return typeof node.description === 'string' ? { description: node.description } : {};
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
