import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { invalidInput } from '../core/errors.js';

/**
 * getOrders' NextToken: opaque and tamper-proof (AES-256-GCM under a key that lives only in
 * this process), written in standard base64 like Amazon's tokens. It deliberately always
 * contains `+`, `/` and `=`, so a client that forgets to URL-encode it fails here as it would
 * against Amazon (`+` arrives as a space).
 *
 * The token carries the whole search: the filters, the instant the first page was computed
 * for (later pages see the orders as of that instant, so a concurrent change cannot move an
 * order between pages) and a keyset cursor (sort key and id of the last order returned).
 */
const KEY = randomBytes(32);
/** Encodes to `+/+/` in base64: a fixed version header that needs URL-encoding. */
const HEADER = Buffer.from([0xfb, 0xff, 0xbf]);
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const UNDECODABLE_NEXT_TOKEN =
  'We could not decode your NextToken. Possible reasons include: a transmission error, improper quoting or a truncation problem.';

export const CursorSchema = z.object({ key: z.number(), id: z.string() });
export type Cursor = z.output<typeof CursorSchema>;

/** Seals a JSON-safe payload. */
export function sealNextToken(payload: unknown): string {
  let plain = Buffer.from(JSON.stringify(payload), 'utf8');
  // Trailing spaces are valid JSON; they make the length end the base64 in "==".
  const fixed = HEADER.length + IV_BYTES + TAG_BYTES;
  const pad = (((1 - fixed - plain.length) % 3) + 3) % 3;
  plain = Buffer.concat([plain, Buffer.alloc(pad, 0x20)]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([HEADER, iv, cipher.getAuthTag(), sealed]).toString('base64');
}

/** Opens a token this process sealed and checks its shape; anything else is a 400. */
export function openNextToken<T>(token: string, schema: z.ZodType<T>): T {
  const payload = tryOpen(token);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw invalidInput(UNDECODABLE_NEXT_TOKEN, '');
  return parsed.data;
}

function tryOpen(token: string): unknown {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length <= HEADER.length + IV_BYTES + TAG_BYTES) return undefined;
  if (!bytes.subarray(0, HEADER.length).equals(HEADER)) return undefined;
  const iv = bytes.subarray(HEADER.length, HEADER.length + IV_BYTES);
  const tag = bytes.subarray(HEADER.length + IV_BYTES, HEADER.length + IV_BYTES + TAG_BYTES);
  const sealed = bytes.subarray(HEADER.length + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', KEY, iv);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
