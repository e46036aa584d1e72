import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque, tamper-evident tokens for pagination cursors: base64url(JSON) + "." + HMAC. The
 * payload is readable to anyone who decodes it (as Amazon's tokens often are), but any change
 * breaks the MAC, and a token minted by one simulator process is refused by another. The key
 * lives only in this process.
 */
const KEY = randomBytes(32);

function mac(body: string): Buffer {
  return createHmac('sha256', KEY).update(body).digest().subarray(0, 18);
}

export function sealToken(payload: object): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${mac(body).toString('base64url')}`;
}

/** The payload of a token this process minted, or undefined for anything else. */
export function openToken(token: string): unknown {
  const [body, signature, extra] = token.split('.');
  if (body === undefined || signature === undefined || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'utf8');
  const expected = Buffer.from(mac(body).toString('base64url'), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, stable digest of request filters, so a cursor only resumes the search it came from. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}
