/** Error shapes exactly as Amazon sends them. */
export interface SpapiErrorItem {
  code: string;
  message: string;
  details?: string;
}

/** Thrown by operation handlers; the operation wrapper turns it into Amazon's error list. */
export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: SpapiErrorItem[],
  ) {
    super(errors.map((e) => e.code).join(','));
    this.name = 'SimHttpError';
  }
}

export function spapiError(
  status: number,
  code: string,
  message: string,
  details?: string,
): SimHttpError {
  return new SimHttpError(status, [
    details === undefined ? { code, message } : { code, message, details },
  ]);
}

export const invalidInput = (message: string, details?: string): SimHttpError =>
  spapiError(400, 'InvalidInput', message, details);

export const notFound = (message: string): SimHttpError => spapiError(404, 'NotFound', message);

export const accessDenied = (details: string): SimHttpError =>
  spapiError(403, 'Unauthorized', 'Access to requested resource is denied.', details);

/** Login with Amazon's OAuth error body. */
export interface LwaErrorBody {
  error:
    | 'invalid_request'
    | 'invalid_client'
    | 'invalid_grant'
    | 'unauthorized_client'
    | 'unsupported_grant_type'
    | 'invalid_scope'
    | 'server_error';
  error_description: string;
}

export class LwaError extends Error {
  constructor(
    readonly status: number,
    readonly body: LwaErrorBody,
  ) {
    super(body.error);
    this.name = 'LwaError';
  }
}

export const lwaError = (
  status: number,
  error: LwaErrorBody['error'],
  description: string,
): LwaError => new LwaError(status, { error, error_description: description });
