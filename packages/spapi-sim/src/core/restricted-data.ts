import type { RestrictedResource } from '../core/grants.js';

/**
 * Does an RDT resource cover this request? Paths match exactly, segment by segment; a
 * resource segment written as a literal `{placeholder}` (Amazon's generic path, e.g.
 * `/orders/v0/orders/{orderId}/address`) matches any single segment. No normalisation:
 * a trailing slash is a different path and is not covered (Amazon answers 403).
 */
export function resourceCovers(
  resource: RestrictedResource,
  method: string,
  path: string,
): boolean {
  if (resource.method.toUpperCase() !== method.toUpperCase()) return false;
  if (resource.path === path) return true;
  const want = resource.path.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return false;
  return want.every((segment, i) => {
    const actual = got[i];
    if (actual === undefined) return false;
    if (/^\{[A-Za-z]+\}$/.test(segment)) return actual.length > 0;
    return segment === actual;
  });
}

/**
 * The resource of an RDT that covers a request. When several resources cover it (say one
 * asks `buyerInfo` and another `shippingAddress` for the same path), the token grants what
 * they grant together: the first one is returned with the union of their `dataElements`.
 */
export function findCoveringResource(
  resources: readonly RestrictedResource[],
  method: string,
  path: string,
): RestrictedResource | undefined {
  const covering = resources.filter((r) => resourceCovers(r, method, path));
  const [first] = covering;
  if (!first || covering.length === 1) return first;
  const elements = [...new Set(covering.flatMap((r) => r.dataElements ?? []))];
  return elements.length > 0
    ? { method: first.method, path: first.path, dataElements: elements }
    : { method: first.method, path: first.path };
}
