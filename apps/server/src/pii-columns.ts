/**
 * Every column that holds a PII vault ciphertext, for the composition roots (the server and the
 * admin CLI) that open a vault: re-encryption, retirement and verification must see all of them.
 */
import { REFRESH_TOKEN_COLUMN } from './connections/connections.module.js';
import { ORDER_ENCRYPTED_COLUMNS } from './orders/order-columns.js';
import type { EncryptedColumn } from './pii-vault/index.js';
import { CUSTOMER_REPORT_ENCRYPTED_COLUMNS } from './reports/customer-report-columns.js';

export const ALL_ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  REFRESH_TOKEN_COLUMN,
  ...ORDER_ENCRYPTED_COLUMNS,
  ...CUSTOMER_REPORT_ENCRYPTED_COLUMNS,
];
