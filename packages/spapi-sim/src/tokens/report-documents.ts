import type { SimState } from '../core/state.js';

/**
 * Whether a report document id names a document of a restricted report type (one that carries
 * PII) belonging to this seller. Only such documents can be named in an RDT resource; Amazon
 * answers anything else with "Invalid or unsupported document ID found".
 */
export function isRestrictedReportDocument(
  state: SimState,
  sellingPartnerId: string,
  reportDocumentId: string,
): boolean {
  return state.reports.document(sellingPartnerId, reportDocumentId)?.restricted === true;
}
