// The conformance oracle: requests and responses checked against Amazon's own models.
import { descriptionRulesOf, type DescribedRequest } from './description-rules.js';
import type { DateTimeMode } from './formats.js';
import {
  issuesFromAjv,
  modelIssue,
  resultOf,
  type ValidationIssue,
  type ValidationResult,
} from './issues.js';
import type { ApiName } from './models.js';
import { findOperation, type ModelOperation } from './operations.js';
import { checkBody, checkParameters, isEmptyBody, unknownParameters } from './request-checks.js';
import { createSchemaCompiler } from './schema-compiler.js';

export interface ModelValidatorOptions {
  /** How `format: date-time` is read; see DateTimeMode. Default `rfc3339`. */
  dateTime?: DateTimeMode;
  /** Path/query names the model does not declare: `reject` (default) or `ignore`. */
  unknownParameters?: 'reject' | 'ignore';
  /** Also apply the rules only the model descriptions state (description-rules.ts). Default false. */
  descriptionRules?: boolean;
  /** The clock for description rules that compare with the current time. */
  now?: () => Date;
}

/** A request as it arrives (strings, repeated keys as arrays) or as a typed client builds it. */
export interface RequestParts {
  path?: Readonly<Record<string, unknown>> | undefined;
  query?: Readonly<Record<string, unknown>> | undefined;
  /** The parsed JSON body; `undefined` (or `null`) when there is none. */
  body?: unknown;
}

export interface ModelValidator {
  /** Checks a response body against the schema the model gives for `status` (or `default`). */
  validateResponse(
    api: ApiName,
    operationId: string,
    status: number | string,
    body: unknown,
  ): ValidationResult;
  /** Checks path, query and body against the operation's parameters. */
  validateRequest(api: ApiName, operationId: string, request: RequestParts): ValidationResult;
}

const LOCATIONS = ['path', 'query'] as const;

export function createModelValidator(options: ModelValidatorOptions = {}): ModelValidator {
  const compiler = createSchemaCompiler(options.dateTime ?? 'rfc3339');
  const operations = new Map<string, ModelOperation>();
  const operation = (api: ApiName, operationId: string): ModelOperation => {
    const key = `${api} ${operationId}`;
    const found = operations.get(key) ?? findOperation(api, operationId);
    operations.set(key, found);
    return found;
  };

  const validateResponse: ModelValidator['validateResponse'] = (api, operationId, status, body) => {
    const { responses } = operation(api, operationId).operation;
    const code = String(status);
    const key = responses[code] ? code : 'default';
    const response = responses[key];
    if (!response) {
      const documented = Object.keys(responses).join(', ');
      const message = `${code} is not a documented response of ${api}.${operationId} (documented: ${documented})`;
      return resultOf([modelIssue('status', 'undocumented-status', message)]);
    }
    if (response.schema === undefined) {
      return resultOf(
        isEmptyBody(body)
          ? []
          : [modelIssue('response', 'no-body', `the model documents no body for ${key}`)],
      );
    }
    const validate = compiler.compile(api, `${operationId} response ${key}`, response.schema);
    return resultOf(validate(body) ? [] : issuesFromAjv('response', validate.errors));
  };

  const validateRequest: ModelValidator['validateRequest'] = (api, operationId, request) => {
    const op = operation(api, operationId);
    const typed: Record<string, unknown> = {};
    const errors = LOCATIONS.flatMap((location) => {
      const given = request[location] ?? {};
      const unknown =
        options.unknownParameters === 'ignore' ? [] : unknownParameters(op, location, given);
      return [...checkParameters(compiler, op, location, given, typed), ...unknown];
    });
    errors.push(...checkBody(compiler, op, request.body));
    if (options.descriptionRules === true) {
      const now = options.now?.() ?? new Date();
      errors.push(...describedIssues(api, operationId, { params: typed, body: request.body, now }));
    }
    return resultOf(errors);
  };

  return { validateResponse, validateRequest };
}

function describedIssues(
  api: ApiName,
  operationId: string,
  request: DescribedRequest,
): ValidationIssue[] {
  return descriptionRulesOf(api, operationId).flatMap((rule) =>
    rule.check(request).map(({ at, message }): ValidationIssue => {
      return { at, rule: rule.id, message, source: 'description' };
    }),
  );
}
