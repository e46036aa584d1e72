import { createHmac, timingSafeEqual } from 'node:crypto';

/** ReportDocument.url: "This URL expires after 5 minutes." */
export const DOCUMENT_URL_TTL_SECONDS = 300;
export const DOCUMENTS_PATH = '/_documents';

/**
 * Presigned-style download URLs, shaped like the S3 URLs Amazon hands out: the signature
 * covers the document id, the signing instant, the lifetime and the response encoding, and
 * expiry is measured on the simulator clock. No access token is needed to download, as
 * with S3: whoever holds the URL holds the document for five minutes.
 */
export interface PresignInput {
  key: Buffer;
  /** `http://host:port` of the listener that served getReportDocument. */
  origin: string;
  reportDocumentId: string;
  now: number;
  /** `gzip` makes the download carry `Content-Encoding: gzip` (enableContentEncodingUrlHeader). */
  contentEncoding: 'gzip' | 'identity';
}

function amzDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('.000', '');
}

function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

function sign(key: Buffer, parts: readonly string[]): string {
  return createHmac('sha256', key).update(parts.join('\n')).digest('hex');
}

export function presignDocumentUrl(input: PresignInput): string {
  const date = amzDate(input.now);
  const expires = String(DOCUMENT_URL_TTL_SECONDS);
  const params = new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Date': date,
    'X-Amz-Expires': expires,
    'X-Amz-SignedHeaders': 'host',
  });
  if (input.contentEncoding === 'gzip') params.set('response-content-encoding', 'gzip');
  const signature = sign(input.key, [input.reportDocumentId, date, expires, input.contentEncoding]);
  params.set('X-Amz-Signature', signature);
  return `${input.origin}${DOCUMENTS_PATH}/${encodeURIComponent(input.reportDocumentId)}?${params.toString()}`;
}

export type DownloadCheck =
  | { ok: true; contentEncoding: 'gzip' | 'identity' }
  | { ok: false; code: 'AccessDenied' | 'SignatureDoesNotMatch'; message: string };

/** Checks a download request's signature and expiry, as S3 would. */
export function verifyDownload(
  key: Buffer,
  reportDocumentId: string,
  query: Readonly<Record<string, unknown>>,
  now: number,
): DownloadCheck {
  const text = (name: string): string | undefined => {
    const v = query[name];
    return typeof v === 'string' ? v : undefined;
  };
  const date = text('X-Amz-Date');
  const expires = text('X-Amz-Expires');
  const signature = text('X-Amz-Signature');
  const signedAt = date === undefined ? undefined : parseAmzDate(date);
  if (
    signature === undefined ||
    expires === undefined ||
    signedAt === undefined ||
    date === undefined
  ) {
    return {
      ok: false,
      code: 'AccessDenied',
      message:
        'Query-string authentication requires the X-Amz-Date, X-Amz-Expires and X-Amz-Signature parameters',
    };
  }
  const contentEncoding = text('response-content-encoding') === 'gzip' ? 'gzip' : 'identity';
  const expected = Buffer.from(
    sign(key, [reportDocumentId, date, expires, contentEncoding]),
    'hex',
  );
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return {
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided.',
    };
  }
  if (now > signedAt + Number(expires) * 1000) {
    return { ok: false, code: 'AccessDenied', message: 'Request has expired' };
  }
  return { ok: true, contentEncoding };
}
