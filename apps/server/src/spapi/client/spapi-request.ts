/** Turns an operation and its typed request into the URL and body Amazon expects. */
import type { ResolvedOperation } from '../operations/operations.js';

export interface RequestParts {
  readonly path?: Readonly<Record<string, string>>;
  readonly query?: object;
  readonly body?: unknown;
}

export interface BuiltRequest {
  /** Path and query, to append to the regional base URL. */
  readonly target: string;
  readonly body: string | undefined;
}

function queryValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    // Swagger 2.0's default collectionFormat (csv): each value encoded, joined by a comma.
    return value.map((item) => encodeURIComponent(String(item))).join(',');
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return encodeURIComponent(String(value));
  }
  throw new TypeError('query values are strings, numbers, booleans or arrays of them');
}

/** `a=1&b=x%2By` in insertion order; `NextToken`'s `+`, `/` and `=` are percent-encoded. */
export function encodeQuery(query: object | undefined): string {
  if (query === undefined) return '';
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    const encoded = queryValue(value);
    if (encoded !== undefined) pairs.push(`${encodeURIComponent(name)}=${encoded}`);
  }
  return pairs.join('&');
}

/** Fills `{name}` segments; every template parameter must be given and non-empty. */
export function fillPath(template: string, path: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = path[name];
    if (value === undefined || value === '') throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

export function buildRequest(operation: ResolvedOperation, parts: RequestParts): BuiltRequest {
  const query = encodeQuery(parts.query);
  const path = fillPath(operation.pathTemplate, parts.path);
  return {
    target: query === '' ? path : `${path}?${query}`,
    body: parts.body === undefined ? undefined : JSON.stringify(parts.body),
  };
}

/** `base` without trailing slashes, so `base + target` has exactly one. */
export function joinUrl(base: string, target: string): string {
  return `${base.replace(/\/+$/, '')}${target}`;
}
