/**
 * The text that replaces a masked value: `[REDACTED:<label>]`. The label says what kind of
 * value was there (`email`, `lwa-refresh-token`), which is enough to debug "why is the address
 * missing" without the address. Markers contain no digit, `@`, `|` or `=` so no rule matches
 * them again: masking is idempotent.
 */
export const REDACTED_PREFIX = '[REDACTED:';

const LABEL = /^[a-z][a-z0-9-]{0,31}$/;
const MARKER_AT = /\[REDACTED:[a-z][a-z0-9-]{0,31}\]/y;

export function redacted(label: string): string {
  return `${REDACTED_PREFIX}${label}]`;
}

export function isValidLabel(label: string): boolean {
  return LABEL.test(label);
}

/** Length of the marker starting at `index`, or 0 if there is none. */
export function markerLengthAt(text: string, index: number): number {
  if (!text.startsWith(REDACTED_PREFIX, index)) return 0;
  MARKER_AT.lastIndex = index;
  const match = MARKER_AT.exec(text);
  return match === null ? 0 : match[0].length;
}

export function isRedactionMarker(value: unknown): boolean {
  return typeof value === 'string' && markerLengthAt(value, 0) === value.length && value !== '';
}
