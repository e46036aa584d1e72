/**
 * Customer reports under the retention job (`runRetention` / `verifyRetention`) on both
 * dialects: a document past its deadline is purged, a fresh one stays readable, the request
 * month's keys are destroyed once no report can need them, and verification passes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { ready } from '../crypto/index.js';
import {
  createTestTable,
  createVaultKit,
  type VaultKit,
} from '../pii-vault/testing/vault-fixtures.js';
import { runRetention, verifyRetention } from '../retention/index.js';
import {
  CUSTOMER_REPORT_ENCRYPTED_COLUMNS,
  REPORT_PII_RETENTION_MS,
  UNSHIPPED_ORDERS_REPORT,
  documentField,
  reportPeriodScope,
} from './customer-report-columns.js';
import { createCustomerReportPiiHolder } from './customer-report.pii-holder.js';
import {
  changeReport,
  findReport,
  insertReport,
  storeDocument,
} from './customer-report.repository.js';
import { MARKETPLACE_US } from './testing/report-world.js';

const DAY = 86_400_000;
const JANUARY = T0; // 2030-01-15: deadline 2030-02-14; the period's horizon is 2030-04-01
const MARCH = Date.UTC(2030, 2, 20); // deadline 2030-04-19
const APRIL = Date.UTC(2030, 3, 5);

beforeAll(ready);

forEachDialect((t) => {
  let kit: VaultKit;
  let organizationId: string;
  let connectionId: string;

  beforeAll(async () => {
    // The vault kit registers its stand-in table too: reference counts scan it.
    await createTestTable(t.db(), t.dialect);
    kit = createVaultKit(t.db());
    kit.columns.register(...CUSTOMER_REPORT_ENCRYPTED_COLUMNS);
    organizationId = await kit.organization();
    connectionId = randomUUID();
    await t
      .db()
      .insertInto('amazon_connections')
      .values({
        id: connectionId,
        organization_id: organizationId,
        selling_partner_id: 'A1RETENTIONRPT',
        region: 'na',
        status: 'disconnected',
        connected_by: randomUUID(),
        connected_at: T0,
        updated_at: T0,
      })
      .execute();
  });
  afterAll(() => {
    kit.close();
  });

  /** A report stored as the service stores it: sealed outside, then one update. */
  async function storedReport(at: number): Promise<string> {
    const id = randomUUID();
    await insertReport(t.db(), {
      id,
      organizationId,
      connectionId,
      reportType: UNSHIPPED_ORDERS_REPORT,
      marketplaceIds: [MARKETPLACE_US],
      requestedBy: null,
      now: at,
      purgeAfter: at + REPORT_PII_RETENTION_MS,
    });
    await changeReport(t.db(), id, 'requested', { status: 'fetching' }, at);
    const sealed = await kit.vault.encryptCell(
      organizationId,
      documentField(id),
      JSON.stringify({ format: 'unshipped-orders-v1', lines: [] }),
      { scope: reportPeriodScope(at) },
    );
    await storeDocument(t.db(), id, { ...sealed, rowCount: 0, orderCount: 0 }, at);
    return id;
  }

  it('purges the expired document, destroys its month’s keys, keeps the fresh one; verify passes', async () => {
    const january = await storedReport(JANUARY);
    const march = await storedReport(MARCH);
    const holders = [createCustomerReportPiiHolder(t.db())];
    const deps = { db: t.db(), vault: kit.vault, audit: kit.audit, holders };

    const run = await runRetention({ ...deps, now: APRIL });
    expect(run).toMatchObject({ purged: 1, keysDestroyed: 1, passed: true });
    expect((await findReport(t.db(), january))?.piiState).toBe('purged');
    expect((await findReport(t.db(), march))?.piiState).toBe('present');

    const keys = (await kit.vault.listKeys(organizationId)).filter(
      (k) => k.purpose === 'pii-field',
    );
    const byScope = Object.fromEntries(keys.map((k) => [k.scope, k.state]));
    expect(byScope).toMatchObject({ 'period:2030-01': 'destroyed', 'period:2030-03': 'current' });
    const cell = await t
      .db()
      .selectFrom('customer_reports')
      .select('document_ciphertext')
      .where('id', '=', march)
      .executeTakeFirstOrThrow();
    expect(
      await kit.vault.decryptField(organizationId, documentField(march), cell.document_ciphertext),
    ).toContain('unshipped-orders-v1');

    expect((await verifyRetention({ ...deps, now: APRIL })).passed).toBe(true);
    const later = MARCH + REPORT_PII_RETENTION_MS + DAY;
    expect(await runRetention({ ...deps, now: later })).toMatchObject({ purged: 1, passed: true });
    expect((await verifyRetention({ ...deps, now: later })).passed).toBe(true);
  });
});
