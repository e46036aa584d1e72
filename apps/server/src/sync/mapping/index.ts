// SP-API order responses → DomainOrder: run-time validation of the bodies (zod, bounded, dates
// parsed, errors without values) and the version-specific mapping with the "carried or not"
// PII discipline of OrderPiiInput.
export {
  parseGetOrderItems,
  parseGetOrders,
  parseSearchOrders,
  type GetOrdersPage,
  type OrderItemsPage,
  type OrdersPage,
  type SearchOrdersPage,
} from './parse-response.js';
export { mapOrderV0, v0ShippedAt, type MapOrderV0Options } from './map-v0.js';
export {
  ORDER_STATUS_OF_2026,
  mapOrder2026,
  shippedAt2026,
  type MapOrder2026Options,
} from './map-2026.js';
export type { ParsedOrderItemV0, ParsedOrderV0 } from './orders-v0.schema.js';
export type { ParsedOrder2026, ParsedOrderItem2026 } from './orders-2026.schema.js';
export { LIMITS as RESPONSE_LIMITS } from './schema-parts.js';
