import { invalidInput, notFound } from '../core/errors.js';
import type { OperationContext, OperationResult } from '../core/operation.js';
import { AMAZON_ORDER_ID_PATTERN } from '../data/amazon-ids.js';
import { to2026Order } from '../data/serialize-2026.js';
import { piiAccessOf } from './pii-access.js';
import { parseIncludedData } from './search-params.js';

/** `GET /orders/2026-01-01/orders/{orderId}`: one order of the calling seller, items inline. */
export function getOrder({ req, state, caller, now }: OperationContext): OperationResult {
  const orderId = String(req.params.orderId);
  if (!AMAZON_ORDER_ID_PATTERN.test(orderId)) {
    throw invalidInput('Invalid orderId.', `${orderId} is not an Amazon order identifier.`);
  }
  const includedData = parseIncludedData(req.query);
  const view = state.orders.get(caller.sellingPartnerId, orderId, now);
  if (!view) throw notFound(`Order ${orderId} was not found.`);
  const order = to2026Order(view, { includedData, ...piiAccessOf(caller.application) });
  return { status: 200, body: { order } };
}
