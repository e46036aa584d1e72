import type { z } from 'zod';
import { AppError, type ErrorIssue } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';

/** Enough to fix a form or a client; a flood of issues helps nobody and bloats logs. */
const MAX_ISSUES = 20;

/**
 * Path segments are schema field names, except record keys and map keys, which come from the
 * input and could be a value (an email used as a key). Only identifier-shaped keys and indexes
 * are kept; anything else becomes `*`.
 */
const SAFE_SEGMENT = /^[A-Za-z_$][\w$-]{0,63}$/;

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => {
      if (typeof segment === 'number') return String(segment);
      if (typeof segment === 'string' && SAFE_SEGMENT.test(segment)) return segment;
      return '*';
    })
    .join('.');
}

/** Issue paths and codes only: no messages (they may quote limits or values) and no inputs. */
export function toIssues(issues: readonly z.core.$ZodIssue[]): ErrorIssue[] {
  return issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: formatPath(issue.path),
    code: issue.code,
  }));
}

/**
 * Parses or throws `AppError(VALIDATION_FAILED)`. The zod error is deliberately not attached as
 * the cause: its messages can carry input fragments (custom refinements).
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError(ErrorCode.VALIDATION_FAILED, {
    message: 'input failed validation',
    details: { issues: toIssues(result.error.issues) },
  });
}
