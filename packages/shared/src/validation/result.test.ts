import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail, failFrom, ok, resultSchema, toResult } from './result.js';

describe('Result', () => {
  it('builds both shapes', () => {
    expect(ok(3)).toEqual({ ok: true, data: 3 });
    expect(fail(ErrorCode.FORBIDDEN)).toEqual({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('turns anything thrown into a code, never a message', async () => {
    expect(failFrom(new AppError(ErrorCode.CSRF_FAILED))).toEqual(fail(ErrorCode.CSRF_FAILED));
    const result = await toResult(() => {
      throw new Error('jane@example.com not allowed');
    });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('jane');
    await expect(toResult(() => Promise.resolve('x'))).resolves.toEqual({ ok: true, data: 'x' });
  });

  it('has a runtime contract for the receiving side', () => {
    const schema = resultSchema(z.object({ count: z.number() }));
    expect(schema.safeParse({ ok: true, data: { count: 1 } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'NOT_FOUND' } }).success).toBe(true);
    expect(
      schema.safeParse({ ok: false, error: { code: 'NOT_FOUND', message: 'x' } }).success,
    ).toBe(false);
    expect(schema.safeParse({ ok: false, error: { code: 'TEAPOT' } }).success).toBe(false);
    expect(schema.safeParse({ ok: true, data: { count: 'one' } }).success).toBe(false);
  });
});
