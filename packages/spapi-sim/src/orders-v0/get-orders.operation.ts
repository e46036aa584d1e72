import { accessDenied } from '../core/errors.js';
import { defineOperation, type OperationContext, type OperationResult } from '../core/operation.js';
import { toV0Order } from '../data/serialize-v0.js';
import { isoSeconds } from '../data/time.js';
import { readGetOrdersQuery } from './get-orders.query.js';
import { firstPage, resumeFromToken, takePage, type SearchState } from './get-orders.pagination.js';
import { grantedDataElement } from './pii-access.js';
import { single, type RawQuery } from './query-values.js';

/** The search this request continues (NextToken) or starts (the filters). */
function searchOf({ req, state, caller, now, region }: OperationContext): SearchState {
  const query = req.query as RawQuery;
  const pageOf = {
    sellingPartnerId: caller.sellingPartnerId,
    clientId: caller.application.clientId,
  };
  const nextToken = single(query, 'NextToken');
  // "NextToken doesn't affect any filters that you include in your request": the token
  // carries the search, so filters sent again alongside it are not read a second time.
  if (nextToken !== undefined) return resumeFromToken(nextToken, pageOf);
  const seller = state.sellers.get(caller.sellingPartnerId);
  if (!seller) throw accessDenied('');
  return firstPage(readGetOrdersQuery(query, seller, region, now), now);
}

/**
 * getOrders. Orders come oldest first by the searched date, then by AmazonOrderId. The
 * payload echoes the effective upper bound (`CreatedBefore` or `LastUpdatedBefore`): the
 * given one, else two minutes before the first request, which is where the next incremental
 * sync should start.
 */
function getOrders(ctx: OperationContext): OperationResult {
  const { state, caller } = ctx;
  const search = searchOf(ctx);
  const page = takePage(state.orders.list(caller.sellingPartnerId, search.viewAt), search, {
    sellingPartnerId: caller.sellingPartnerId,
    clientId: caller.application.clientId,
  });
  const options = {
    includeBuyerInfo: grantedDataElement(caller, 'buyerInfo'),
    includeShippingAddress: grantedDataElement(caller, 'shippingAddress'),
  };
  const bound = isoSeconds(search.filter.before);
  const payload = {
    Orders: page.orders.map((view) => toV0Order(view, options)),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
    ...(search.filter.dateField === 'created'
      ? { CreatedBefore: bound }
      : { LastUpdatedBefore: bound }),
  };
  return { status: 200, body: { payload } };
}

export const getOrdersOperation = defineOperation({
  operationId: 'getOrders',
  api: 'ordersV0',
  method: 'get',
  path: '/orders/v0/orders',
  restricted: true,
  handler: getOrders,
});
