/**
 * The one place that calls axios for Amazon (LWA and the SP-API). It turns every exchange into
 * a plain outcome: a response (any status; the body as text, parsed by the caller) or a
 * transport failure named by a short code. Axios errors never leave this file: they carry the
 * request configuration, headers included, and so the access token.
 */
import axios, {
  isAxiosError,
  isCancel,
  type AxiosInstance,
  type RawAxiosRequestHeaders,
} from 'axios';

export interface HttpClientOptions {
  /** Sent as `user-agent` on every request. */
  readonly userAgent: string;
  /** Per request, connection to last byte. Default 30 s. */
  readonly timeoutMs?: number;
  /** Largest body we read. Default 32 MiB. */
  readonly maxBodyBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** An axios instance set up for Amazon: no redirects, every status resolves, bodies as text. */
export function createHttpClient(options: HttpClientOptions): AxiosInstance {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return axios.create({
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRedirects: 0,
    maxContentLength: maxBody,
    maxBodyLength: maxBody,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    headers: { 'user-agent': options.userAgent, accept: 'application/json' },
  });
}

export interface HttpRequest {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly url: string;
  readonly headers: RawAxiosRequestHeaders;
  /** Already serialised (JSON text or a form). */
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  readonly kind: 'response';
  readonly status: number;
  /** Lower-case header names, single string values. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/**
 * The request failed below HTTP, or the body did not arrive whole. `code` is a short constant
 * (`ECONNRESET`, `ETIMEDOUT`, `TRUNCATED`, …), never a message.
 */
export interface HttpFailure {
  readonly kind: 'failure';
  readonly code: string;
  /** True when retrying can help (connection reset, timeout, truncated body). */
  readonly transient: boolean;
}

export type HttpOutcome = HttpResponse | HttpFailure;

/** Failures that are ours (bad configuration, oversized body): retrying would not help. */
const PERMANENT = new Set([
  'ERR_INVALID_URL',
  'ERR_BAD_OPTION',
  'ERR_BAD_OPTION_VALUE',
  'ERR_NOT_SUPPORT',
]);
const CODE = /^[A-Z][A-Z0-9_]{1,39}$/;

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
    else if (typeof value === 'number') out[name.toLowerCase()] = String(value);
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.map(String).join(', ');
  }
  return out;
}

function failureOf(error: unknown): HttpFailure {
  if (!isAxiosError(error)) return { kind: 'failure', code: 'NETWORK', transient: true };
  if (error.message.includes('maxContentLength')) {
    return { kind: 'failure', code: 'BODY_TOO_LARGE', transient: false };
  }
  // A body cut short arrives as an error that still has the response's status line.
  if (error.response !== undefined) return { kind: 'failure', code: 'TRUNCATED', transient: true };
  const code = typeof error.code === 'string' && CODE.test(error.code) ? error.code : 'NETWORK';
  return { kind: 'failure', code, transient: !PERMANENT.has(code) };
}

/**
 * Sends one request. Resolves with the outcome; rejects only when `signal` aborted it (with the
 * signal's reason), so callers stop instead of retrying.
 */
export async function sendHttp(http: AxiosInstance, request: HttpRequest): Promise<HttpOutcome> {
  try {
    const response = await http.request<unknown>({
      method: request.method,
      url: request.url,
      headers: request.headers,
      ...(request.body === undefined ? {} : { data: request.body }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    const text = typeof response.data === 'string' ? response.data : '';
    return {
      kind: 'response',
      status: response.status,
      headers: headersOf(response.headers),
      text,
    };
  } catch (error: unknown) {
    if (request.signal?.aborted === true) throw request.signal.reason;
    if (isCancel(error)) return { kind: 'failure', code: 'CANCELED', transient: false };
    return failureOf(error);
  }
}
