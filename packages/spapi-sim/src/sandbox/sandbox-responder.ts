import type { Request } from 'express';
import { matchSandboxCase, type RequestParts } from '@spapi/spapi-models';
import type { OperationDef, OperationResult, SandboxResponder } from '../core/operation.js';

/**
 * What Amazon's static sandbox answers when no case of the operation matches the request, as
 * developers report it (`sandbox.sellingpartnerapi-*.amazon.com`, Orders, Reports, Catalog):
 * 400 `{ "errors": [ { "code": "InvalidInput", "message": "Could not match input arguments",
 * "details": "" } ] }`.
 */
export const NO_MATCHING_CASE: OperationResult = {
  status: 400,
  body: {
    errors: [{ code: 'InvalidInput', message: 'Could not match input arguments', details: '' }],
  },
};

/**
 * The request as the model names its parts: path parameters from the route, query values as
 * the `simple` parser gives them (a string, or an array for a repeated key), the JSON body.
 * Express leaves `req.body` undefined when no body was parsed.
 */
export function requestPartsOf(req: Request): RequestParts {
  const query = req.query as Readonly<Record<string, unknown>>;
  const body: unknown = req.body;
  return body === undefined ? { path: req.params, query } : { path: req.params, query, body };
}

/**
 * Answers like Amazon's static sandbox: the model's `x-amzn-api-sandbox` case whose listed
 * parameters the request carries (matchSandboxCase applies the documented pattern matching and
 * prefers the most specific case), with the case's status and response body.
 *
 * The model gives no body for a few cases (Reports' cancel 200); those answer `null`, which
 * the conformance oracle reads as no body.
 */
function answer(def: OperationDef, req: Request): OperationResult {
  const match = matchSandboxCase(def.api, def.operationId, requestPartsOf(req));
  if (!match) return structuredClone(NO_MATCHING_CASE);
  return { status: match.status, body: match.response ?? null };
}

export function createSandboxResponder(): SandboxResponder {
  return answer;
}
