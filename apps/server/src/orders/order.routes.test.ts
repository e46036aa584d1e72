/**
 * The orders HTTP API over HTTPS against the whole server (`start()`), on SQLite and Postgres,
 * with accounts that signed in for real and orders stored through the real write path (sealed
 * by the server's PII vault): the list and the detail never carry PII, the postal-code search
 * finds exactly the organization's matching orders and is a permitted, audited reveal, another
 * organization's orders do not exist for the caller, malformed input is a 400 with a code.
 * The reveal itself: `reveal.routes.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSeedHasher } from '../../test/app-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { DIALECTS, forDialect } from '../../test/storage-harness.js';
import {
  HOUR,
  OTHER_POSTAL_CODE,
  SUMMARY_KEYS,
  callsOf,
  leaksIn,
  nth,
  startOrdersApiWorld,
  type OrdersApiWorld,
} from './testing/orders-api-kit.js';

describe('orders API over HTTPS: list, detail, search', () => {
  afterAll(() => closeSeedHasher());

  for (const dialect of DIALECTS) {
    forDialect(dialect, () => {
      let w: OrdersApiWorld;
      beforeAll(async () => {
        w = await startOrdersApiWorld(dialect);
      }, 120_000);
      afterAll(() => w.h.close());
      const { get, post, idsOf, auditOf, expectCode } = callsOf(() => w);

      describe('list', () => {
        it('shows plain facts, piiState and piiPurgeAfter, newest first, and never PII', async () => {
          for (const role of ['owner', 'operator', 'viewer'] as const) {
            const reply = await get(w.sessions[role], '/api/orders');
            expect(reply.status).toBe(200);
            // Newest purchase first (orders 5 and 6 share an instant: either order).
            const ids = idsOf(reply);
            const seeded = w.ordersA.map((o) => o.amazonOrderId);
            expect(ids.slice(0, 5)).toEqual(seeded.slice(0, 5));
            expect(ids.slice(7)).toEqual(seeded.slice(7));
            expect(new Set(idsOf(reply))).toEqual(new Set(w.ordersA.map((o) => o.amazonOrderId)));
            expect(leaksIn(reply.text)).toEqual([]);
            const orders = reply.body.orders as Record<string, unknown>[];
            for (const order of orders) expect(Object.keys(order).sort()).toEqual(SUMMARY_KEYS);
            const first = orders[0];
            expect(first).toMatchObject({ piiState: 'present', organizationId: w.orgA });
            expect(first?.piiPurgeAfter).toBeTypeOf('number');
            expect(orders.find((o) => o.amazonOrderId === w.purged.amazonOrderId)?.piiState).toBe(
              'purged',
            );
            expect(
              orders.find((o) => o.amazonOrderId === w.withoutPii.amazonOrderId)?.piiState,
            ).toBe('none');
            expect(reply.body.nextCursor).toBeNull();
          }
        });

        it('pages with a stable cursor: every order once, in order, twice the same', async () => {
          const walk = async () => {
            const seen: string[] = [];
            let cursor: string | null = null;
            do {
              const query: string = cursor === null ? '' : `&cursor=${cursor}`;
              const reply = await get(w.sessions.viewer, `/api/orders?limit=2${query}`);
              expect(reply.status).toBe(200);
              expect(idsOf(reply).length).toBeLessThanOrEqual(2);
              seen.push(...idsOf(reply));
              cursor = reply.body.nextCursor as string | null;
            } while (cursor !== null);
            return seen;
          };
          const first = await walk();
          expect(first).toHaveLength(w.ordersA.length);
          expect(new Set(first).size).toBe(w.ordersA.length);
          const all = await get(w.sessions.viewer, '/api/orders?limit=200');
          expect(first).toEqual(idsOf(all));
          expect(await walk()).toEqual(first);
        });

        it('filters by status, marketplace, fulfilment channel, purchase range and exact order id', async () => {
          expect(idsOf(await get(w.sessions.owner, '/api/orders?status=Unshipped'))).toEqual([
            w.otherCode.amazonOrderId,
          ]);
          expect(
            (await get(w.sessions.owner, '/api/orders?status=Unshipped,Shipped')).body.orders,
          ).toHaveLength(w.ordersA.length);
          expect(
            idsOf(await get(w.sessions.owner, '/api/orders?marketplaceId=A2EUQ1WTGCTBG2')),
          ).toEqual([w.purged.amazonOrderId]);
          // Fulfilment channel: each filter returns only its channel; together, every order.
          const byChannel = async (channel: string) =>
            (await get(w.sessions.owner, `/api/orders?limit=200&fulfillmentChannel=${channel}`))
              .body.orders as { amazonOrderId: string; fulfillmentChannel: string | null }[];
          const mfn = await byChannel('MFN');
          const afn = await byChannel('AFN');
          expect(mfn.every((o) => o.fulfillmentChannel === 'MFN')).toBe(true);
          expect(afn.every((o) => o.fulfillmentChannel === 'AFN')).toBe(true);
          const unfiltered = (await get(w.sessions.owner, '/api/orders?limit=200')).body.orders as {
            fulfillmentChannel: string | null;
          }[];
          expect(mfn.length + afn.length).toBe(
            unfiltered.filter((o) => o.fulfillmentChannel !== null).length,
          );
          expect(mfn.length).toBeGreaterThan(0);
          const range = `purchasedFrom=${String(T0 - 2 * HOUR)}&purchasedBefore=${String(T0)}`;
          expect(idsOf(await get(w.sessions.owner, `/api/orders?${range}`))).toEqual(
            w.ordersA.slice(1, 3).map((o) => o.amazonOrderId),
          );
          const target = nth(w.ordersA, 2);
          expect(
            idsOf(await get(w.sessions.owner, `/api/orders?amazonOrderId=${target.amazonOrderId}`)),
          ).toEqual([target.amazonOrderId]);
          // Another organization's order id finds nothing.
          expect(
            idsOf(
              await get(w.sessions.owner, `/api/orders?amazonOrderId=${w.foreign.amazonOrderId}`),
            ),
          ).toEqual([]);
        });

        it('refuses malformed queries with 400 VALIDATION_FAILED', async () => {
          for (const query of [
            'limit=0',
            'limit=201',
            'limit=abc',
            'status=Ship%20ped',
            'status=',
            'marketplaceId=amazon',
            'fulfillmentChannel=FBA',
            'purchasedFrom=yesterday',
            `purchasedFrom=${String(T0)}&purchasedBefore=${String(T0)}`,
            'amazonOrderId=113-1',
            'cursor=!!',
            'cursor=bm90LWEtY3Vyc29y',
            'postalCode=QX97ZK',
            'limit=1&limit=2',
          ]) {
            expectCode(
              await get(w.sessions.owner, `/api/orders?${query}`),
              400,
              'VALIDATION_FAILED',
            );
          }
        });

        it('is closed to support staff and to anonymous callers', async () => {
          expectCode(await get(w.sessions.support, '/api/orders'), 403, 'FORBIDDEN');
          expectCode(await w.h.call('GET', '/api/orders'), 401, 'UNAUTHENTICATED');
        });
      });

      describe('detail', () => {
        it('shows an order with its items and no PII', async () => {
          const order = nth(w.ordersA, 0);
          const reply = await get(w.sessions.viewer, `/api/orders/${order.amazonOrderId}`);
          expect(reply.status).toBe(200);
          expect(leaksIn(reply.text)).toEqual([]);
          expect(Object.keys(reply.body).sort()).toEqual([...SUMMARY_KEYS, 'items'].sort());
          expect(reply.body.items).toEqual(
            order.items.map(({ giftMessage: _gift, ...item }) => item),
          );
        });

        it('does not know another organization’s order, an unknown or a malformed id', async () => {
          expectCode(
            await get(w.sessions.owner, `/api/orders/${w.foreign.amazonOrderId}`),
            404,
            'NOT_FOUND',
          );
          expectCode(
            await get(w.sessions.owner, '/api/orders/999-9999999-9999999'),
            404,
            'NOT_FOUND',
          );
          expectCode(
            await get(w.sessions.owner, '/api/orders/not-an-order'),
            400,
            'VALIDATION_FAILED',
          );
        });
      });

      describe('postal-code search', () => {
        it('finds exactly the organization’s orders with that code, and audits it', async () => {
          // Normalised as the blind index is: case, spaces and dashes do not matter.
          const reply = await post(w.sessions.operator, '/api/orders/search', {
            postalCode: 'qx9-7zk',
          });
          expect(reply.status).toBe(200);
          const holding = new Set(
            w.ordersA
              .filter((o) => o !== w.otherCode && o !== w.purged && o !== w.withoutPii)
              .map((o) => o.amazonOrderId),
          );
          // In list order (the tie at one purchase instant is broken by the row id).
          const expected = idsOf(await get(w.sessions.owner, '/api/orders')).filter((id) =>
            holding.has(id),
          );
          expect(expected).toHaveLength(holding.size);
          expect(idsOf(reply)).toEqual(expected);
          expect(leaksIn(reply.text)).toEqual([]);
          const other = await post(w.sessions.owner, '/api/orders/search', {
            postalCode: OTHER_POSTAL_CODE,
          });
          expect(idsOf(other)).toEqual([w.otherCode.amazonOrderId]);
          const filtered = await post(w.sessions.owner, '/api/orders/search', {
            postalCode: 'QX97ZK',
            purchasedBefore: T0,
            limit: 1,
          });
          expect(idsOf(filtered)).toEqual([w.ordersA[1]?.amazonOrderId]);
          expect(filtered.body.nextCursor).toBeTypeOf('string');

          const [entry, ...more] = await auditOf(reply);
          expect(more).toEqual([]);
          expect(entry).toMatchObject({
            action: 'pii.reveal',
            outcome: 'success',
            actor_id: w.operatorId,
            organization_id: w.orgA,
          });
          expect(JSON.parse(String(entry?.details_json))).toEqual({
            use: 'postal-code-search',
            fields: ['postalCode'],
            matches: expected.length,
          });
          expect(leaksIn(JSON.stringify(entry))).toEqual([]);
        });

        it('is a reveal: viewers get 403 and an access.deny entry', async () => {
          const reply = await post(w.sessions.viewer, '/api/orders/search', {
            postalCode: 'QX9 7ZK',
          });
          expectCode(reply, 403, 'FORBIDDEN');
          const entries = await auditOf(reply);
          expect(entries.map((e) => [e.action, e.reason_code])).toEqual([
            ['access.deny', 'FORBIDDEN'],
          ]);
        });

        it('refuses malformed bodies without an audit entry', async () => {
          for (const body of [
            {},
            { postalCode: '' },
            { postalCode: 'x'.repeat(21) },
            { postalCode: 'A1', extra: 1 },
          ]) {
            const reply = await post(w.sessions.owner, '/api/orders/search', body);
            expectCode(reply, 400, 'VALIDATION_FAILED');
            expect(await auditOf(reply)).toEqual([]);
          }
        });
      });
    });
  }
});
