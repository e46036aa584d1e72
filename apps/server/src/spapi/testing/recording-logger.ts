/**
 * A Logger that keeps every call as it was made, before any masking: tests assert that no
 * token, secret or PII is even handed to the logger (the masker is the safety net, not the
 * plan).
 */
import { inspect } from 'node:util';
import type { LogFields, Logger } from '../../logging/index.js';

export interface RecordedLine {
  readonly level: 'error' | 'warn' | 'info' | 'debug';
  readonly message: string;
  readonly fields: LogFields;
}

export interface RecordingLogger extends Logger {
  readonly lines: RecordedLine[];
  /** Every call rendered (JSON and util.inspect), for substring checks. */
  text(): string;
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordedLine[] = [];
  const make = (bindings: LogFields): Logger => {
    const write =
      (level: RecordedLine['level']) =>
      (message: string, fields?: LogFields): void => {
        lines.push({ level, message, fields: { ...bindings, ...fields } });
      };
    return {
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      debug: write('debug'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return {
    ...make({}),
    lines,
    text: () =>
      lines.map((line) => `${JSON.stringify(line)} ${inspect(line, { depth: 10 })}`).join('\n'),
  };
}
