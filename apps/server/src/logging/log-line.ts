/**
 * Turns one log call into one JSON line: masked, single-line, bounded. Pure; the winston format
 * in logger.ts calls it, so it runs before every transport.
 *
 * Log injection: the line is `JSON.stringify` output, which escapes CR, LF and every C0 control
 * character (ESC included, so no ANSI sequence reaches a terminal). We also escape C1 controls,
 * U+2028/U+2029 (line breaks to some readers) and the bidirectional overrides (Trojan Source), so
 * a message can neither start a second line nor disguise the one it is on. Escapes are JSON
 * escapes: parsing the line gives back the original text.
 */
import { safeRequestId, type Masker } from '@spapi/shared';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface LogCall {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>> | undefined;
  readonly requestId: string | undefined;
  readonly time: Date;
}

export interface LineSettings {
  readonly service: string;
  readonly masker: Masker;
  /** A longer line loses its fields (and a very long message its tail). */
  readonly maxLineLength: number;
}

const MAX_MESSAGE = 1000;
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeUnsafe = (json: string): string =>
  json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** JSON that cannot throw: bigints become strings; anything else odd is masked already. */
function stringify(record: Record<string, unknown>): string | undefined {
  try {
    return JSON.stringify(record, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
  } catch {
    return undefined;
  }
}

function isEmpty(fields: Readonly<Record<string, unknown>> | undefined): boolean {
  return fields === undefined || Object.keys(fields).length === 0;
}

/** The masked, escaped JSON line for `call`, without a trailing newline. */
export function formatLogLine(call: LogCall, settings: LineSettings): string {
  const { masker, maxLineLength } = settings;
  const head = {
    time: call.time.toISOString(),
    level: call.level,
    service: settings.service,
    message: masker.maskString(call.message),
    ...(call.requestId === undefined ? {} : { requestId: safeRequestId(call.requestId) }),
  };
  const full = isEmpty(call.fields) ? head : { ...head, fields: masker.mask(call.fields) };
  const line = stringify(full);
  if (line !== undefined && line.length <= maxLineLength) return escapeUnsafe(line);
  // Truncate only after masking: cutting first could split a token so no pattern matches it.
  const message = head.message.slice(0, MAX_MESSAGE);
  const short = { ...head, message, truncated: true };
  return escapeUnsafe(stringify(short) ?? JSON.stringify({ ...head, message: '[Unserializable]' }));
}
