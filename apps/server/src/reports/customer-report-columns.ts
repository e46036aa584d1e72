/**
 * Where a customer report's PII is stored, the column the PII vault must know, the key scope and
 * the retention deadline. Names and rules only: no plaintext, no key.
 */
import type { EncryptedColumn, FieldRef } from '../pii-vault/index.js';

export const CUSTOMER_REPORTS_TABLE = 'customer_reports';

/** The restricted Unshipped Orders report (buyer name, email, phone, shipping address). */
export const UNSHIPPED_ORDERS_REPORT = 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING';

/** DPP: PII at most 30 days after shipment; for a report, after its request (see README). */
export const REPORT_PII_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** The one column holding report ciphertexts: register it with the vault. */
export const CUSTOMER_REPORT_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  {
    table: CUSTOMER_REPORTS_TABLE,
    column: 'document_ciphertext',
    keyIdColumn: 'document_key_id',
  },
];

export function documentField(reportId: string): FieldRef {
  return { table: CUSTOMER_REPORTS_TABLE, column: 'document_ciphertext', rowId: reportId };
}

/** The key scope of a report's document: the UTC month it was requested (`period:2030-01`). */
export function reportPeriodScope(requestedAt: number): string {
  const date = new Date(requestedAt);
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `period:${String(date.getUTCFullYear()).padStart(4, '0')}-${month}`;
}

export const REPORT_STATUSES = [
  'requested',
  'in-queue',
  'in-progress',
  'fetching',
  'done',
  'cancelled',
  'fatal',
  'failed',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses after which nothing more happens. */
export const FINAL_STATUSES: ReadonlySet<ReportStatus> = new Set([
  'done',
  'cancelled',
  'fatal',
  'failed',
]);

export function isFinal(status: ReportStatus): boolean {
  return FINAL_STATUSES.has(status);
}
