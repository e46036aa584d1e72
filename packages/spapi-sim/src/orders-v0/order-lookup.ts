import { invalidInput, spapiError } from '../core/errors.js';
import type { OperationContext } from '../core/operation.js';
import { AMAZON_ORDER_ID_PATTERN } from '../data/amazon-ids.js';
import type { SimOrderView } from '../data/order.types.js';
import { UNDECODABLE_NEXT_TOKEN } from './next-token.js';

/**
 * The order named by the `{orderId}` path segment, as the calling seller sees it now.
 * A malformed id is a 400; an id the seller does not have (unknown, another seller's, or not
 * placed yet on the sim clock) is a 404 `NotFound`, the model's "resource does not exist".
 */
export function orderFromPath({ req, state, caller, now }: OperationContext): SimOrderView {
  const orderId = String(req.params.orderId);
  if (!AMAZON_ORDER_ID_PATTERN.test(orderId)) {
    throw invalidInput('Invalid Input', `orderId ${orderId} is not in the 3-7-7 format.`);
  }
  const view = state.orders.get(caller.sellingPartnerId, orderId, now);
  if (!view) {
    throw spapiError(
      404,
      'NotFound',
      'The resource specified does not exist.',
      `Order ${orderId} was not found.`,
    );
  }
  return view;
}

/**
 * getOrderItems and getOrderItemsBuyerInfo page with NextToken. Simulated orders have few
 * items, so every list fits in one page and no token is ever issued: any NextToken received
 * is one Amazon could not decode either.
 */
export function refuseItemsNextToken({ req }: OperationContext): void {
  const query = req.query as Readonly<Record<string, unknown>>;
  if (query.NextToken !== undefined) throw invalidInput(UNDECODABLE_NEXT_TOKEN, '');
}
