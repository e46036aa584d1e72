import { z } from 'zod';
import { lwaError } from '../core/errors.js';

/**
 * Parameters of `POST /auth/o2/token`. Every value is a single non-empty string: a repeated
 * form field arrives as an array and a JSON number is not a string, so both are refused.
 * Unknown parameters are ignored, as OAuth 2.0 servers do.
 */
const param = z.string().min(1).max(4096);

const ClientParams = { client_id: param, client_secret: param };

export const GrantTypeParams = z.object({ grant_type: param });

export const AuthorizationCodeParams = z.object({
  ...ClientParams,
  code: param,
  /** Optional: see token.grants.ts for how it is matched against the consent request. */
  redirect_uri: param.optional(),
});

export const RefreshTokenParams = z.object({ ...ClientParams, refresh_token: param });

export const ClientCredentialsParams = z.object({ ...ClientParams, scope: param });

export interface ClientInput {
  client_id: string;
  client_secret: string;
}
export type AuthorizationCodeInput = z.output<typeof AuthorizationCodeParams>;
export type RefreshTokenInput = z.output<typeof RefreshTokenParams>;
export type ClientCredentialsInput = z.output<typeof ClientCredentialsParams>;

function isMissing(body: Record<string, unknown>, key: string): boolean {
  const value = body[key];
  return value === undefined || value === '';
}

/**
 * Parses the token request's body with `schema`, or throws LWA's `invalid_request` naming the
 * first bad parameter (never its value).
 */
export function parseTokenParams<T>(schema: z.ZodType<T>, body: Record<string, unknown>): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const key = result.error.issues[0]?.path[0];
  const name = typeof key === 'string' ? key : 'request';
  throw lwaError(
    400,
    'invalid_request',
    isMissing(body, name)
      ? `The request is missing a required parameter : ${name}`
      : `The request has an invalid parameter : ${name}`,
  );
}

/** The request body as a plain record: a form, a JSON object, or nothing at all. */
const BodyRecord = z.record(z.string(), z.unknown());

export function bodyRecord(body: unknown): Record<string, unknown> {
  const result = BodyRecord.safeParse(body ?? {});
  if (result.success) return result.data;
  throw lwaError(400, 'invalid_request', 'The request body is not a set of parameters.');
}
