import type { ErrorObject } from 'ajv';

/**
 * One broken rule.
 * - `at`: where, e.g. `query.MaxResultsPerPage`, `query.MarketplaceIds/3`, `path.orderId`,
 *   `body/restrictedResources/0/method`, `response/payload/Orders/0/OrderStatus`, `status`.
 * - `rule`: the keyword that failed (`required`, `type`, `enum`, `maxItems`, `format`,
 *   `undocumented-status`, `unknown-parameter`, ...) or a description rule's id.
 * - `source`: `model` for rules the model states as schema, `description` for rules that
 *   only its prose states (see description-rules.ts).
 */
export interface ValidationIssue {
  at: string;
  rule: string;
  message: string;
  source: 'model' | 'description';
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
}

export function resultOf(errors: ValidationIssue[]): ValidationResult {
  return { valid: errors.length === 0, errors };
}

export function modelIssue(at: string, rule: string, message: string): ValidationIssue {
  return { at, rule, message, source: 'model' };
}

/** Ajv's errors as issues under `root` (`body`, `response`, `query.X`). */
export function issuesFromAjv(
  root: string,
  errors: readonly ErrorObject[] | null | undefined,
): ValidationIssue[] {
  return (errors ?? []).map((error) => {
    const at = `${root}${error.instancePath}`;
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
      case 'required':
        return modelIssue(`${at}/${String(params.missingProperty)}`, 'required', 'is required');
      case 'enum':
        return modelIssue(at, 'enum', `must be one of: ${listOf(params.allowedValues)}`);
      case 'additionalProperties':
        return modelIssue(
          at,
          'additionalProperties',
          `must not have property '${String(params.additionalProperty)}'`,
        );
      default:
        return modelIssue(at, error.keyword, error.message ?? `fails ${error.keyword}`);
    }
  });
}

function listOf(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : '';
}
