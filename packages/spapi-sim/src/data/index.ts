/** Public API of the simulator's order data: generation, timeline views, store, serializers. */
export * from './order.types.js';
export {
  Prng,
  createRng,
  deriveSeed,
  rngFromSeed,
  seedString,
  type WeightedEntries,
} from './prng.js';
export {
  PII_COUNTRIES,
  fillPattern,
  piiLocale,
  syntheticAddress,
  syntheticBuyerEmail,
  syntheticCompanyName,
  syntheticGiftMessage,
  syntheticPerson,
  syntheticPhone,
  syntheticPurchaseOrderNumber,
  type SyntheticAddressOptions,
  type SyntheticPerson,
} from './synthetic-pii.js';
export { AMAZON_ORDER_ID_PATTERN, ASIN_PATTERN, ORDER_ITEM_ID_PATTERN } from './amazon-ids.js';
export { sellerCatalog, type CatalogProduct } from './catalog.js';
export { money, toMinor } from './money.js';
export { generateSellerOrders, type GenerateSellerOrdersOptions } from './order-generator.js';
export { planTimeline, fixedStatusTimeline } from './order-timeline.js';
export { viewAt, unitCounts } from './order-view.js';
export type { OrderInput, OrderItemInput } from './order-input.js';
export { OrderStore, type OrderStoreOptions } from './order-store.js';
export {
  buyerDataAvailable,
  deliveryWindowAvailable,
  giftMessageAvailable,
  phoneAvailable,
  pricingAvailable,
} from './restricted-data-rules.js';
export {
  toV0Address,
  toV0Order,
  toV0OrderAddress,
  toV0OrderBuyerInfo,
  toV0OrderItems,
  toV0OrderItemsBuyerInfo,
  toV0OrderItemsList,
  type V0OrderOptions,
  type V0RestrictedOptions,
} from './serialize-v0.js';
export type * from './serialize-v0.types.js';
export {
  FULFILLMENT_STATUS_2026,
  INCLUDED_DATA,
  to2026Order,
  type IncludedData,
  type Order2026Options,
} from './serialize-2026.js';
export type * from './serialize-2026.types.js';
export {
  ACTIONABLE_ORDER_COLUMNS,
  isActionable,
  sanitizeCell,
  toActionableOrderRows,
  toTsv,
  type ActionableOrderColumn,
  type ReportRow,
} from './report-rows.js';
export { isoInstant, isoSeconds, isoSecondsWithOffset } from './time.js';
