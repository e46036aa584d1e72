import { invalidInput, notFound } from '../core/errors.js';
import type { OperationContext, OperationResult } from '../core/operation.js';
import { to2026Order } from '../data/serialize-2026.js';
import { piiAccessOf } from './pii-access.js';
import { parseIncludedData } from './search-params.js';

/** Amazon order ids: 3-7-7 digits, e.g. 113-1234567-1234567. */
const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

/** `GET /orders/2026-01-01/orders/{orderId}`: one order of the calling seller, items inline. */
export function getOrder({ req, state, caller, now }: OperationContext): OperationResult {
  const orderId = String(req.params.orderId);
  if (!ORDER_ID.test(orderId)) {
    throw invalidInput('Invalid orderId.', `${orderId} is not an Amazon order identifier.`);
  }
  const includedData = parseIncludedData(req.query);
  const view = state.orders.get(caller.sellingPartnerId, orderId, now);
  if (!view) throw notFound(`Order ${orderId} was not found.`);
  const order = to2026Order(view, { includedData, ...piiAccessOf(caller.application) });
  return { status: 200, body: { order } };
}
