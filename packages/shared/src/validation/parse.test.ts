import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import { parseOrThrow } from './parse.js';

const schema = z.strictObject({
  email: z.email(),
  items: z.array(z.object({ asin: z.string().length(10) })),
  byKey: z.record(z.string(), z.number()).optional(),
});

function thrownBy(work: () => unknown): AppError {
  try {
    work();
  } catch (error: unknown) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('parseOrThrow', () => {
  it('returns the parsed data', () => {
    const data = { email: 'a@example.com', items: [{ asin: 'B07XJ8C8F5' }] };
    expect(parseOrThrow(schema, data)).toEqual(data);
  });

  it('throws VALIDATION_FAILED listing paths and issue codes only', () => {
    const input = { email: 'jane.doe@', items: [{ asin: 'SECRET-VALUE-123' }], extra: 'x' };
    const error = thrownBy(() => parseOrThrow(schema, input));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.details?.issues).toEqual(
      expect.arrayContaining([
        { path: 'email', code: 'invalid_format' },
        { path: 'items.0.asin', code: 'too_big' },
        { path: '', code: 'unrecognized_keys' },
      ]),
    );
    const serialized = JSON.stringify([error.message, error.details, Object.entries(error)]);
    expect(serialized).not.toContain('jane.doe');
    expect(serialized).not.toContain('SECRET-VALUE');
    expect(serialized).not.toContain('extra');
    expect(error.cause).toBeUndefined();
  });

  it('hides record keys that are not identifiers (they come from the input)', () => {
    const error = thrownBy(() =>
      parseOrThrow(schema, {
        email: 'a@example.com',
        items: [],
        byKey: { 'jane@example.com': 'x', plain_key: 'y' },
      }),
    );
    expect(error.details?.issues).toEqual([
      { path: 'byKey.*', code: 'invalid_type' },
      { path: 'byKey.plain_key', code: 'invalid_type' },
    ]);
  });

  it('caps the number of issues', () => {
    const many = z.array(z.string());
    const error = thrownBy(() =>
      parseOrThrow(
        many,
        Array.from({ length: 100 }, (_, i) => i),
      ),
    );
    expect(error.details?.issues).toHaveLength(20);
  });
});
