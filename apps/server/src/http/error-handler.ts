import type { NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode, toErrorResponse } from '@spapi/shared';

/**
 * The one error handler: answers with a code and the request id, never a stack or a value.
 * Unknown errors become INTERNAL.
 */
export function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const { status, body, retryAfterSeconds } = toErrorResponse(err, res.locals.requestId);
  if (retryAfterSeconds !== undefined) res.setHeader('retry-after', String(retryAfterSeconds));
  res.status(status).json(body);
}

/** Unknown routes answer NOT_FOUND through the same handler. */
export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError(ErrorCode.NOT_FOUND));
}
