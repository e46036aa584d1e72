import { findOperation, type ApiName, type SwaggerParameter } from '@spapi/spapi-models';
import type { SpapiErrorItem } from '../../src/core/errors.js';

/** A query value as a client writes it: arrays are joined per the model's collectionFormat. */
export type QueryValue = string | number | boolean | readonly (string | number | boolean)[];

export type Query = Readonly<Record<string, QueryValue>>;

/** One SP-API call named by the model: operation, path parameters, query and JSON body. */
export interface SpapiRequest {
  api: ApiName;
  operationId: string;
  path?: Readonly<Record<string, string>>;
  query?: Query;
  body?: unknown;
}

export interface SpapiReply {
  /** The URL exactly as sent (path parameters and query encoded). */
  url: URL;
  status: number;
  headers: Headers;
  /** The parsed JSON body; the raw text when it is not JSON. */
  body: unknown;
}

const SEPARATORS: Readonly<Record<string, string>> = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' };

function appendQuery(
  params: URLSearchParams,
  param: SwaggerParameter | undefined,
  name: string,
  value: QueryValue,
): void {
  if (!Array.isArray(value)) {
    params.append(name, String(value));
    return;
  }
  const items = (value as readonly (string | number | boolean)[]).map(String);
  const format = param?.collectionFormat ?? 'csv';
  if (format === 'multi') for (const item of items) params.append(name, item);
  else params.append(name, items.join(SEPARATORS[format] ?? ','));
}

/** The method and URL of a call, built from the model's path template and parameters. */
export function urlOf(baseUrl: string, request: SpapiRequest): { method: string; url: URL } {
  const op = findOperation(request.api, request.operationId);
  const path = op.path.replace(/\{([^}]+)\}/g, (_whole, name: string) =>
    encodeURIComponent(request.path?.[name] ?? `{${name}}`),
  );
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    const param = op.parameters.find((p) => p.name === name && p.in === 'query');
    appendQuery(url.searchParams, param, name, value);
  }
  return { method: op.method.toUpperCase(), url };
}

function parse(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function send(
  method: string,
  url: URL,
  token: string | undefined,
  body: unknown,
): Promise<SpapiReply> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== undefined) headers['x-amz-access-token'] = token;
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(url, init);
  return { url, status: res.status, headers: res.headers, body: parse(await res.text()) };
}

/** Sends one SP-API call over HTTP with `x-amz-access-token` (omitted when `token` is undefined). */
export async function callSpapi(
  baseUrl: string,
  request: SpapiRequest,
  token: string | undefined,
): Promise<SpapiReply> {
  const { method, url } = urlOf(baseUrl, request);
  return send(method, url, token, request.body);
}

export interface PathRequestOptions {
  method?: string;
  /**
   * Added to the query string: a list is sent as Amazon's csv (`a,b`); pass URLSearchParams
   * to send something else (repeated keys). A query written into `path` is sent as it is.
   */
  query?: Query | URLSearchParams;
  body?: unknown;
}

/**
 * Sends a request to a path written out by hand (`/orders/v0/orders/{id}`), for tests that
 * speak HTTP rather than the model's operation names, or send what a client should not.
 */
export async function requestPath(
  baseUrl: string,
  path: string,
  token: string | undefined,
  options: PathRequestOptions = {},
): Promise<SpapiReply> {
  const url = new URL(path, baseUrl);
  if (options.query instanceof URLSearchParams) {
    for (const [name, value] of options.query) url.searchParams.append(name, value);
  } else {
    for (const [name, value] of Object.entries(options.query ?? {})) {
      url.searchParams.append(name, Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  return send(options.method ?? 'GET', url, token, options.body);
}

/** The first error of an SP-API error body (throws if the body is not one). */
export function firstError(reply: Pick<SpapiReply, 'body'>): SpapiErrorItem {
  const error = (reply.body as { errors?: SpapiErrorItem[] } | undefined)?.errors?.[0];
  if (!error) throw new Error(`not an SP-API error body: ${JSON.stringify(reply.body)}`);
  return error;
}
