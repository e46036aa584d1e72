import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openNextToken, sealNextToken } from '../../src/orders-v0/next-token.js';

const Payload = z.object({ n: z.number(), s: z.string() });

describe('NextToken sealing', () => {
  it('round-trips and always carries +, / and = (it must be URL-encoded)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string({ maxLength: 200 }), (n, s) => {
        const token = sealNextToken({ n, s });
        expect(token).toMatch(/^\+\/\+\//);
        expect(token.endsWith('==')).toBe(true);
        expect(openNextToken(token, Payload)).toEqual({ n, s });
      }),
    );
  });

  it('refuses a token whose + became a space (sent without URL-encoding)', () => {
    const token = sealNextToken({ n: 1, s: 'x' });
    expect(() => openNextToken(token.replaceAll('+', ' '), Payload)).toThrow(/InvalidInput/);
  });

  it('refuses a token with a payload of another shape', () => {
    const token = sealNextToken({ other: true });
    expect(() => openNextToken(token, Payload)).toThrow(/InvalidInput/);
  });

  it('gives two tokens for the same payload different bytes (fresh IV)', () => {
    expect(sealNextToken({ n: 1, s: 'x' })).not.toBe(sealNextToken({ n: 1, s: 'x' }));
  });
});
