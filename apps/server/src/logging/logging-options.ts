import { z } from 'zod';

/**
 * The serialisable part of the logger's options, for the server configuration to embed
 * (`logging: loggingOptionsSchema`). Defaults suit production; demo and development turn the
 * console on.
 */
export const loggingOptionsSchema = z.object({
  level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  /** Written into every line; tells the server's lines from other processes'. */
  service: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/)
    .default('server'),
  /** JSON lines on stdout. Demo and development only. */
  console: z.boolean().default(false),
  /** Daily-rotated files: `app-YYYY-MM-DD.log` (UTC, `.1`, `.2`… past maxSize), mode 0640. */
  file: z
    .object({
      dir: z.string().min(1),
      /** Count (`30`) or age (`400d`); the DPP asks for at least 12 months. */
      maxFiles: z.union([z.number().int().positive(), z.string().regex(/^\d+d$/)]).default('400d'),
      /** Rotate within a day past this size (`50m`, `1g`). */
      maxSize: z
        .string()
        .regex(/^\d+[kmg]$/)
        .default('50m'),
      /** Gzip files once rotated. */
      zippedArchive: z.boolean().default(true),
    })
    .optional(),
  /** Optional central collector (see https-shipper.transport.ts). */
  shipping: z
    .object({
      url: z
        .url({ protocol: /^https$/ })
        .refine((url) => !/^https:\/\/[^/]*@/.test(url), 'no credentials in the URL'),
      /** Bearer token; omit it if the collector's URL carries its own credential. */
      token: z.string().min(16).optional(),
      batchSize: z.number().int().min(1).max(5000).optional(),
      flushIntervalMs: z.number().int().min(10).max(60_000).optional(),
      maxQueue: z.number().int().min(1).max(1_000_000).optional(),
      timeoutMs: z.number().int().min(100).max(60_000).optional(),
      ca: z.string().optional(),
    })
    .optional(),
  /** A longer line keeps its head and loses its fields. */
  maxLineLength: z.number().int().min(1024).default(16_384),
});

export type LoggingOptions = z.input<typeof loggingOptionsSchema>;
export type ResolvedLoggingOptions = z.output<typeof loggingOptionsSchema>;

/** Parses options; an error names the bad paths only, never a value (the token is in here). */
export function parseLoggingOptions(options: LoggingOptions): ResolvedLoggingOptions {
  const parsed = loggingOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
  throw new Error(`logger: invalid options at ${[...new Set(paths)].join(', ')}`);
}
