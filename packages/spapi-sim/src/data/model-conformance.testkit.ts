/**
 * Test support: checks serialized bodies against Amazon's models.
 *
 * `createModelValidator` (spapi-models) validates types, enums, required fields and formats.
 * Swagger objects accept undeclared properties, so a misspelled field name would still pass;
 * `undeclaredProperties` walks the body beside the model and reports every property the
 * model does not declare.
 */
import { createModelValidator, loadModel, type ApiName } from '@spapi/spapi-models';

const validator = createModelValidator();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolve(api: ApiName, schema: unknown): Record<string, unknown> {
  if (!isRecord(schema)) return {};
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/definitions/', '');
    return resolve(api, loadModel(api).definitions[name]);
  }
  return schema;
}

function walk(api: ApiName, schema: unknown, value: unknown, at: string, out: string[]): void {
  const node = resolve(api, schema);
  if (Array.isArray(value)) {
    value.forEach((entry, i) => {
      walk(api, node.items, entry, `${at}/${i}`, out);
    });
    return;
  }
  if (!isRecord(value) || !isRecord(node.properties)) return;
  const properties = node.properties;
  for (const [key, child] of Object.entries(value)) {
    if (!(key in properties)) out.push(`${at}/${key}`);
    else walk(api, properties[key], child, `${at}/${key}`, out);
  }
}

/** Paths of properties in `value` that the model's `definition` does not declare. */
export function undeclaredProperties(api: ApiName, definition: string, value: unknown): string[] {
  const out: string[] = [];
  walk(api, { $ref: `#/definitions/${definition}` }, value, '', out);
  return out;
}

/** Schema issues of a 200 response body, as readable strings (empty when valid). */
export function responseIssues(api: ApiName, operationId: string, body: unknown): string[] {
  const result = validator.validateResponse(api, operationId, 200, body);
  return result.errors.map((e) => `${e.at}: ${e.rule} ${e.message}`);
}
