/**
 * Request bodies: JSON only, small, and never echoed or logged.
 *
 * - A POST/PUT/PATCH/DELETE that carries a body must say `Content-Type: application/json`
 *   (charset optional, UTF-8 only); anything else is `BAD_REQUEST` with status 415. Requiring
 *   JSON also means a cross-origin browser write always needs a CORS preflight.
 * - Bodies over the limit (64 KB; per path prefix overrides) are `PAYLOAD_TOO_LARGE` (413).
 * - Malformed JSON, compressed bodies, other charsets, aborted uploads: `BAD_REQUEST`.
 * The body-parser error is not attached as a cause: it carries the raw body.
 */
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { AppError, ErrorCode } from '@spapi/shared';

export const DEFAULT_JSON_LIMIT = '64kb';

export interface BodyLimitOverride {
  /** `/api/log-bundles` covers that path and everything below it. */
  readonly pathPrefix: string;
  /** Bytes, or a `bytes` string such as `'1mb'`. */
  readonly limit: number | string;
}

export interface JsonBodyOptions {
  readonly limit?: number | string;
  /** The first matching prefix wins; list the longest first. */
  readonly overrides?: readonly BodyLimitOverride[];
}

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNSUPPORTED_MEDIA_TYPE = 415;

/** True when the request has a body to read (a length above 0, or chunked). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function matchesPrefix(path: string, prefix: string): boolean {
  const base = prefix.replace(/\/+$/, '');
  return path === base || path.startsWith(`${base}/`);
}

/** body-parser's error `type` → our error. Anything unexpected is a bug (INTERNAL). */
export function bodyParserError(error: unknown): AppError {
  const type =
    typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  switch (type) {
    case 'entity.too.large':
      return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, { message: 'Body too large' });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(ErrorCode.BAD_REQUEST, {
        status: UNSUPPORTED_MEDIA_TYPE,
        message: 'Body encoding not supported',
      });
    case 'entity.parse.failed':
      return new AppError(ErrorCode.BAD_REQUEST, { message: 'Malformed JSON body' });
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError(ErrorCode.BAD_REQUEST, { message: 'Incomplete body' });
    default:
      return new AppError(ErrorCode.INTERNAL, {
        operational: false,
        message: 'Body parser failed',
      });
  }
}

/** The JSON body parser with the rules above. Mount after CORS and the global rate limit. */
export function jsonBody(options: JsonBodyOptions = {}): RequestHandler {
  const parserFor = (limit: number | string): RequestHandler =>
    express.json({ limit, strict: true, inflate: false, type: 'application/json' });
  const fallback = parserFor(options.limit ?? DEFAULT_JSON_LIMIT);
  const overrides = (options.overrides ?? []).map((entry) => ({
    pathPrefix: entry.pathPrefix,
    parser: parserFor(entry.limit),
  }));
  return function jsonBodyMiddleware(req: Request, res: Response, next: NextFunction): void {
    if (
      hasBody(req) &&
      WRITE_METHODS.has(req.method) &&
      req.is('application/json') !== 'application/json'
    ) {
      next(
        new AppError(ErrorCode.BAD_REQUEST, {
          status: UNSUPPORTED_MEDIA_TYPE,
          message: 'Content-Type must be application/json',
        }),
      );
      return;
    }
    const parser =
      overrides.find((entry) => matchesPrefix(req.path, entry.pathPrefix))?.parser ?? fallback;
    void parser(req, res, (error?: unknown) => {
      next(error === undefined || error === null ? undefined : bodyParserError(error));
    });
  };
}
