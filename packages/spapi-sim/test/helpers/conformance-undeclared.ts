import { findOperation, loadModel, type ApiName } from '@spapi/spapi-models';

/**
 * Properties a response carries that the model declares nowhere. Amazon's schemas leave
 * `additionalProperties` open (clients must tolerate new fields), so the schema check passes
 * them; a simulator that invents fields would still teach clients to depend on fields Amazon
 * never sends. Returns the paths of such properties, e.g. `payload/Orders/0/Foo`.
 */
export function undeclaredProperties(
  api: ApiName,
  operationId: string,
  status: number,
  body: unknown,
): string[] {
  const { responses } = findOperation(api, operationId).operation;
  const schema = (responses[String(status)] ?? responses.default)?.schema;
  if (schema === undefined) return [];
  const { definitions } = loadModel(api);
  return walk(schema, body, 'response', definitions, 0);
}

type Schema = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolve(schema: unknown, definitions: Record<string, unknown>): Schema {
  let current = schema;
  for (
    let depth = 0;
    isRecord(current) && typeof current.$ref === 'string' && depth < 20;
    depth += 1
  ) {
    current = definitions[current.$ref.replace('#/definitions/', '')];
  }
  return isRecord(current) ? current : {};
}

function walk(
  rawSchema: unknown,
  value: unknown,
  at: string,
  definitions: Record<string, unknown>,
  depth: number,
): string[] {
  if (depth > 40) return [];
  const schema = resolve(rawSchema, definitions);
  if (Array.isArray(value)) {
    return value.flatMap((item, i) =>
      walk(schema.items, item, `${at}/${i}`, definitions, depth + 1),
    );
  }
  if (!isRecord(value)) return [];
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  const extra = schema.additionalProperties;
  return Object.entries(value).flatMap(([key, child]) => {
    const path = `${at}/${key}`;
    if (properties && key in properties)
      return walk(properties[key], child, path, definitions, depth + 1);
    if (isRecord(extra)) return walk(extra, child, path, definitions, depth + 1);
    // A schema that declares no properties at all (a free-form object) accepts any key.
    return properties === undefined && extra !== false ? [] : [path];
  });
}
