import type { Caller } from '../core/grants.js';
import type { DataElement } from '../core/restricted-data.js';

/**
 * What restricted data a v0 call may see.
 *
 * - getOrders, getOrder, getOrderItems: only what the covering RDT resource's `dataElements`
 *   name (`buyerInfo`, `shippingAddress`). An RDT without dataElements, or a plain LWA access
 *   token, gets the order without the restricted fields.
 * - getOrderAddress, getOrderBuyerInfo, getOrderItemsBuyerInfo: any RDT that covers the path
 *   (these resources take no dataElements). With a plain access token Amazon answers 200 with
 *   the non-restricted fields only (AmazonOrderId, City, StateOrRegion, PostalCode,
 *   CountryCode; gift wrap level), not 403: the model marks fields, not operations, as
 *   restricted, and developers report exactly that partial address without an RDT.
 */
export function grantedDataElement(caller: Caller, element: DataElement): boolean {
  return caller.kind === 'rdt' && (caller.coveringResource?.dataElements ?? []).includes(element);
}

export function holdsRestrictedDataToken(caller: Caller): boolean {
  return caller.kind === 'rdt' && caller.coveringResource !== undefined;
}
