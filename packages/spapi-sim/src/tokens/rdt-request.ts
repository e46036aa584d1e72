import { z } from 'zod';
import { invalidInput, type SimHttpError } from '../core/errors.js';
import { DATA_ELEMENTS } from '../core/restricted-data.js';
import { RDT_METHODS } from './restricted-operations.js';

/** At most 50 restricted resources per token (the model: "Maximum: 50"). */
export const MAX_RESTRICTED_RESOURCES = 50;

/** Amazon's own wording when `restrictedResources` is empty (it once read "arguement"). */
export const EMPTY_RESOURCES_MESSAGE = 'Empty target resource argument found';
const INVALID_INPUT_MESSAGE = 'Invalid Input';

const RestrictedResourceSchema = z.object({
  method: z.enum(RDT_METHODS, { error: `method must be one of ${RDT_METHODS.join(', ')}` }),
  path: z.string({ error: 'path must be a string' }).min(1, { error: 'path must not be empty' }),
  dataElements: z
    .array(
      z.enum(DATA_ELEMENTS, {
        error: `dataElements values must be among ${DATA_ELEMENTS.join(', ')}`,
      }),
      { error: 'dataElements must be an array of strings' },
    )
    .optional(),
});

/** The model's `CreateRestrictedDataTokenRequest`. Unknown properties are ignored. */
const CreateRestrictedDataTokenRequestSchema = z.object(
  {
    targetApplication: z
      .string({ error: 'targetApplication must be a string' })
      .min(1, { error: 'targetApplication must not be empty' })
      .optional(),
    restrictedResources: z
      .array(RestrictedResourceSchema, { error: 'restrictedResources must be an array' })
      .min(1, { error: EMPTY_RESOURCES_MESSAGE })
      .max(MAX_RESTRICTED_RESOURCES, {
        error: `restrictedResources can contain at most ${MAX_RESTRICTED_RESOURCES} resources`,
      }),
  },
  { error: 'The request body must be a JSON object' },
);

export type CreateRestrictedDataTokenRequest = z.output<
  typeof CreateRestrictedDataTokenRequestSchema
>;
export type RequestedResource = CreateRestrictedDataTokenRequest['restrictedResources'][number];

/** Parses the body, or returns the 400 `InvalidInput` Amazon would send. */
export function parseCreateRdtRequest(
  body: unknown,
): { ok: true; request: CreateRestrictedDataTokenRequest } | { ok: false; error: SimHttpError } {
  const result = CreateRestrictedDataTokenRequestSchema.safeParse(body ?? null);
  if (result.success) return { ok: true, request: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, error: invalidInput(INVALID_INPUT_MESSAGE) };
  if (issue.message === EMPTY_RESOURCES_MESSAGE) {
    return { ok: false, error: invalidInput(EMPTY_RESOURCES_MESSAGE, '') };
  }
  const where = issue.path.map(String).join('.');
  const details = where ? `${where}: ${issue.message}` : issue.message;
  return { ok: false, error: invalidInput(INVALID_INPUT_MESSAGE, details) };
}
