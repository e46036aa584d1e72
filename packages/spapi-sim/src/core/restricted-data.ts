import type { RestrictedResource } from './grants.js';

/**
 * Restricted data (PII): the data elements an RDT resource can name, the restricted roles that
 * unlock each, and how an RDT resource covers a request. Shared by the Tokens API (granting),
 * the operation wrapper (checking) and both Orders APIs (serving).
 *
 * Roles (Amazon's docs are not uniform on buyer information, see the note on `buyerInfo`):
 * - `DirectToConsumerShipping` unlocks the shipping address (and the buyer data a shipper
 *   needs to fulfil a merchant-fulfilled order: name, email, gift message).
 * - `TaxInvoicing` / `TaxRemittance` unlock buyer information and buyer tax information.
 */
export const DATA_ELEMENTS = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'] as const;
export type DataElement = (typeof DATA_ELEMENTS)[number];

export const PII_ROLES = ['DirectToConsumerShipping', 'TaxInvoicing', 'TaxRemittance'] as const;

/**
 * Roles any one of which unlocks a data element. The v0 tutorials name only the tax roles for
 * `buyerInfo`; the 2026-01-01 guide gives the buyer's email to Direct-to-Consumer Delivery, and
 * shippers routinely receive the buyer name and gift message, so the shipping role counts too.
 */
export const ROLES_FOR_DATA_ELEMENT: Readonly<Record<DataElement, readonly string[]>> = {
  shippingAddress: ['DirectToConsumerShipping'],
  buyerInfo: ['DirectToConsumerShipping', 'TaxInvoicing', 'TaxRemittance'],
  buyerTaxInformation: ['TaxInvoicing', 'TaxRemittance'],
};

export function holdsAnyRole(roles: readonly string[], needed: readonly string[]): boolean {
  return needed.some((role) => roles.includes(role));
}

/** A path segment written as a literal placeholder, e.g. `{orderId}` (a "generic path"). */
export const isPlaceholder = (segment: string): boolean => /^\{[A-Za-z]+\}$/.test(segment);

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
    if (isPlaceholder(segment)) return actual.length > 0;
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
