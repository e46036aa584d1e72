/**
 * The customer_reports table (migration 0008) and its repository on both dialects: round trip,
 * compare-and-set steps, the CHECK constraints that keep a document sealed, dated and purged
 * for good, the purge and the census.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { newOrganization, T0 } from '../../test/storage-fixtures.js';
import { REPORT_PII_RETENTION_MS, UNSHIPPED_ORDERS_REPORT } from './customer-report-columns.js';
import { createCustomerReportPiiHolder } from './customer-report.pii-holder.js';
import {
  changeReport,
  findPollDue,
  findReport,
  insertReport,
  listReports,
  purgeDocuments,
  storeDocument,
} from './customer-report.repository.js';

const DAY = 86_400_000;

describe('customer_reports storage', () => {
  forEachDialect((t) => {
    let organizationId: string;
    let connectionId: string;

    async function newSeller(): Promise<{ organizationId: string; connectionId: string }> {
      const org = newOrganization();
      await t.db().insertInto('organizations').values(org).execute();
      const connection = randomUUID();
      await t
        .db()
        .insertInto('amazon_connections')
        .values({
          id: connection,
          organization_id: org.id,
          selling_partner_id: 'A1REPORTREPO',
          region: 'na',
          status: 'disconnected',
          connected_by: randomUUID(),
          connected_at: T0,
          updated_at: T0,
        })
        .execute();
      return { organizationId: org.id, connectionId: connection };
    }

    beforeAll(async () => {
      ({ organizationId, connectionId } = await newSeller());
    });

    async function newReport(at = T0): Promise<string> {
      const id = randomUUID();
      await insertReport(t.db(), {
        id,
        organizationId,
        connectionId,
        reportType: UNSHIPPED_ORDERS_REPORT,
        marketplaceIds: ['ATVPDKIKX0DER'],
        requestedBy: 'user-1',
        now: at,
        purgeAfter: at + REPORT_PII_RETENTION_MS,
      });
      return id;
    }

    async function stored(id: string, at: number): Promise<void> {
      expect(await changeReport(t.db(), id, 'requested', { status: 'fetching' }, at)).toBe(true);
      const document = { ciphertext: new Uint8Array([1, 2, 3]), keyId: randomUUID() };
      expect(await storeDocument(t.db(), id, { ...document, rowCount: 3, orderCount: 2 }, at)).toBe(
        true,
      );
    }

    it('round-trips a report through its steps; a step applies only from the expected status', async () => {
      const id = await newReport();
      expect(await findReport(t.db(), id)).toMatchObject({
        status: 'requested',
        marketplaceIds: ['ATVPDKIKX0DER'],
        piiState: 'none',
        piiAnchorAt: T0,
        piiPurgeAfter: T0 + 30 * DAY,
        pollCount: 0,
      });
      const change = { status: 'in-queue', amazonReportId: '50000000001', nextPollAt: T0 } as const;
      expect(await changeReport(t.db(), id, 'requested', change, T0)).toBe(true);
      expect(await changeReport(t.db(), id, 'requested', { status: 'failed' }, T0)).toBe(false);
      expect(await findPollDue(t.db(), T0, 10)).toContain(id);
      expect(await findPollDue(t.db(), T0 - 1, 10)).not.toContain(id);
      expect(await changeReport(t.db(), id, 'in-queue', { status: 'fetching' }, T0 + 1)).toBe(true);
      const document = { ciphertext: new Uint8Array([9]), keyId: 'k', rowCount: 1, orderCount: 1 };
      expect(await storeDocument(t.db(), id, document, T0 + 2)).toBe(true);
      expect(await storeDocument(t.db(), id, document, T0 + 3)).toBe(false);
      expect(await findReport(t.db(), id)).toMatchObject({
        status: 'done',
        piiState: 'present',
        rowCount: 1,
        completedAt: T0 + 2,
        nextPollAt: null,
      });
      expect((await listReports(t.db(), organizationId, 100)).map((r) => r.id)).toContain(id);
    });

    it('CHECKs: a ciphertext needs its key id and pii_state present; a purged row holds none', async () => {
      const id = await newReport();
      const update = (values: Record<string, unknown>) =>
        t.db().updateTable('customer_reports').set(values).where('id', '=', id).execute();
      await expect(update({ document_ciphertext: new Uint8Array([1]) })).rejects.toThrow();
      await expect(
        update({ document_ciphertext: new Uint8Array([1]), document_key_id: 'k' }),
      ).rejects.toThrow();
      await expect(update({ pii_state: 'purged' })).rejects.toThrow();
      await expect(update({ status: 'lost' })).rejects.toThrow();
    });

    it('purge deletes due documents only, keeps the facts, and the census counts', async () => {
      const other = await newSeller();
      ({ organizationId, connectionId } = await newSeller());
      const old = await newReport(T0);
      const recent = await newReport(T0 + 20 * DAY);
      await stored(old, T0 + 1000);
      await stored(recent, T0 + 20 * DAY + 1000);
      const holder = createCustomerReportPiiHolder(t.db());
      const at = T0 + 31 * DAY;
      const before = (await holder.census(at)).find((c) => c.organizationId === organizationId);
      expect(before).toMatchObject({ held: 2, overdue: 1, undated: 0, oldestAnchor: T0 });

      // The first test's report (another organization) is due too.
      expect(await holder.purgeDue(at, 100)).toContainEqual({ organizationId, purged: 1 });
      expect(await holder.purgeDue(at, 100)).toEqual([]);
      expect(await purgeDocuments(t.db(), [old], at)).toBe(0);
      const row = await t
        .db()
        .selectFrom('customer_reports')
        .selectAll()
        .where('id', '=', old)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        document_ciphertext: null,
        document_key_id: null,
        pii_state: 'purged',
        pii_purged_at: at,
        row_count: 3,
        status: 'done',
      });
      const census = await holder.census(at);
      const after = census.find((c) => c.organizationId === organizationId);
      expect(census.find((c) => c.organizationId === other.organizationId)).toBeUndefined();
      expect(after).toMatchObject({
        held: 1,
        overdue: 0,
        nextDeadline: T0 + 50 * DAY,
        oldestAnchor: T0 + 20 * DAY,
      });
      expect(await holder.periodInUse(organizationId, 'period:2030-02', at)).toBe(true);
      expect(await holder.periodInUse(other.organizationId, 'period:2030-01', at)).toBe(false);
      expect(await holder.periodInUse(organizationId, 'period:2030-01', at)).toBe(false);
      expect(await holder.periodInUse(organizationId, 'default', at)).toBe(true);
    });
  });
});
