import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error.js';
import { ErrorCode } from './error-codes.js';
import {
  errorCodeOf,
  errorResponseBodySchema,
  safeRequestId,
  toErrorResponse,
} from './error-response.js';

const REQUEST_ID = '7f1c2d1e-0b7a-4a57-9d5e-3c1f0e2a9b11';

describe('toErrorResponse', () => {
  it('keeps an AppError code and status and nothing else', () => {
    const error = new AppError(ErrorCode.NOT_FOUND, {
      message: 'order 123-1234567-1234567 missing',
      details: { ids: { orderId: '123-1234567-1234567' } },
    });
    const response = toErrorResponse(error, REQUEST_ID);
    expect(response).toEqual({ status: 404, body: { code: 'NOT_FOUND', requestId: REQUEST_ID } });
    expect(errorResponseBodySchema.parse(response.body)).toEqual(response.body);
  });

  it('passes a retry hint on for rate limits', () => {
    const error = new AppError(ErrorCode.RATE_LIMITED, { details: { retryAfterSeconds: 1.2 } });
    expect(toErrorResponse(error, REQUEST_ID)).toMatchObject({ status: 429, retryAfterSeconds: 2 });
    const bogus = new AppError(ErrorCode.RATE_LIMITED, { details: { retryAfterSeconds: -1 } });
    expect(toErrorResponse(bogus, REQUEST_ID)).not.toHaveProperty('retryAfterSeconds');
  });

  it('never exposes the message, stack or fields of an unknown error', () => {
    const leaky = Object.assign(new Error('jane@example.com: Atzr|IwEBsecret'), {
      code: 'NOT_FOUND',
      status: 404,
    });
    for (const thrown of [leaky, 'a string', 42, null, undefined, { code: 'NOT_FOUND' }]) {
      const response = toErrorResponse(thrown, REQUEST_ID);
      expect(response).toEqual({
        status: 500,
        body: { code: ErrorCode.INTERNAL, requestId: REQUEST_ID },
      });
    }
  });

  it('treats a raw zod error as a validation failure', () => {
    const result = z.object({ a: z.string() }).safeParse({ a: 1 });
    expect(result.success).toBe(false);
    expect(toErrorResponse(result.error, REQUEST_ID).body.code).toBe('VALIDATION_FAILED');
    expect(toErrorResponse(result.error, REQUEST_ID).status).toBe(400);
  });

  it('replaces a request id that is not an opaque id', () => {
    expect(toErrorResponse(new Error('x'), 'jane doe <script>').body.requestId).toBe('unknown');
    expect(safeRequestId(undefined)).toBe('unknown');
    expect(safeRequestId('x'.repeat(129))).toBe('unknown');
    expect(safeRequestId('req-1:abc.DEF_2')).toBe('req-1:abc.DEF_2');
  });
});

describe('errorCodeOf', () => {
  it('maps anything thrown to a code', () => {
    expect(errorCodeOf(new AppError(ErrorCode.MFA_REQUIRED))).toBe('MFA_REQUIRED');
    expect(errorCodeOf(new TypeError('boom'))).toBe('INTERNAL');
  });
});

describe('errorResponseBodySchema', () => {
  it('rejects unknown codes and extra fields', () => {
    expect(errorResponseBodySchema.safeParse({ code: 'TEAPOT', requestId: 'r' }).success).toBe(
      false,
    );
    expect(
      errorResponseBodySchema.safeParse({ code: 'INTERNAL', requestId: 'r', stack: 'x' }).success,
    ).toBe(false);
  });
});
