import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from './app-error.js';
import { ERROR_HTTP_STATUS, ErrorCode, isErrorCode } from './error-codes.js';

describe('ErrorCode table', () => {
  it('has a 4xx/5xx status for every code and a code for every status entry', () => {
    expect(Object.keys(ERROR_HTTP_STATUS).sort()).toEqual(Object.values(ErrorCode).sort());
    for (const status of Object.values(ERROR_HTTP_STATUS)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it('keeps each code equal to its name, so logs and wire agree', () => {
    for (const [name, code] of Object.entries(ErrorCode)) expect(code).toBe(name);
  });

  it('recognises only known codes', () => {
    expect(isErrorCode('NOT_FOUND')).toBe(true);
    expect(isErrorCode('ENOENT')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});

describe('AppError', () => {
  it('takes its status from the table and is operational by default', () => {
    const error = new AppError(ErrorCode.ACCOUNT_LOCKED);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'AppError', code: 'ACCOUNT_LOCKED', status: 423 });
    expect(error.operational).toBe(true);
    expect(error.message).toBe('ACCOUNT_LOCKED');
    expect(error.details).toBeUndefined();
  });

  it('accepts a status override only when it is an error status', () => {
    expect(new AppError(ErrorCode.SPAPI_ERROR, { status: 504 }).status).toBe(504);
    expect(new AppError(ErrorCode.SPAPI_ERROR, { status: 200 }).status).toBe(502);
    expect(new AppError(ErrorCode.SPAPI_ERROR, { status: 4.5 }).status).toBe(502);
  });

  it('carries details, a constant message and a cause', () => {
    const cause = new Error('socket hang up');
    const error = new AppError(ErrorCode.CONFLICT, {
      message: 'user already invited',
      details: { fields: ['email'], ids: { sellerId: 'A1DEMOSELLERNA' } },
      operational: false,
      cause,
    });
    expect(error.message).toBe('user already invited');
    expect(error.details).toEqual({ fields: ['email'], ids: { sellerId: 'A1DEMOSELLERNA' } });
    expect(error.operational).toBe(false);
    expect(error.cause).toBe(cause);
  });
});

describe('isAppError', () => {
  it('accepts AppErrors and look-alikes from another module copy', () => {
    expect(isAppError(new AppError(ErrorCode.NOT_FOUND))).toBe(true);
    const foreign = Object.assign(new Error('x'), {
      name: 'AppError',
      code: 'NOT_FOUND',
      status: 404,
      operational: true,
    });
    expect(isAppError(foreign)).toBe(true);
  });

  it('rejects other errors and plain objects', () => {
    expect(isAppError(new Error('NOT_FOUND'))).toBe(false);
    expect(
      isAppError({ name: 'AppError', code: 'NOT_FOUND', status: 404, operational: true }),
    ).toBe(false);
    const unknownCode = Object.assign(new Error('x'), {
      name: 'AppError',
      code: 'TEAPOT',
      status: 418,
      operational: true,
    });
    expect(isAppError(unknownCode)).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
