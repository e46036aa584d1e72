// The model-stated checks of one request part: path/query parameters, and the body.
import { issuesFromAjv, modelIssue, type ValidationIssue } from './issues.js';
import type { ModelOperation } from './operations.js';
import { parameterSchema, readParameter } from './parameters.js';
import type { SchemaCompiler } from './schema-compiler.js';

export type ParameterLocation = 'path' | 'query';

/**
 * Checks the declared parameters of one location: presence of required ones, reading as
 * the declared type, then the parameter's own rules. Typed values land in `typed`.
 */
export function checkParameters(
  compiler: SchemaCompiler,
  op: ModelOperation,
  location: ParameterLocation,
  given: Readonly<Record<string, unknown>>,
  typed: Record<string, unknown>,
): ValidationIssue[] {
  return op.parameters
    .filter((param) => param.in === location)
    .flatMap((param) => {
      const at = `${location}.${param.name}`;
      const raw = given[param.name];
      if (raw === undefined) {
        return param.required === true ? [modelIssue(at, 'required', 'is required')] : [];
      }
      const read = readParameter(param, raw);
      if (!read.ok) return [modelIssue(at, 'type', read.message)];
      typed[param.name] = read.value;
      const key = `${op.operationId} ${at}`;
      const validate = compiler.compileJson(op.api, key, parameterSchema(param));
      return validate(read.value) ? [] : issuesFromAjv(at, validate.errors);
    });
}

/** Names the model does not declare at this location, with a hint for a casing mix-up. */
export function unknownParameters(
  op: ModelOperation,
  location: ParameterLocation,
  given: Readonly<Record<string, unknown>>,
): ValidationIssue[] {
  const declared = op.parameters.filter((p) => p.in === location).map((p) => p.name);
  return Object.keys(given)
    .filter((name) => given[name] !== undefined && !declared.includes(name))
    .map((name) => {
      const close = declared.find((d) => d.toLowerCase() === name.toLowerCase());
      const hint = close === undefined ? '' : ` (did you mean ${close}?)`;
      const message = `is not a ${location} parameter of ${op.api}.${op.operationId}${hint}`;
      return modelIssue(`${location}.${name}`, 'unknown-parameter', message);
    });
}

export function checkBody(
  compiler: SchemaCompiler,
  op: ModelOperation,
  body: unknown,
): ValidationIssue[] {
  const param = op.parameters.find((p) => p.in === 'body');
  if (!param) {
    return isEmptyBody(body) ? [] : [modelIssue('body', 'no-body', 'the operation takes no body')];
  }
  if (body === undefined || body === null) {
    return param.required === true ? [modelIssue('body', 'required', 'is required')] : [];
  }
  const validate = compiler.compile(op.api, `${op.operationId} body`, param.schema);
  return validate(body) ? [] : issuesFromAjv('body', validate.errors);
}

export function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}
