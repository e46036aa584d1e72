import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { ready } from '../crypto/index.js';
import { periodScope } from '../orders/order-columns.js';
import { upsertPage } from '../orders/order-page.repository.js';
import { revealFields } from '../orders/order-pii.service.js';
import { prepareOrderWrite } from '../orders/order-write.js';
import { getOrder, purgePii } from '../orders/order.repository.js';
import {
  CANARY_PII,
  canaryTexts,
  newDomainOrder,
  newSeller,
} from '../orders/testing/order-fixtures.js';
import type { PiiHolder } from './pii-holder.js';
import { runRetention } from './retention-run.js';
import { APRIL, DAY, orgReport, useRetentionKit } from './testing/retention-fixtures.js';

beforeAll(ready);

describe('retention run', () => {
  forEachDialect((t) => {
    const r = useRetentionKit(t);

    it('purges PII past the window, keeps facts, items and every other PII, and verifies', async () => {
      const a = await newSeller(t.db(), r.kit());
      const b = await newSeller(t.db(), r.kit());
      const shipped = newDomainOrder(a); // shipped T0 + 1 day: due T0 + 31 days
      const recent = newDomainOrder(a, { shippedAt: T0 + 20 * DAY, lastUpdateDate: T0 + 20 * DAY });
      const canceled = newDomainOrder(a, { orderStatus: 'Canceled', shippedAt: null });
      const waiting = newDomainOrder(a, {
        orderStatus: 'Pending',
        shippedAt: null,
        latestShipDate: null,
      });
      const other = newDomainOrder(b);
      await r.store(a, [shipped, recent, canceled, waiting]);
      await r.store(b, [other]);
      const before = await getOrder(t.db(), a.organizationId, shipped.amazonOrderId);

      const now = T0 + 40 * DAY;
      const report = await r.run(now);
      expect(orgReport(report.organizations, a)).toEqual({
        organizationId: a.organizationId,
        passed: true,
        holders: [
          {
            holder: 'orders',
            purged: 2,
            held: 2,
            overdue: 0,
            undated: 0,
            nextDeadline: T0 + 50 * DAY,
            oldestAnchor: T0,
            keysDestroyed: 0,
            outcome: 'passed',
          },
        ],
      });
      expect(orgReport(report.organizations, b)?.holders[0]).toMatchObject({ purged: 1, held: 0 });

      expect(await r.stateOf(a, shipped)).toBe('purged');
      expect(await r.stateOf(a, canceled)).toBe('purged');
      expect(await r.stateOf(b, other)).toBe('purged');
      expect(await getOrder(t.db(), a.organizationId, shipped.amazonOrderId)).toEqual({
        ...before,
        piiState: 'purged',
      });
      for (const kept of [recent, waiting]) {
        expect(
          await revealFields(r.kit().vault, t.db(), a.organizationId, kept.amazonOrderId, [
            'buyerName',
            'postalCode',
          ]),
        ).toEqual({ buyerName: CANARY_PII.buyerName, postalCode: CANARY_PII.postalCode });
      }
      const verified = await r.verify(now);
      expect(verified.passed).toBe(true);
      expect(orgReport(verified.organizations, a)).toMatchObject({ passed: true, failures: [] });

      // later: the never-shipped order reaches its fallback deadline (purchase + 60 days)
      const later = await r.run(T0 + 61 * DAY);
      expect(orgReport(later.organizations, a)?.holders[0]).toMatchObject({ purged: 2, held: 0 });
      expect(await r.stateOf(a, waiting)).toBe('purged');
      expect((await r.verify(T0 + 61 * DAY)).passed).toBe(true);
    });

    it('is idempotent: a second run at the same instant purges and destroys nothing', async () => {
      const seller = await newSeller(t.db(), r.kit());
      await r.store(seller, [newDomainOrder(seller), newDomainOrder(seller)]);
      const now = T0 + 40 * DAY;
      const first = await r.run(now);
      const second = await r.run(now);
      expect(orgReport(first.organizations, seller)?.holders[0]?.purged).toBe(2);
      expect(second.purged).toBe(0);
      expect(second.keysDestroyed).toBe(0);
      expect(orgReport(second.organizations, seller)?.passed).toBe(true);
    });

    it('does not resurrect PII when a page prepared before the purge commits after it', async () => {
      const seller = await newSeller(t.db(), r.kit());
      const order = newDomainOrder(seller);
      await r.store(seller, [order]);
      const newer = { ...order, lastUpdateDate: order.lastUpdateDate + DAY };
      const prepared = await prepareOrderWrite(r.kit().vault, seller.organizationId, newer);
      const now = T0 + 40 * DAY;
      await r.run(now);
      await t
        .db()
        .transaction()
        .execute((trx) => upsertPage(trx, [prepared], null, T0 + 2 * DAY));
      const row = await t
        .db()
        .selectFrom('orders')
        .selectAll()
        .where('id', '=', r.idOf(seller, order))
        .executeTakeFirstOrThrow();
      expect([row.pii_state, row.buyer_name_ciphertext, row.last_update_date]).toEqual([
        'purged',
        null,
        newer.lastUpdateDate,
      ]);
      expect((await r.verify(now)).passed).toBe(true);
    });

    it('serializes a purge and a page of the same order: the page sees the purge, stores no PII', async () => {
      const seller = await newSeller(t.db(), r.kit());
      const order = newDomainOrder(seller);
      await r.store(seller, [order]);
      const id = r.idOf(seller, order);
      const newer = { ...order, lastUpdateDate: order.lastUpdateDate + DAY };
      const prepared = await prepareOrderWrite(r.kit().vault, seller.organizationId, newer);
      let release = (): void => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let purgedInTransaction = (): void => undefined;
      const purging = new Promise<void>((resolve) => (purgedInTransaction = resolve));
      const purge = t
        .db()
        .transaction()
        .execute(async (trx) => {
          await purgePii(trx, [id], T0 + 40 * DAY);
          purgedInTransaction();
          await gate; // the purge is uncommitted while the page starts
        });
      await purging;
      // read before the purge commits, written after it (the page's `now` is within the window)
      const page = t
        .db()
        .transaction()
        .execute((trx) => upsertPage(trx, [prepared], null, T0 + 2 * DAY));
      release();
      await Promise.all([purge, page]);
      const row = await t
        .db()
        .selectFrom('orders')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect([row.pii_state, row.buyer_name_ciphertext, row.last_update_date]).toEqual([
        'purged',
        null,
        newer.lastUpdateDate,
      ]);
      const gifts = await t
        .db()
        .selectFrom('order_items')
        .select('gift_message_ciphertext')
        .where('order_id', '=', id)
        .execute();
      expect(gifts.map((g) => g.gift_message_ciphertext)).toEqual([null, null]);
    });

    it('destroys the keys of a period that can hold no more live PII; later writes keep none', async () => {
      const seller = await newSeller(t.db(), r.kit());
      const january = periodScope(T0);
      const february = Date.UTC(2030, 1, 10);
      await r.store(seller, [newDomainOrder(seller), newDomainOrder(seller)]);
      await r.store(seller, [
        newDomainOrder(seller, {
          purchaseDate: february,
          lastUpdateDate: february,
          latestShipDate: february + DAY,
          shippedAt: february + DAY,
        }),
      ]);
      // before the January horizon (month end + 60 days): nothing is destroyed
      const early = await r.run(Date.UTC(2030, 2, 20));
      expect(orgReport(early.organizations, seller)?.holders[0]?.keysDestroyed).toBe(0);

      const report = await r.run(APRIL);
      const figures = orgReport(report.organizations, seller)?.holders[0];
      expect(figures?.keysDestroyed).toBe(1);
      const keys = await r.kit().vault.listKeys(seller.organizationId);
      const states = keys
        .filter((k) => k.purpose === 'pii-field')
        .map((k) => [k.scope, k.state])
        .sort();
      expect(states).toEqual([
        [january, 'destroyed'],
        [periodScope(february), 'current'],
      ]);

      // a late January order arrives (its own deadline still ahead): facts only
      const late = newDomainOrder(seller, {
        orderStatus: 'Unshipped',
        shippedAt: null,
        latestShipDate: APRIL + 10 * DAY,
      });
      const prepared = await prepareOrderWrite(r.kit().vault, seller.organizationId, late);
      expect(prepared.piiDropped).toBe(true);
      await r.store(seller, [late], APRIL);
      expect(await r.stateOf(seller, late)).toBe('none');
      expect(await getOrder(t.db(), seller.organizationId, late.amazonOrderId)).toMatchObject({
        orderStatus: 'Unshipped',
      });
      expect(orgReport((await r.verify(APRIL)).organizations, seller)?.passed).toBe(true);
      expect((await r.run(APRIL)).keysDestroyed).toBe(0);
    });

    it('keeps a period whose orders may still receive PII, or whose keys another column uses', async () => {
      const waiting = await newSeller(t.db(), r.kit());
      // a pre-order of January that ships in June: its deadline keeps January's keys
      await r.store(waiting, [
        newDomainOrder(waiting, {
          orderStatus: 'Unshipped',
          shippedAt: null,
          latestShipDate: Date.UTC(2030, 5, 1),
        }),
      ]);
      const referenced = await newSeller(t.db(), r.kit());
      await r.store(referenced, [newDomainOrder(referenced)]);
      // another registered column holds a value under January's keys
      await r
        .kit()
        .insertOrder(
          referenced.organizationId,
          { buyerName: 'Other Holder', postalCode: null },
          { scope: periodScope(T0) },
        );
      const report = await r.run(APRIL);
      for (const seller of [waiting, referenced]) {
        expect(orgReport(report.organizations, seller)?.holders[0]?.keysDestroyed).toBe(0);
        const keys = await r.kit().vault.listKeys(seller.organizationId);
        expect(keys.find((k) => k.scope === periodScope(T0))?.state).toBe('current');
      }
    });

    it('records a failure (code only) and rethrows when a holder breaks mid-run', async () => {
      const broken: PiiHolder = {
        name: 'broken',
        purgeDue: () => Promise.reject(new Error(`disk gone at ${CANARY_PII.buyerName ?? ''}`)),
        census: () => Promise.resolve([]),
      };
      await expect(
        runRetention({ ...r.deps(), holders: [broken], now: T0 + 40 * DAY }),
      ).rejects.toThrow('disk gone');
      const last = await t
        .db()
        .selectFrom('audit_entries')
        .select(['organization_id', 'action', 'outcome', 'reason_code', 'details_json'])
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(last).toEqual({
        organization_id: null,
        action: 'retention.run',
        outcome: 'failure',
        reason_code: 'INTERNAL',
        details_json: JSON.stringify({ phase: 'run' }),
      });
    });

    it('records one audit entry per organization per step and verification records, counts only', async () => {
      const seller = await newSeller(t.db(), r.kit());
      await r.store(seller, [newDomainOrder(seller), newDomainOrder(seller, { shippedAt: null })]);
      const before = (await r.entriesOf(seller)).length;
      const now = T0 + 40 * DAY;
      const report = await r.run(now);
      const verified = await r.verify(now);
      const entries = (await r.entriesOf(seller)).slice(before);
      expect(entries).toHaveLength(2);
      expect(entries.map((e) => [e.target_id, e.outcome, e.actor_kind, e.actor_id])).toEqual([
        [report.runId, 'success', 'system', 'retention'],
        [verified.runId, 'success', 'system', 'retention'],
      ]);
      expect(JSON.parse(entries[0]?.details_json ?? '{}')).toEqual({
        phase: 'run',
        holders: ['orders'],
        purged: 1,
        held: 1,
        overdue: 0,
        undated: 0,
        keysDestroyed: 0,
      });
      expect(JSON.parse(entries[1]?.details_json ?? '{}')).toMatchObject({ phase: 'verify' });

      const records = await t
        .db()
        .selectFrom('retention_runs')
        .selectAll()
        .where('organization_id', '=', seller.organizationId)
        .orderBy('kind')
        .execute();
      expect(
        records.map((r) => [r.kind, r.run_id, r.purged_count, r.held_count, r.outcome]),
      ).toEqual([
        ['run', report.runId, 1, 1, 'passed'],
        ['verify', verified.runId, 0, 1, 'passed'],
      ]);
      const written = JSON.stringify([entries, records]);
      for (const text of canaryTexts()) expect(written).not.toContain(text);
    });
  });
});
