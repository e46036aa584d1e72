/**
 * The process's one application logger (STYLE.md rule 8). Every line goes through ONE winston
 * format — mask with the shared masker, then serialise to a single escaped JSON line
 * (log-line.ts) — before any transport sees it. Transports only write `info[MESSAGE]`; the raw
 * call never reaches them, nor winston's own diagnostics (it is kept in a WeakMap, not on the
 * info object).
 *
 * Log ids and action names, not values: masking is the safety net, not the plan.
 */
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { createMasker, type MaskerOptions } from '@spapi/shared';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import type TransportStream from 'winston-transport';
import { HttpsShipperTransport, type ShippingStats } from './https-shipper.transport.js';
import { currentLogContext } from './log-context.js';
import { StdoutTransport } from './stdout.transport.js';
import { formatLogLine, type LineSettings, type LogCall, type LogLevel } from './log-line.js';
import {
  parseLoggingOptions,
  type LoggingOptions,
  type ResolvedLoggingOptions,
} from './logging-options.js';

export type LogFields = Readonly<Record<string, unknown>>;

/** Methods are plain functions (no `this`), so they can be passed around unbound. */
export interface Logger {
  readonly error: (message: string, fields?: LogFields) => void;
  readonly warn: (message: string, fields?: LogFields) => void;
  readonly info: (message: string, fields?: LogFields) => void;
  readonly debug: (message: string, fields?: LogFields) => void;
  /** A logger whose lines also carry `bindings`; a `requestId` binding becomes the line's id. */
  readonly child: (bindings: LogFields) => Logger;
}

export interface LoggerStats {
  /** Errors reported by transports (disk full, unwritable directory). */
  readonly transportErrors: number;
  readonly shipping?: ShippingStats;
}

/** The process logger: a {@link Logger} the composition root can also flush and close. */
export interface ProcessLogger extends Logger {
  stats(): LoggerStats;
  /** Flushes the file and the collector queue, then closes every transport. */
  close(): Promise<void>;
}

export interface CreateLoggerOptions extends LoggingOptions {
  /** More keys and patterns for the masker (the shared rules always apply). */
  readonly masker?: MaskerOptions;
  /** More transports (tests). They receive only the finished, masked line. */
  readonly transports?: readonly TransportStream[];
}

const LEVELS = { error: 0, warn: 1, info: 2, debug: 3 } as const;
const LEVEL = Symbol.for('level');
const MESSAGE = Symbol.for('message');
const CLOSE_TIMEOUT_MS = 5000;

function fileTransport(file: NonNullable<ResolvedLoggingOptions['file']>): DailyRotateFile {
  mkdirSync(file.dir, { recursive: true, mode: 0o750 });
  return new DailyRotateFile({
    dirname: file.dir,
    filename: 'app-%DATE%.log',
    datePattern: 'YYYY-MM-DD',
    utc: true,
    maxFiles: file.maxFiles,
    maxSize: file.maxSize,
    zippedArchive: file.zippedArchive,
    auditFile: `${file.dir}/.app-log-audit.json`,
    options: { flags: 'a', mode: 0o640 },
  });
}

/**
 * winston's typings reach winston-transport's class through `import * as`, which
 * typescript-eslint takes for a different class than the one our transports extend. It is the
 * same constructor at runtime (winston checks it is an object-mode stream).
 */
function attach(output: winston.Logger, transport: TransportStream): void {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- see above
  output.add(transport);
}

/** Builds the one logger of this process. Throws if no output is configured. */
export function createLogger(options: CreateLoggerOptions): ProcessLogger {
  const { masker: maskerOptions, transports: extra = [], ...serialisable } = options;
  const resolved = parseLoggingOptions(serialisable);
  const settings: LineSettings = {
    service: resolved.service,
    masker: createMasker(maskerOptions),
    maxLineLength: resolved.maxLineLength,
  };
  const calls = new WeakMap<object, LogCall>();

  const maskAndSerialise = winston.format((info) => {
    const call = calls.get(info);
    if (call === undefined) return false; // not written through our API: drop it
    const line = formatLogLine(call, settings);
    return { level: call.level, message: line, [LEVEL]: call.level, [MESSAGE]: line };
  });

  const file = resolved.file ? fileTransport(resolved.file) : undefined;
  const shipper = resolved.shipping ? new HttpsShipperTransport(resolved.shipping) : undefined;
  const transports: TransportStream[] = [...extra];
  if (resolved.console) transports.push(new StdoutTransport());
  if (file) transports.push(file);
  if (shipper) transports.push(shipper);
  // winston prints the raw entry to stderr when it has no transport: refuse instead.
  if (transports.length === 0) throw new Error('logger: no output configured');

  const output = winston.createLogger({
    levels: LEVELS,
    level: resolved.level,
    format: maskAndSerialise(),
    exitOnError: false,
  });
  for (const transport of transports) attach(output, transport);
  let transportErrors = 0;
  output.on('error', () => {
    transportErrors += 1; // cannot be logged: the transport is what failed
  });

  let closing: Promise<void> | undefined;
  const write = (bindings: LogFields | undefined, level: LogLevel) => {
    return (message: string, fields?: LogFields): void => {
      if (closing !== undefined || !output.isLevelEnabled(level)) return;
      const { requestId, ...rest } = { ...bindings, ...fields };
      const info = { level, message: '' };
      calls.set(info, {
        level,
        message,
        fields: rest,
        requestId: typeof requestId === 'string' ? requestId : currentLogContext()?.requestId,
        time: new Date(),
      });
      output.log(info);
    };
  };
  const loggerWith = (bindings: LogFields | undefined): Logger => ({
    error: write(bindings, 'error'),
    warn: write(bindings, 'warn'),
    info: write(bindings, 'info'),
    debug: write(bindings, 'debug'),
    child: (more) => loggerWith({ ...bindings, ...more }),
  });

  const close = async (): Promise<void> => {
    const fileFlushed = file ? once(file.logStream, 'finish') : Promise.resolve();
    const finished = once(output, 'finish');
    output.end(); // winston ends each transport; the shipper drains its queue first
    await Promise.race([
      Promise.all([finished, fileFlushed]),
      delay(CLOSE_TIMEOUT_MS, undefined, { ref: false }),
    ]);
  };

  return {
    ...loggerWith(undefined),
    stats: () => ({
      transportErrors,
      ...(shipper ? { shipping: shipper.stats() } : {}),
    }),
    close: () => (closing ??= close()),
  };
}
