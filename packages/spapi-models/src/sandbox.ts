// The `x-amzn-api-sandbox` blocks of Amazon's models: the cases Amazon's static sandbox
// answers, as data, and the matching rule it documents ("returns the response when the
// specified parameters are present").
//
// How the models write a case: under a response code,
//   "x-amzn-api-sandbox": { "static": [ { "request": { "parameters": {
//       "<name>": { "value": <value> }, "body": { "value": <json> } } },
//     "response": <body> } ] }
// - query arrays are JSON arrays (`"MarketplaceIds": { "value": ["ATVPDKIKX0DER"] }`);
// - path parameters are named like query ones (`orderId`);
// - the body is always under `body`, even when the model names the body parameter
//   otherwise (Orders v0 calls it `payload`);
// - `response` is absent for bodiless responses (Reports cancelReport 200);
// - a case may list no parameters at all (it then matches any request).
import { isObject } from './json-schema.js';
import { MODEL_FILES, loadModel, type ApiName, type SwaggerParameter } from './models.js';
import { findOperation, listOperations, type ModelOperation } from './operations.js';
import { readParameter } from './parameters.js';
import type { RequestParts } from './validator.js';

export interface SandboxCase {
  api: ApiName;
  operationId: string;
  status: number;
  kind: 'static' | 'dynamic';
  /** Parameter values by name; the body (if any) under `body`. */
  request: { parameters: Record<string, unknown> };
  /** The response body; `undefined` when the model gives none. */
  response: unknown;
}

const KINDS = ['static', 'dynamic'] as const;
const BODY = 'body';

/** Every sandbox case of one model, or of all vendored models. */
export function listSandboxCases(api?: ApiName): SandboxCase[] {
  const apis = api ? [api] : (Object.keys(MODEL_FILES) as ApiName[]);
  return apis.flatMap((name) => listOperations(name).flatMap(casesOf));
}

function casesOf(op: ModelOperation): SandboxCase[] {
  return Object.entries(op.operation.responses).flatMap(([code, response]) => {
    const block = response['x-amzn-api-sandbox'];
    if (!isObject(block)) return [];
    const status = Number(code);
    if (!Number.isInteger(status)) {
      throw new Error(`Sandbox cases under "${code}" in ${op.api}.${op.operationId}`);
    }
    return KINDS.flatMap((kind) => {
      const list = block[kind];
      return Array.isArray(list) ? list.map((raw) => toCase(op, status, kind, raw)) : [];
    });
  });
}

function toCase(
  op: ModelOperation,
  status: number,
  kind: SandboxCase['kind'],
  raw: unknown,
): SandboxCase {
  const request = isObject(raw) && isObject(raw.request) ? raw.request : {};
  const given = isObject(request.parameters) ? request.parameters : {};
  const parameters: Record<string, unknown> = {};
  for (const [name, wrapper] of Object.entries(given)) {
    parameters[name] = isObject(wrapper) ? structuredClone(wrapper.value) : undefined;
  }
  // Copies: callers may change what they get without touching the cached model.
  const response = isObject(raw) ? structuredClone(raw.response) : undefined;
  return {
    api: op.api,
    operationId: op.operationId,
    status,
    kind,
    request: { parameters },
    response,
  };
}

/**
 * A case's request split as validateRequest and matchSandboxCase take it (path and query by
 * the model's parameter locations; `body` as the body). Replays Amazon's cases against a
 * stand-in.
 */
export function sandboxRequestOf(sandboxCase: SandboxCase): RequestParts {
  const { parameters } = findOperation(sandboxCase.api, sandboxCase.operationId);
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  let body: unknown;
  for (const [name, value] of Object.entries(sandboxCase.request.parameters)) {
    const location = parameters.find((p) => p.name === name && p.in !== 'body')?.in;
    if (name === BODY && location === undefined) body = value;
    else if (location === 'path') path[name] = value;
    else query[name] = value;
  }
  return body === undefined ? { path, query } : { path, query, body };
}

export interface MatchOptions {
  /** Require the case's parameters to be exactly the request's (no extra ones). Default false. */
  exact?: boolean;
}

/**
 * The static case Amazon's sandbox would answer `request` with: every parameter the case
 * lists is present in the request with an equal value (after reading both as the model's
 * types, so `"A,B"` equals `["A","B"]` for a csv array and `"5"` equals `5` for an integer;
 * bodies compare as JSON). When several match, the one with the same set of parameters
 * wins, then the one that lists the most parameters, then the model's order.
 */
export function matchSandboxCase(
  api: ApiName,
  operationId: string,
  request: RequestParts,
  options: MatchOptions = {},
): SandboxCase | undefined {
  const op = findOperation(api, operationId);
  const actual = actualParameters(request);
  let best: { sandboxCase: SandboxCase; score: number } | undefined;
  for (const sandboxCase of cachedCasesOf(op)) {
    if (sandboxCase.kind !== 'static') continue;
    const expected = sandboxCase.request.parameters;
    const names = Object.keys(expected);
    if (
      !names.every((name) => name in actual && sameValue(op, name, expected[name], actual[name]))
    ) {
      continue;
    }
    const exact = names.length === Object.keys(actual).length;
    if (options.exact === true && !exact) continue;
    const score = (exact ? 1_000_000 : 0) + names.length;
    if (!best || score > best.score) best = { sandboxCase, score };
  }
  return best && structuredClone(best.sandboxCase);
}

const casesByOperation = new Map<string, SandboxCase[]>();

function cachedCasesOf(op: ModelOperation): SandboxCase[] {
  const key = `${op.api} ${op.operationId}`;
  const cases = casesByOperation.get(key) ?? casesOf(op);
  casesByOperation.set(key, cases);
  return cases;
}

function actualParameters(request: RequestParts): Record<string, unknown> {
  const given = Object.entries({ ...request.query, ...request.path });
  const out = Object.fromEntries(given.filter(([, value]) => value !== undefined));
  if (request.body !== undefined && request.body !== null) out[BODY] = request.body;
  return out;
}

function sameValue(op: ModelOperation, name: string, expected: unknown, actual: unknown): boolean {
  if (name === BODY) return jsonEqual(expected, actual);
  const param = op.parameters.find((p) => p.name === name && p.in !== 'body');
  return jsonEqual(normalize(param, expected), normalize(param, actual));
}

function normalize(param: SwaggerParameter | undefined, value: unknown): unknown {
  if (!param) return value;
  const read = readParameter(param, value);
  return read.ok ? read.value : value;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => jsonEqual(item, b[i]))
    );
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && jsonEqual(a[key], b[key]))
    );
  }
  return Object.is(a, b);
}

/** Operations the model marks `x-amzn-api-sandbox-only` (callable only on sandbox hosts). */
export function isSandboxOnly(api: ApiName, operationId: string): boolean {
  const { path } = findOperation(api, operationId);
  const item = loadModel(api).paths[path] as Record<string, unknown> | undefined;
  return item?.['x-amzn-api-sandbox-only'] === true;
}
