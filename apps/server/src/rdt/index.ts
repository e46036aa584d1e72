// Restricted Data Tokens: issued only for a permitted actor and purpose, cached in memory,
// every request audited. See apps/server/README.md, "Restricted Data Tokens".
export {
  createRdtService,
  type OrderSyncRdtRequest,
  type RdtJob,
  type RdtService,
  type RdtServiceOptions,
  type ReportDocumentRdtRequest,
  type RevealRdtRequest,
} from './rdt.service.js';
export { RestrictedDataToken, type RdtConnection } from './restricted-data-token.js';
export { DEFAULT_RENEWAL_MARGIN_MS } from './rdt-cache.js';
export {
  BULK_ORDER_DATA_ELEMENTS,
  ORDERS_V0_GENERIC_PATH,
  RdtPurpose,
  dataElementsFor,
  type OrderPiiField,
} from './rdt-resources.js';
