/**
 * Downloads a report document from the pre-signed URL getReportDocument hands out (Amazon's
 * S3 bucket). The URL is a credential for about five minutes: it never reaches a log line, an
 * error or an audit entry, and axios errors (which carry it in their config) never leave this
 * file. Only `https:` is fetched, plain `http:` only to a loopback host when allowed (the
 * simulator in tests and the demo). The body is bounded twice: what arrives (compressed) and
 * what gunzip may produce, so a gzip bomb stops at the limit instead of filling memory.
 */
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { isAxiosError, type AxiosInstance } from 'axios';
import { AppError, ErrorCode } from '@spapi/shared';
import type { ReportDocument } from '../operations/tokens-reports.types.js';
import { DEFAULT_TIMEOUT_MS } from '../http-transport.js';

const gunzipAsync = promisify(gunzip);

/** Why a download was refused; the only detail an error carries besides the document id. */
export const ReportDownloadFailure = {
  URL_REFUSED: 'DOCUMENT_URL_REFUSED',
  HTTP_STATUS: 'DOCUMENT_HTTP_STATUS',
  NETWORK: 'DOCUMENT_NETWORK',
  TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  DECOMPRESSION: 'DOCUMENT_DECOMPRESSION_FAILED',
  ENCODING: 'DOCUMENT_ENCODING',
} as const;
export type ReportDownloadFailure =
  (typeof ReportDownloadFailure)[keyof typeof ReportDownloadFailure];

export class ReportDocumentError extends AppError {
  readonly reason: ReportDownloadFailure;
  /** Worth another try (network, 5xx, an expired URL: a fresh getReportDocument gives a new one). */
  readonly transient: boolean;

  constructor(reason: ReportDownloadFailure, transient: boolean, extra: { httpStatus?: number }) {
    super(transient ? ErrorCode.SPAPI_UNAVAILABLE : ErrorCode.SPAPI_ERROR, {
      message: `report document download failed: ${reason}${
        extra.httpStatus === undefined ? '' : ` (HTTP ${String(extra.httpStatus)})`
      }`,
      details: { ids: { reason } },
    });
    this.reason = reason;
    this.transient = transient;
  }
}

export interface ReportDocumentDownloaderOptions {
  /** An axios instance from `createHttpClient` (no redirects; per-request options set here). */
  readonly http: AxiosInstance;
  /** Largest body accepted as it arrives. Default 16 MiB. */
  readonly maxCompressedBytes?: number;
  /** Largest document after decompression. Default 64 MiB. */
  readonly maxDocumentBytes?: number;
  /** Connection to last byte. Default 30 s. */
  readonly timeoutMs?: number;
  /** `http:` to 127.0.0.1 / ::1 / localhost (the simulator). Default false. */
  readonly allowLoopbackHttp?: boolean;
}

export interface ReportDocumentDownloader {
  /** The document's text (UTF-8 unless the response names another charset). */
  download(document: ReportDocument, signal?: AbortSignal): Promise<string>;
}

export const DEFAULT_MAX_COMPRESSED_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const CHARSET = /charset\s*=\s*"?([A-Za-z0-9._-]{1,40})"?/i;

function checkUrl(raw: string, allowLoopbackHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ReportDocumentError(ReportDownloadFailure.URL_REFUSED, false, {});
  }
  const loopbackHttp =
    allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if ((url.protocol !== 'https:' && !loopbackHttp) || url.username !== '' || url.password !== '') {
    throw new ReportDocumentError(ReportDownloadFailure.URL_REFUSED, false, {});
  }
  return url;
}

function bytesOf(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.alloc(0);
}

async function fetchBytes(
  options: ReportDocumentDownloaderOptions,
  url: URL,
  maxCompressed: number,
  signal: AbortSignal | undefined,
): Promise<{ body: Buffer; headers: Record<string, unknown> }> {
  try {
    const response = await options.http.request<unknown>({
      method: 'get',
      url: url.toString(),
      responseType: 'arraybuffer',
      transformResponse: [(data: unknown) => data],
      // Decompression is ours (bounded); axios would inflate Content-Encoding unbounded first.
      decompress: false,
      maxContentLength: maxCompressed,
      maxRedirects: 0,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      validateStatus: () => true,
      // The URL is signed for exactly these headers: no access token goes to S3.
      headers: { accept: '*/*' },
      ...(signal === undefined ? {} : { signal }),
    });
    if (response.status !== 200) {
      // 403 is an expired or refused signature: a fresh URL may work.
      const transient = response.status === 403 || response.status >= 500;
      throw new ReportDocumentError(ReportDownloadFailure.HTTP_STATUS, transient, {
        httpStatus: response.status,
      });
    }
    return {
      body: bytesOf(response.data),
      headers: { ...(response.headers as Record<string, unknown>) },
    };
  } catch (error: unknown) {
    if (error instanceof ReportDocumentError) throw error;
    if (signal?.aborted === true) throw signal.reason;
    if (isAxiosError(error) && error.message.includes('maxContentLength')) {
      throw new ReportDocumentError(ReportDownloadFailure.TOO_LARGE, false, {});
    }
    // Never rethrow the axios error: its config holds the pre-signed URL.
    throw new ReportDocumentError(ReportDownloadFailure.NETWORK, true, {});
  }
}

async function inflate(body: Buffer, maxDocument: number): Promise<Buffer> {
  try {
    return await gunzipAsync(body, { maxOutputLength: maxDocument });
  } catch (error: unknown) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ReportDocumentError(ReportDownloadFailure.TOO_LARGE, false, {});
    }
    throw new ReportDocumentError(ReportDownloadFailure.DECOMPRESSION, false, {});
  }
}

function decode(bytes: Buffer, contentType: unknown): string {
  const charset =
    (typeof contentType === 'string' ? CHARSET.exec(contentType)?.[1] : undefined) ?? 'utf-8';
  try {
    return new TextDecoder(charset.toLowerCase(), { fatal: true }).decode(bytes);
  } catch {
    throw new ReportDocumentError(ReportDownloadFailure.ENCODING, false, {});
  }
}

export function createReportDocumentDownloader(
  options: ReportDocumentDownloaderOptions,
): ReportDocumentDownloader {
  const maxCompressed = options.maxCompressedBytes ?? DEFAULT_MAX_COMPRESSED_BYTES;
  const maxDocument = options.maxDocumentBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  return {
    async download(document, signal) {
      const url = checkUrl(document.url, options.allowLoopbackHttp ?? false);
      const { body, headers } = await fetchBytes(options, url, maxCompressed, signal);
      const encoding = headers['content-encoding'];
      const gzipped =
        document.compressionAlgorithm === 'GZIP' ||
        (typeof encoding === 'string' && encoding.toLowerCase().includes('gzip'));
      const bytes = gzipped ? await inflate(body, maxDocument) : body;
      if (bytes.length > maxDocument) {
        throw new ReportDocumentError(ReportDownloadFailure.TOO_LARGE, false, {});
      }
      return decode(bytes, headers['content-type']);
    },
  };
}
