import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { createMasker, maskPii } from './masker.js';

describe('maskPii: structures', () => {
  it('replaces whole values under sensitive keys and walks the rest', () => {
    const input = {
      orderId: '123-1234567-1234567',
      shippingAddress: { Name: 'Jane Doe', City: 'Berlin' },
      notes: ['call +49 30 1234567', 42, true, null],
      buyer_email: 'jane@example.com',
      Phone: 4930123456,
      County: null,
    };
    expect(maskPii(input)).toEqual({
      orderId: '123-1234567-1234567',
      shippingAddress: '[REDACTED:address]',
      notes: ['call [REDACTED:phone]', 42, true, null],
      buyer_email: '[REDACTED:email]',
      Phone: '[REDACTED:phone]',
      County: null,
    });
  });

  it('does not mutate its input', () => {
    const input = { name: 'Jane', list: [{ email: 'a@b.co' }], map: new Map([['phone', '1']]) };
    const snapshot = structuredClone(input);
    maskPii(input);
    expect(input).toEqual(snapshot);
  });

  it('is cycle-safe and keeps shared references', () => {
    const shared = { note: 'x' };
    const input: Record<string, unknown> = { a: shared, b: shared, list: [] as unknown[] };
    input.self = input;
    (input.list as unknown[]).push(input, shared);
    const masked = maskPii(input) as Record<string, unknown>;
    expect(masked.self).toBe('[Circular]');
    expect(masked.list).toEqual(['[Circular]', { note: 'x' }]);
    expect(masked.a).toEqual({ note: 'x' });
    expect(() => JSON.stringify(masked)).not.toThrow();
  });

  it('turns Maps, Sets, Dates, binary data and functions into log-friendly values', () => {
    const masked = maskPii({
      map: new Map<unknown, unknown>([
        ['BuyerName', 'Jane'],
        [7, 'jane@x.com'],
      ]),
      set: new Set(['+1 415 555 2671']),
      at: new Date('2026-01-01T00:00:00Z'),
      bad: new Date(Number.NaN),
      bytes: new Uint8Array(16),
      fn: () => 1,
      url: new URL('https://x.test/cb?spapi_oauth_code=ANabc123&state=s'),
      big: 10n,
    });
    expect(masked).toEqual({
      map: { BuyerName: '[REDACTED:name]', 7: '[REDACTED:email]' },
      set: ['[REDACTED:phone]'],
      at: '2026-01-01T00:00:00.000Z',
      bad: 'Invalid Date',
      bytes: '[Binary 16 bytes]',
      fn: '[Function]',
      url: 'https://x.test/cb?spapi_oauth_code=[REDACTED:secret]&state=s',
      big: 10n,
    });
  });

  it('masks keys that are themselves PII, without collisions', () => {
    const masked = maskPii({ 'jane@x.com': 1, 'john@y.org': 2, ok: 3 });
    expect(masked).toEqual({ '[REDACTED:email]': 1, '[REDACTED:email]#2': 2, ok: 3 });
  });

  it('truncates very deep values instead of overflowing the stack', () => {
    let deep: Record<string, unknown> = { leaf: 'jane@x.com' };
    for (let i = 0; i < 10_000; i += 1) deep = { next: deep };
    expect(JSON.stringify(maskPii(deep))).toContain('[Truncated]');
  });

  it('survives throwing getters and toJSON', () => {
    const hostile = {
      get boom(): string {
        throw new Error('getter');
      },
      nested: { toJSON: () => ({ email: 'a@b.co' }) },
      broken: {
        toJSON: () => {
          throw new Error('x');
        },
      },
    };
    expect(maskPii(hostile)).toEqual({
      boom: '[Unreadable]',
      nested: { email: '[REDACTED:email]' },
      broken: '[Unserializable]',
    });
  });

  it('keeps a __proto__ key from parsed JSON as data', () => {
    const parsed: unknown = JSON.parse('{"__proto__":{"email":"a@b.co"}}');
    const masked = maskPii(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(masked, '__proto__')?.value).toEqual({
      email: '[REDACTED:email]',
    });
  });

  it('passes primitives through, masking strings', () => {
    expect(maskPii(1)).toBe(1);
    expect(maskPii(null)).toBe(null);
    expect(maskPii(undefined)).toBe(undefined);
    expect(maskPii('jane@x.com')).toBe('[REDACTED:email]');
  });
});

describe('maskPii: errors', () => {
  it('serialises an error chain with every message, stack and cause masked', () => {
    const root = new TypeError('phone +44 20 7946 0958 invalid');
    const middle = new Error('lookup for jane@example.com failed', { cause: root });
    const top = new AppError(ErrorCode.SPAPI_ERROR, {
      cause: middle,
      details: { ids: { orderId: '123-1234567-1234567' } },
    });
    const masked = maskPii(top);
    const json = JSON.stringify(masked);
    expect(json).not.toContain('jane@example.com');
    expect(json).not.toContain('7946');
    expect(masked).toMatchObject({
      type: 'AppError',
      message: 'SPAPI_ERROR',
      code: 'SPAPI_ERROR',
      status: 502,
      operational: true,
      details: { ids: { orderId: '123-1234567-1234567' } },
      cause: {
        type: 'Error',
        message: 'lookup for [REDACTED:email] failed',
        cause: { type: 'TypeError', message: 'phone [REDACTED:phone] invalid' },
      },
    });
    expect((masked as { stack: string }).stack).toContain('AppError');
  });

  it('masks own fields of library errors (e.g. an HTTP client error with headers)', () => {
    const error = Object.assign(new Error('Request failed with status code 403'), {
      config: { headers: { 'x-amz-access-token': 'Atza|abc', Accept: 'json' } },
      response: { data: { BuyerEmail: 'x@y.com' }, status: 403 },
      code: 'ERR_BAD_REQUEST',
    });
    expect(maskPii(error)).toMatchObject({
      config: { headers: { 'x-amz-access-token': '[REDACTED:token]', Accept: 'json' } },
      response: { data: { BuyerEmail: '[REDACTED:email]' }, status: 403 },
      code: 'ERR_BAD_REQUEST',
    });
  });

  it('walks AggregateError errors and non-error causes', () => {
    const aggregate = new AggregateError([new Error('a@b.co'), 'Atzr|IwEBxyz'], 'two failed', {
      cause: { password: 'hunter2' },
    });
    expect(maskPii(aggregate)).toMatchObject({
      message: 'two failed',
      cause: { password: '[REDACTED:secret]' },
      errors: [{ message: '[REDACTED:email]' }, '[REDACTED:lwa-refresh-token]'],
    });
  });

  it('handles an error that causes itself', () => {
    const error = new Error('loop');
    (error as { cause?: unknown }).cause = error;
    expect(maskPii(error)).toMatchObject({ message: 'loop', cause: '[Circular]' });
  });
});

describe('createMasker', () => {
  it('adds keys and patterns for one process', () => {
    const masker = createMasker({
      extraKeys: ['loyalty_number'],
      extraPatterns: [{ label: 'loyalty', pattern: /\bLOY-\d{6}\b/ }],
    });
    expect(masker.mask({ loyaltyNumber: 'x', note: 'card LOY-123456' })).toEqual({
      loyaltyNumber: '[REDACTED:custom]',
      note: 'card [REDACTED:loyalty]',
    });
    expect(masker.maskString('LOY-654321')).toBe('[REDACTED:loyalty]');
    expect(masker.isSensitiveKey('LOYALTY-NUMBER')).toBe(true);
    expect(maskPii({ loyaltyNumber: 'x' })).toEqual({ loyaltyNumber: 'x' });
  });

  it('refuses labels that would make markers ambiguous', () => {
    expect(() =>
      createMasker({ extraPatterns: [{ label: 'Bad Label]', pattern: /x/ }] }),
    ).toThrow();
  });

  it('honours maxDepth', () => {
    const masker = createMasker({ maxDepth: 2 });
    expect(masker.mask({ a: { b: { c: 1 } } })).toEqual({ a: { b: '[Truncated]' } });
  });
});

describe('maskPii: hostile objects', () => {
  it('never throws, whatever it is given', () => {
    const { proxy, revoke } = Proxy.revocable({ email: 'a@b.co' }, {});
    revoke();
    expect(maskPii({ proxy })).toEqual({ proxy: '[Unreadable]' });
  });

  it('recognises errors from another realm by their tag', () => {
    const foreign = { name: 'Error', message: 'jane@x.com', [Symbol.toStringTag]: 'Error' };
    expect(maskPii(foreign)).toMatchObject({ type: 'Error', message: '[REDACTED:email]' });
  });
});
