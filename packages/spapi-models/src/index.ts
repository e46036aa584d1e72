export {
  MODEL_FILES,
  loadModel,
  type ApiName,
  type SwaggerModel,
  type SwaggerOperation,
  type SwaggerParameter,
  type SwaggerResponse,
  type SwaggerSimpleSchema,
} from './models.js';
export { listOperations, findOperation, type ModelOperation } from './operations.js';
export { usagePlanOf, type UsagePlan } from './usage-plan.js';
export {
  convertSchema,
  convertDefinitions,
  type ConvertOptions,
  type JsonSchema,
} from './json-schema.js';
export { isRfc3339DateTime, isIso8601DateTime, type DateTimeMode } from './formats.js';
export {
  createModelValidator,
  type ModelValidator,
  type ModelValidatorOptions,
  type RequestParts,
} from './validator.js';
export type { ValidationIssue, ValidationResult } from './issues.js';
export {
  readParameter,
  queryFromSearchParams,
  parameterLimitsOf,
  type ParameterLimit,
  type ReadResult,
} from './parameters.js';
export {
  descriptionRulesOf,
  type DescriptionRule,
  type DescribedRequest,
  type Violation,
} from './description-rules.js';
export {
  listSandboxCases,
  matchSandboxCase,
  sandboxRequestOf,
  isSandboxOnly,
  type SandboxCase,
  type MatchOptions,
} from './sandbox.js';
