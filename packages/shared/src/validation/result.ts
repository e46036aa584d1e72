import { z } from 'zod';
import { errorCodeOf, errorCodeSchema } from '../errors/error-response.js';
import type { ErrorCode } from '../errors/error-codes.js';

/**
 * What crosses an IPC boundary (STYLE.md rule 3): data, or an error code. Never a message, a
 * stack or an Error object (Electron's structured clone would carry its message across).
 */
export type Result<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: { readonly code: ErrorCode } };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode): Result<never> {
  return { ok: false, error: { code } };
}

/** Maps anything thrown to a failed result with a safe code (AppError code, else INTERNAL). */
export function failFrom(error: unknown): Result<never> {
  return fail(errorCodeOf(error));
}

/** Runs `work` and turns a throw into a failed result; for IPC handlers. */
export async function toResult<T>(work: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error: unknown) {
    return failFrom(error);
  }
}

/** Runtime contract for a result, for the receiving side of IPC. */
export function resultSchema<S extends z.ZodType>(data: S) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), data }),
    z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: errorCodeSchema }) }),
  ]);
}
