/**
 * Canary orders end to end, on both dialects: an order planted as a canary (as `parcel-admin
 * canary add` does) raises the critical `canary-touch` alert as soon as someone reveals it,
 * while other orders' reveals raise none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCanaryOrder } from '../src/orders/index.js';
import { newDomainOrder } from '../src/orders/testing/order-fixtures.js';
import {
  closeSeedHasher,
  firstSignIn,
  seedAccount,
  seedOrders,
  seedOrganization,
  startAppHarness,
  type AppHarness,
  type SignedInSession,
} from './app-harness.js';
import { DIALECTS, forDialect } from './storage-harness.js';

const CANARY_ORDER = '114-5550001-9990001';
const PLAIN_ORDER = '114-5550002-9990002';

describe('canary orders raise the canary-touch alert', () => {
  afterAll(() => closeSeedHasher());

  for (const dialect of DIALECTS) {
    forDialect(dialect, () => {
      let h: AppHarness;
      let operator: SignedInSession;
      let organizationId: string;

      beforeAll(async () => {
        h = await startAppHarness(dialect);
        organizationId = await seedOrganization(h);
        expect(await addCanaryOrder(h.db(), organizationId, CANARY_ORDER, Date.now())).toBe(true);
        expect(await addCanaryOrder(h.db(), organizationId, CANARY_ORDER, Date.now())).toBe(false);
        // The running server rereads its canaries once a minute; here, at once.
        h.server.services.canaries.invalidate();
        await seedOrders(h, organizationId, (seller) => [
          newDomainOrder(seller, { amazonOrderId: CANARY_ORDER }),
          newDomainOrder(seller, { amazonOrderId: PLAIN_ORDER }),
        ]);
        operator = await firstSignIn(h, await seedAccount(h, 'operator', organizationId));
      }, 60_000);
      afterAll(() => h.close());

      const alerts = () =>
        h
          .db()
          .selectFrom('alerts')
          .select(['rule', 'severity', 'organization_id'])
          .where('rule', '=', 'canary-touch')
          .execute();

      const reveal = (orderId: string) =>
        h.call('POST', `/api/orders/${orderId}/reveal`, {
          session: operator,
          body: { fields: ['buyerName'], reason: 'print-label' },
        });

      it('a reveal of an ordinary order raises none; of the canary, a critical alert', async () => {
        expect((await reveal(PLAIN_ORDER)).status).toBe(200);
        await h.server.services.alerts.idle();
        expect(await alerts()).toEqual([]);

        expect((await reveal(CANARY_ORDER)).status).toBe(200);
        await h.server.services.alerts.idle();
        expect(await alerts()).toEqual([
          { rule: 'canary-touch', severity: 'critical', organization_id: organizationId },
        ]);
      });
    });
  }
});
