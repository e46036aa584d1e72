import type { ErrorRequestHandler, NextFunction, Request, Response } from 'express';
import { AppError, ErrorCode, isAppError, toErrorResponse } from '@spapi/shared';
import type { Logger } from '../logging/index.js';

/**
 * The one error handler: answers with a code and the request id, never a stack or a value.
 * Unknown errors become INTERNAL and are logged (through the masking logger).
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const { status, body, retryAfterSeconds } = toErrorResponse(err, res.locals.requestId);
    if (status >= 500 || !isAppError(err) || !err.operational) {
      logger.error('request failed', { err, code: body.code, requestId: body.requestId });
    }
    if (retryAfterSeconds !== undefined) res.setHeader('retry-after', String(retryAfterSeconds));
    res.status(status).json(body);
  };
}

/** Unknown routes answer NOT_FOUND through the same handler. */
export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError(ErrorCode.NOT_FOUND));
}
