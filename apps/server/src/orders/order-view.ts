/** Responses leave through their contract: a shape the contract refuses is our bug, not input. */
import { AppError, ErrorCode } from '@spapi/shared';
import type { z } from 'zod';

export function toView<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError(ErrorCode.INTERNAL, {
    operational: false,
    message: 'response does not match its contract',
    details: {
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.join('.'),
        code: issue.code,
      })),
    },
  });
}
