import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { ready } from '../crypto/index.js';
import { orderField, periodScope } from '../orders/order-columns.js';
import { newDomainOrder, newSeller } from '../orders/testing/order-fixtures.js';
import { createRetentionJob } from './retention-job.js';
import { retentionStatus } from './retention-status.js';
import { APRIL, DAY, orgReport, useRetentionKit } from './testing/retention-fixtures.js';

beforeAll(ready);

describe('retention verification and status', () => {
  forEachDialect((t) => {
    const r = useRetentionKit(t);

    it('fails verification for PII planted past the window, and the next run removes it', async () => {
      const seller = await newSeller(t.db(), r.kit());
      const bare = newDomainOrder(seller, {
        pii: {},
        items: newDomainOrder(seller).items.map(({ giftMessage: _g, ...item }) => item),
      });
      const purgedOrder = newDomainOrder(seller);
      await r.store(seller, [bare, purgedOrder]);
      const now = T0 + 40 * DAY;
      await r.run(now);
      expect(await r.stateOf(seller, purgedOrder)).toBe('purged');

      // ciphertext written around the store: on an order stored without PII, and as a gift
      // message on an item of a purged order
      const id = r.idOf(seller, bare);
      const planted = await r
        .kit()
        .vault.encryptCell(
          seller.organizationId,
          orderField('buyer_name', id),
          'Planted Canary Person',
          { scope: periodScope(bare.purchaseDate) },
        );
      await t
        .db()
        .updateTable('orders')
        .set({ buyer_name_ciphertext: planted.ciphertext, buyer_name_key_id: planted.keyId })
        .where('id', '=', id)
        .execute();
      await t
        .db()
        .updateTable('order_items')
        .set({ gift_message_ciphertext: planted.ciphertext, gift_message_key_id: planted.keyId })
        .where('order_id', '=', r.idOf(seller, purgedOrder))
        .execute();

      const failed = await r.verify(now);
      expect(failed.passed).toBe(false);
      expect(orgReport(failed.organizations, seller)).toMatchObject({
        passed: false,
        failures: [{ code: 'PII_OVERDUE', holder: 'orders', count: 2 }],
      });
      const entries = await r.entriesOf(seller);
      expect(entries.at(-1)).toMatchObject({
        outcome: 'failure',
        reason_code: 'PII_OVERDUE',
        target_type: 'retention-run',
        target_id: failed.runId,
      });

      const cleaned = await r.run(now);
      expect(orgReport(cleaned.organizations, seller)?.holders[0]?.purged).toBe(2);
      expect((await r.verify(now)).passed).toBe(true);
      const items = await t
        .db()
        .selectFrom('order_items')
        .select('gift_message_ciphertext')
        .where('organization_id', '=', seller.organizationId)
        .execute();
      expect(items.every((i) => i.gift_message_ciphertext === null)).toBe(true);
    });

    it('fails verification for PII held without a deadline', async () => {
      const seller = await newSeller(t.db(), r.kit());
      const order = newDomainOrder(seller, { shippedAt: T0 + 30 * DAY });
      await r.store(seller, [order]);
      await t
        .db()
        .updateTable('orders')
        .set({ pii_purge_after: null })
        .where('id', '=', r.idOf(seller, order))
        .execute();
      const now = T0 + 40 * DAY;
      const report = await r.verify(now);
      expect(report.passed).toBe(false);
      expect(orgReport(report.organizations, seller)?.failures).toEqual([
        { code: 'PII_UNDATED', holder: 'orders', count: 1 },
      ]);
      // a run cannot fix it (there is no deadline to apply) and says so
      expect(orgReport((await r.run(now)).organizations, seller)?.passed).toBe(false);
      await t
        .db()
        .updateTable('orders')
        .set({ pii_purge_after: T0 + 60 * DAY })
        .where('id', '=', r.idOf(seller, order))
        .execute();
      expect((await r.verify(now)).passed).toBe(true);
    });

    it('fails verification when a destroyed period still has a usable key', async () => {
      const seller = await newSeller(t.db(), r.kit());
      const january = { scope: periodScope(T0) };
      await r.kit().vault.rotateDataKey(seller.organizationId, {
        actor: { kind: 'system', id: 'test' },
        ...january,
      });
      await r.kit().vault.rotateDataKey(seller.organizationId, {
        actor: { kind: 'system', id: 'test' },
        ...january,
      });
      // version 1 destroyed as if by retention, version 2 left usable (a broken destruction)
      const [v1] = (await r.kit().vault.listKeys(seller.organizationId)).filter(
        (k) => k.scope === january.scope,
      );
      await t
        .db()
        .updateTable('data_keys')
        .set({ destroyed_at: APRIL, wrapped_key: null, master_key_version: null })
        .where('id', '=', v1?.id ?? '')
        .execute();
      const report = await r.verify(APRIL);
      expect(orgReport(report.organizations, seller)).toMatchObject({
        passed: false,
        failures: [{ code: 'DESTROYED_KEY_USABLE', holder: null, count: 1 }],
      });
      await r.kit().vault.destroyKeys(seller.organizationId, january, {
        actor: { kind: 'system', id: 'test' },
        reasonCode: 'TEST_CLEANUP',
      });
      await r.run(APRIL); // earlier tests' orders are due by now
      const again = await r.verify(APRIL);
      expect(orgReport(again.organizations, seller)).toBeUndefined(); // nothing held, nothing usable
      expect(again.passed).toBe(true);
    });

    it('reports the status of an organization: deadlines bucketed, last run and verification', async () => {
      const seller = await newSeller(t.db(), r.kit());
      const now = T0 + 10 * DAY;
      expect(await retentionStatus(t.db(), seller.organizationId, now)).toEqual({
        organizationId: seller.organizationId,
        at: now,
        orders: {
          holding: 0,
          overdue: 0,
          within7Days: 0,
          within14Days: 0,
          within30Days: 0,
          later: 0,
          undated: 0,
        },
        lastRun: null,
        lastVerification: null,
      });
      const shippedOn = (day: number) =>
        newDomainOrder(seller, { shippedAt: T0 + day * DAY, lastUpdateDate: T0 + day * DAY });
      // deadlines in 5, 12, 25 and 40 days from `now`; one without PII
      await r.store(seller, [shippedOn(-15), shippedOn(-8), shippedOn(5), shippedOn(20)]);
      await r.store(seller, [newDomainOrder(seller, { pii: {}, items: [] })]);
      const job = createRetentionJob({ ...r.deps(), clock: () => now });
      const ran = await job.run();
      const verified = await job.verify();
      const status = await retentionStatus(t.db(), seller.organizationId, now);
      expect(status.orders).toEqual({
        holding: 4,
        overdue: 0,
        within7Days: 1,
        within14Days: 1,
        within30Days: 1,
        later: 1,
        undated: 0,
      });
      expect(status.lastRun).toMatchObject({ runId: ran.runId, passed: true, finishedAt: now });
      expect(status.lastVerification).toMatchObject({ runId: verified.runId, passed: true });
      expect(status.lastRun?.holders).toEqual([
        expect.objectContaining({ holder: 'orders', held: 4, nextDeadline: now + 5 * DAY }),
      ]);
    });
  });
});
