/**
 * The audit trail's second copy: one JSON line per committed entry in a dedicated, daily
 * rotated file (`<dir>/audit-YYYY-MM-DD.log`, UTC), kept `maxFiles` (default 400 days: the DPP
 * asks for at least 12 months). Written after the database commit, so the file never holds an
 * entry the chain does not; the database stays the record, and a failed file write never fails
 * the action (it is counted in `stats()`). Each line carries every stored column, hashes
 * included, so the file can be checked against the chain.
 */
import { mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { createMasker } from '@spapi/shared';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import type TransportStream from 'winston-transport';
import { z } from 'zod';
import type { StoredAuditEntry } from './audit-chain.js';

const MESSAGE = Symbol.for('message');
const LEVEL = Symbol.for('level');
const CLOSE_TIMEOUT_MS = 5000;

/** Where committed entries are copied (the JSON-lines file; a test double in tests). */
export interface AuditSink {
  write(entry: StoredAuditEntry): void;
}

export const auditLogOptionsSchema = z.object({
  dir: z.string().min(1),
  /** Count (`30`) or age (`400d`). Configure ≥ 365 days in production. */
  maxFiles: z.union([z.number().int().positive(), z.string().regex(/^\d+d$/)]).default('400d'),
  maxSize: z
    .string()
    .regex(/^\d+[kmg]$/)
    .default('50m'),
  zippedArchive: z.boolean().default(true),
});
export type AuditLogOptions = z.input<typeof auditLogOptionsSchema>;

export interface AuditLog extends AuditSink {
  stats(): { readonly written: number; readonly errors: number };
  close(): Promise<void>;
}

/** The JSON line for `entry`: masked (a last guard; entries hold ids only), one line. */
export function auditLine(entry: StoredAuditEntry, mask: (value: unknown) => unknown): string {
  return JSON.stringify(mask({ time: new Date(entry.at).toISOString(), type: 'audit', ...entry }));
}

/**
 * Opens the audit JSON-lines log. `transports` replaces the file (tests); give either `file`
 * options or transports.
 */
export function createAuditLog(
  options: { readonly file: AuditLogOptions } | { readonly transports: readonly TransportStream[] },
): AuditLog {
  const masker = createMasker();
  let file: DailyRotateFile | undefined;
  let transports: TransportStream[];
  if ('file' in options) {
    const resolved = auditLogOptionsSchema.parse(options.file);
    mkdirSync(resolved.dir, { recursive: true, mode: 0o750 });
    file = new DailyRotateFile({
      dirname: resolved.dir,
      filename: 'audit-%DATE%.log',
      datePattern: 'YYYY-MM-DD',
      utc: true,
      maxFiles: resolved.maxFiles,
      maxSize: resolved.maxSize,
      zippedArchive: resolved.zippedArchive,
      auditFile: `${resolved.dir}/.audit-log-rotation.json`,
      options: { flags: 'a', mode: 0o640 },
    });
    transports = [file];
  } else {
    transports = [...options.transports];
  }
  const output = winston.createLogger({
    levels: { audit: 0 },
    level: 'audit',
    format: winston.format((info) => info)(),
    exitOnError: false,
  });
  for (const transport of transports) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- same constructor at runtime; see logging/logger.ts attach()
    output.add(transport);
  }
  let written = 0;
  let errors = 0;
  output.on('error', () => {
    errors += 1;
  });
  let closing: Promise<void> | undefined;

  const close = async (): Promise<void> => {
    const flushed = file ? once(file.logStream, 'finish') : Promise.resolve();
    const finished = once(output, 'finish');
    output.end();
    await Promise.race([
      Promise.all([finished, flushed]),
      delay(CLOSE_TIMEOUT_MS, undefined, { ref: false }),
    ]);
  };

  return {
    write: (entry) => {
      if (closing !== undefined) return;
      try {
        const line = auditLine(entry, masker.mask);
        output.log({ level: 'audit', message: '', [LEVEL]: 'audit', [MESSAGE]: line });
        written += 1;
      } catch {
        errors += 1;
      }
    },
    stats: () => ({ written, errors }),
    close: () => (closing ??= close()),
  };
}
