// Customer-related (restricted) reports: request, poll, fetch with a specific-path RDT,
// decompress, parse, store encrypted under the retention rule, reveal. See apps/server/README.md,
// "Customer reports".
export {
  CUSTOMER_REPORT_ENCRYPTED_COLUMNS,
  REPORT_PII_RETENTION_MS,
  UNSHIPPED_ORDERS_REPORT,
  reportPeriodScope,
  type ReportStatus,
} from './customer-report-columns.js';
export {
  INTERRUPTED_AFTER_MS,
  createCustomerReportService,
  type CustomerReportService,
} from './customer-report.service.js';
export {
  DEFAULT_POLL_POLICY,
  toReportView,
  type CustomerReportServiceOptions,
  type CustomerReportView,
  type PollPolicy,
  type ReportRequester,
  type ReportRequestInput,
} from './customer-report.types.js';
export type { RevealedReport, RevealInput } from './customer-report-reveal.js';
export {
  CUSTOMER_REPORTS_HOLDER,
  createCustomerReportPiiHolder,
  type CustomerReportPiiHolder,
} from './customer-report.pii-holder.js';
export { createCustomerReportRoutes } from './customer-report.routes.js';
export { registerCustomerReportOpenApi } from './customer-report.openapi.js';
export {
  reportIdParamsSchema,
  reportListQuerySchema,
  reportRequestBodySchema,
  reportListResponseSchema,
  reportRevealBodySchema,
  reportRevealResponseSchema,
  reportViewSchema,
  type ReportRequestBody,
  type ReportRevealBody,
} from './customer-report.schema.js';
export {
  createCustomerReports,
  type CustomerReports,
  type CustomerReportsOptions,
} from './customer-reports.module.js';
export {
  UNSHIPPED_ORDER_COLUMNS,
  parseUnshippedOrders,
  unshippedOrderLineSchema,
  type ParsedUnshippedOrders,
  type UnshippedOrderLine,
} from './unshipped-orders.parser.js';
