/**
 * Parsers for single environment values. Every message is constant text: a value may be a
 * secret (DATABASE_URL holds a password, a webhook URL holds a token), so no message repeats it.
 */
import { z } from 'zod';
import { isAddressOrCidr, isHostOrAddress } from './network-address.js';

export function intInRange(min: number, max: number): z.ZodType<number, string> {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,9}$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
}

export const portSchema = intInRange(0, 65535);

export const flagSchema = z
  .enum(['true', 'false', '1', '0'], 'must be true or false (1 or 0)')
  .transform((v) => v === 'true' || v === '1');

export const hostSchema = z.string().refine(isHostOrAddress, 'must be a hostname or an IP address');

export const pathSchema = z
  .string()
  .max(4096, 'must be a file system path')
  .refine((v) => !v.includes('\0'), 'must be a file system path');

export const identifierSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier ([a-z_][a-z0-9_]*)');

export const tokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:/+-]{1,256}$/, 'must be an identifier without spaces');

/**
 * `origin`: `scheme://host[:port]` only, returned as `URL.origin`.
 * `base`: a base URL without credentials, query or fragment, returned without a trailing slash.
 * `endpoint`: any http(s) URL without credentials (a query may carry the receiver's token).
 */
export type UrlShape = 'origin' | 'base' | 'endpoint';

const SHAPE_HINT: Record<UrlShape, string> = {
  origin: 'must be an origin: http(s)://host[:port] without path, query or credentials',
  base: 'must be an http(s) base URL without credentials, query or fragment',
  endpoint: 'must be an http(s) URL without credentials',
};

export function toUrl(value: string, shape: UrlShape): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  if (shape === 'endpoint') return url.href;
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    return null;
  }
  if (shape === 'origin') return url.pathname === '/' ? url.origin : null;
  return url.href.replace(/\/+$/, '');
}

export function urlSchema(shape: UrlShape): z.ZodType<string, string> {
  return z.string().transform((value, ctx) => {
    const url = toUrl(value, shape);
    if (url === null) {
      ctx.addIssue({ code: 'custom', message: SHAPE_HINT[shape] });
      return z.NEVER;
    }
    return url;
  });
}

export const postgresUrlSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}, 'must be a PostgreSQL URL: postgres://user@host:5432/database');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `false`/`0`, `true`, a hop count, or a comma list of addresses, CIDRs and Express names. */
export const trustProxySchema = z.string().transform((value, ctx): boolean | number | string[] => {
  if (value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0 || !entries.every((e) => PROXY_NAMES.has(e) || isAddressOrCidr(e))) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be false, true, a hop count, or a comma list of proxy addresses, CIDRs, loopback, linklocal, uniquelocal',
    });
    return z.NEVER;
  }
  return entries;
});

/** `*` or a comma list of origins. */
export const corsOriginsSchema = z.string().transform((value, ctx): '*' | string[] => {
  if (value === '*') return '*';
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  const origins: string[] = [];
  for (const [index, entry] of entries.entries()) {
    const origin = toUrl(entry, 'origin');
    if (origin === null) {
      ctx.addIssue({
        code: 'custom',
        message: `entry ${index + 1} ${SHAPE_HINT.origin.replace('must be', 'is not')}`,
      });
      return z.NEVER;
    }
    origins.push(origin);
  }
  return [...new Set(origins)];
});
