/**
 * A tiny SP-API client for the orders-v0 and tokens tests: plain fetch, the token in
 * `x-amz-access-token`, query values URL-encoded by URLSearchParams.
 */
export interface SpapiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export type QueryValue = string | number | boolean | readonly string[];

export function queryString(query: Readonly<Record<string, QueryValue | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value))
      for (const item of value as readonly string[]) params.append(name, item);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function spapiGet(
  baseUrl: string,
  path: string,
  token: string,
  query: Readonly<Record<string, QueryValue | undefined>> = {},
): Promise<SpapiResponse> {
  return send(`${baseUrl}${path}${queryString(query)}`, {
    headers: { 'x-amz-access-token': token },
  });
}

/** GET with a query string written by hand (to send a value without URL-encoding it). */
export async function spapiGetRaw(
  baseUrl: string,
  pathAndQuery: string,
  token: string,
): Promise<SpapiResponse> {
  return send(`${baseUrl}${pathAndQuery}`, { headers: { 'x-amz-access-token': token } });
}

export async function spapiPost(
  baseUrl: string,
  path: string,
  token: string,
  body: unknown,
): Promise<SpapiResponse> {
  return send(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function send(url: string, init: RequestInit): Promise<SpapiResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

export interface SpapiErrorBody {
  errors: { code: string; message: string; details?: string }[];
}

/** The first error of an SP-API error body (throws if the body is not one). */
export function firstError(response: SpapiResponse): {
  code: string;
  message: string;
  details?: string;
} {
  const error = (response.body as SpapiErrorBody).errors[0];
  if (!error) throw new Error(`not an SP-API error body: ${JSON.stringify(response.body)}`);
  return error;
}

export const RDT_PATH = '/tokens/2021-03-01/restrictedDataToken';

export interface RdtResource {
  method: string;
  path: string;
  dataElements?: string[];
}

/** Creates an RDT; throws unless Amazon would answer 200. */
export async function createRdt(
  baseUrl: string,
  accessToken: string,
  resources: RdtResource[],
): Promise<string> {
  const response = await spapiPost(baseUrl, RDT_PATH, accessToken, {
    restrictedResources: resources,
  });
  if (response.status !== 200) {
    throw new Error(
      `createRestrictedDataToken: ${response.status} ${JSON.stringify(response.body)}`,
    );
  }
  return (response.body as { restrictedDataToken: string }).restrictedDataToken;
}
