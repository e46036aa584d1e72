/**
 * Builds the customer-reports feature from its ports, for the composition root: the service
 * (request, step, runToCompletion, reveal), the retention holder and the router (mount at
 * `/api/reports`). The vault must have {@link CUSTOMER_REPORT_ENCRYPTED_COLUMNS} registered.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../storage/index.js';
import { createCustomerReportPiiHolder } from './customer-report.pii-holder.js';
import { createCustomerReportRoutes } from './customer-report.routes.js';
import { createCustomerReportService } from './customer-report.service.js';
import type { CustomerReportServiceOptions } from './customer-report.types.js';

export interface CustomerReportsOptions extends CustomerReportServiceOptions {
  readonly db: Kysely<Database>;
  /** Called with each report requested over HTTP: drive it (e.g. `service.runToCompletion`). */
  readonly onRequested?: (reportId: string) => void;
}

export function createCustomerReports(options: CustomerReportsOptions) {
  const service = createCustomerReportService(options);
  return {
    service,
    /** Register with the retention job. */
    piiHolder: createCustomerReportPiiHolder(options.db),
    /** Mount at `/api/reports`. */
    routes: createCustomerReportRoutes(service, options.onRequested).router,
  };
}

export type CustomerReports = ReturnType<typeof createCustomerReports>;
