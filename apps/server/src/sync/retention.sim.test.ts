import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import { createOrderPiiHolder, revealFields } from '../orders/index.js';
import { createRetentionJob } from '../retention/index.js';
import { createEnvSecretsProvider } from '../secrets/index.js';
import { scaledClock } from '../spapi/index.js';
import { simControl, type SimControl } from '../spapi/testing/sim-control.js';
import { SIM_WORLD } from '../spapi/testing/sim-world.js';
import { buildSyncStack, connectSimSeller, type SyncStack } from './testing/sync-stack.js';

// Retention end to end with the simulator's clock: orders synced from the simulator, the
// simulator's clock moved 45 days on (orders ship, the next sync brings the shipments), the
// retention job run at the simulator's "now". PII past its window is gone, everything else is
// intact and still decrypts to the simulator's values, `verify` passes; PII planted past the
// window makes `verify` fail.

const TIME_SCALE = 1000;
const US = 'ATVPDKIKX0DER';
const DAY_MS = 86_400_000;
const ADVANCE_DAYS = 45;

const seller = (id: string) => ({
  sellingPartnerId: id,
  name: `Retention Test ${id}`,
  region: 'na' as const,
  marketplaceIds: [US],
  orderCount: 300,
  historyDays: 20,
  futureDays: 20,
});
const SELLERS = { sqlite: seller('A3RETAINSQL'), postgres: seller('A3RETAINPG') } as const;

beforeAll(ready);

describe('retention against the simulator’s clock', { timeout: 180_000 }, () => {
  forEachDialect((t) => {
    // Each dialect its own simulator: the test moves the simulator's clock.
    let sim: RunningSimulator;
    let control: SimControl;
    let stack: SyncStack;
    beforeAll(async () => {
      const target = SELLERS[t.dialect];
      sim = await startSimulator({
        ...SIM_WORLD,
        timeScale: TIME_SCALE,
        sellers: [{ ...target, marketplaceIds: [...target.marketplaceIds] }],
      });
      control = simControl(sim.urls.control);
      stack = buildSyncStack({
        db: t.db(),
        secrets: createEnvSecretsProvider({ mode: 'demo', env: {} }),
        urls: sim.urls,
        rateClock: scaledClock(TIME_SCALE),
      });
    });
    afterAll(async () => {
      await stack.close();
      await sim.stop();
    });

    it('purges PII past its window, keeps the rest, verifies; planted PII fails verification', async () => {
      const target = SELLERS[t.dialect];
      const connected = await connectSimSeller(stack, sim.urls, target, '2026-01-01');
      expect((await stack.engine.run(connected.connectionId, 'manual')).status).toBe('succeeded');

      // Time passes at Amazon: orders ship; the next sync brings the shipments.
      await control.advanceClock(ADVANCE_DAYS * 86_400);
      expect((await stack.engine.run(connected.connectionId, 'schedule')).status).toBe('succeeded');

      const simNow = () => sim.state.clock.now();
      const job = createRetentionJob({
        db: t.db(),
        vault: stack.vault,
        audit: stack.audit,
        holders: [createOrderPiiHolder(t.db())],
        clock: simNow,
      });
      const orders = () =>
        t
          .db()
          .selectFrom('orders')
          .select([
            'amazon_order_id',
            'order_status',
            'pii_state',
            'pii_purge_after',
            'buyer_name_ciphertext',
            'postal_code_bidx',
          ])
          .where('organization_id', '=', connected.organizationId)
          .execute();
      const before = await orders();
      const now = simNow();
      const due = before.filter(
        (o) => o.pii_state === 'present' && (o.pii_purge_after ?? 0) <= now,
      );
      const kept = before.filter(
        (o) => o.pii_state === 'present' && (o.pii_purge_after ?? 0) > now,
      );
      // The scenario has both: orders shipped more than 30 days ago, and recent ones.
      expect(due.length).toBeGreaterThan(10);
      expect(kept.length).toBeGreaterThan(10);
      expect(before.every((o) => o.pii_state !== 'present' || o.pii_purge_after !== null)).toBe(
        true,
      );

      const report = await job.run();
      expect(report.purged).toBe(due.length);
      const after = await orders();
      expect(after.map((o) => o.amazon_order_id).sort()).toEqual(
        before.map((o) => o.amazon_order_id).sort(),
      );
      const byId = new Map(after.map((o) => [o.amazon_order_id, o]));
      for (const o of due) {
        const row = byId.get(o.amazon_order_id);
        expect(row?.pii_state, o.amazon_order_id).toBe('purged');
        expect(row?.buyer_name_ciphertext ?? null).toBeNull();
        expect(row?.postal_code_bidx ?? null).toBeNull();
        expect(row?.order_status).toBe(o.order_status);
      }
      const views = new Map(
        sim.state.orders.list(target.sellingPartnerId, simNow()).map((v) => [v.amazonOrderId, v]),
      );
      for (const o of kept.slice(0, 20)) {
        expect(byId.get(o.amazon_order_id)?.pii_state).toBe('present');
        const pii = await revealFields(
          stack.vault,
          t.db(),
          connected.organizationId,
          o.amazon_order_id,
          ['buyerName'],
        );
        expect(pii?.buyerName).toBe(views.get(o.amazon_order_id)?.buyer.name);
      }
      const verified = await job.verify();
      expect(verified.passed).toBe(true);

      // Planted: an order still holding PII whose window has passed (as if the job had missed it).
      const planted = kept[0]?.amazon_order_id ?? '';
      await t
        .db()
        .updateTable('orders')
        .set({ pii_purge_after: simNow() - DAY_MS })
        .where('organization_id', '=', connected.organizationId)
        .where('amazon_order_id', '=', planted)
        .execute();
      const failed = await job.verify();
      expect(failed.passed).toBe(false);
      const org = failed.organizations.find((o) => o.organizationId === connected.organizationId);
      expect(org?.failures).toContainEqual(
        expect.objectContaining({ code: 'PII_OVERDUE', holder: 'orders', count: 1 }),
      );
      // The next run removes it, and verification passes again.
      await job.run();
      expect((await job.verify()).passed).toBe(true);
    });
  });
});
