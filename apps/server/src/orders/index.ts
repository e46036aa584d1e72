// Order storage: the domain order, its encrypted persistence (PII sealed by the PII vault before
// any transaction), plain-field listing and blind-index search, reveal, retention's purge and
// the sync checkpoints. See apps/server/README.md, "Orders storage".
export type * from './order.types.js';
export {
  ORDER_ENCRYPTED_COLUMNS,
  ORDER_PII_ATTRIBUTES,
  ORDER_PII_FIELD_NAMES,
  PII_RETENTION_MS,
  orderRowId,
  periodScope,
} from './order-columns.js';
export { prepareOrderWrite, type PreparedOrder, type SealedValue } from './order-write.js';
export { saveCheckpoint, upsertPage, type UpsertPageResult } from './order-page.repository.js';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  findPiiDue,
  getCheckpoint,
  getOrder,
  listOrders,
  purgePii,
  type OrderListQuery,
  type OrderPage,
} from './order.repository.js';
export { revealFields, searchByBuyerName, searchByPostalCode } from './order-pii.service.js';
// The orders HTTP API (see apps/server/README.md, "Orders API").
export { createOrdersApi, type OrdersApi, type OrdersApiOptions } from './order-api.module.js';
export { REVEAL_TTL_MS } from './reveal.service.js';
export { registerOrderOpenApi } from './order.openapi.js';
export { createOrderPiiHolder } from './order-pii-holder.js';
export { addCanaryOrder, listCanaryOrderIds } from './canary-orders.js';
