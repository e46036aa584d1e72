/**
 * `POST /api/orders/:orderId/reveal` over HTTPS against the whole server, on SQLite and
 * Postgres: owners and operators get the asked fields for a limited time, audited as
 * `pii.reveal` without a value; viewers and support get 403 with an `access.deny` entry;
 * another organization's order is 404; a purged order is 410; malformed requests are 400 and
 * leave no entry; no canary PII reaches a log line or the audit trail.
 */
import { REVEAL_REASONS, revealResponseSchema } from '@spapi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSeedHasher } from '../../test/app-harness.js';
import { DIALECTS, forDialect } from '../../test/storage-harness.js';
import { REVEAL_TTL_MS } from './reveal.service.js';
import { CANARY_PII } from './testing/order-fixtures.js';
import {
  callsOf,
  leaksIn,
  nth,
  startOrdersApiWorld,
  type OrdersApiWorld,
} from './testing/orders-api-kit.js';

describe('orders API over HTTPS: reveal', () => {
  afterAll(() => closeSeedHasher());

  for (const dialect of DIALECTS) {
    forDialect(dialect, () => {
      let w: OrdersApiWorld;
      beforeAll(async () => {
        w = await startOrdersApiWorld(dialect);
      }, 120_000);
      afterAll(() => w.h.close());
      const { reveal, auditOf, expectCode } = callsOf(() => w);

      describe('reveal', () => {
        it('gives an owner or operator the asked fields for a limited time, audited without values', async () => {
          const order = nth(w.ordersA, 0);
          for (const [role, userId] of [
            ['owner', w.ownerId],
            ['operator', w.operatorId],
          ] as const) {
            const reply = await reveal(w.sessions[role], order.amazonOrderId, {
              fields: ['recipientName', 'shippingAddress', 'postalCode', 'giftMessage'],
              reason: 'print-label',
              reference: 'TICKET-4417',
            });
            expect(reply.status).toBe(200);
            expect(reply.headers['cache-control']).toBe('no-store');
            const answer = revealResponseSchema.parse(reply.body);
            expect(answer.pii).toEqual({
              recipientName: CANARY_PII.recipientName,
              shippingAddress: CANARY_PII.shippingAddress,
              postalCode: CANARY_PII.postalCode,
              giftMessage: CANARY_PII.giftMessage,
              itemGiftMessages: order.items.map((item) => ({
                orderItemId: item.orderItemId,
                giftMessage: item.giftMessage ?? null,
              })),
            });
            expect(answer.expiresAt - answer.revealedAt).toBe(REVEAL_TTL_MS);

            const [entry, ...more] = await auditOf(reply);
            expect(more).toEqual([]);
            expect(entry).toMatchObject({
              action: 'pii.reveal',
              outcome: 'success',
              actor_kind: 'user',
              actor_id: userId,
              organization_id: w.orgA,
              target_type: 'order',
              target_id: order.amazonOrderId,
            });
            expect(JSON.parse(String(entry?.details_json))).toEqual({
              fields: ['recipientName', 'shippingAddress', 'postalCode', 'giftMessage'],
              reason: 'print-label',
              reference: 'TICKET-4417',
              expiresAt: answer.expiresAt,
            });
            expect(leaksIn(JSON.stringify(entry))).toEqual([]);
          }
        });

        it('accepts every reason code', async () => {
          const order = nth(w.ordersA, 1);
          for (const reason of REVEAL_REASONS) {
            const reply = await reveal(w.sessions.operator, order.amazonOrderId, {
              fields: ['phone'],
              reason,
              ...(reason === 'other' ? { reference: 'RMA-2211' } : {}),
            });
            expect(reply.status, reason).toBe(200);
            expect(reply.body.pii).toEqual({ phone: CANARY_PII.phone });
          }
        });

        it('refuses viewers and support staff with 403 and an access.deny entry', async () => {
          const order = nth(w.ordersA, 0);
          for (const role of ['viewer', 'support'] as const) {
            const reply = await reveal(w.sessions[role], order.amazonOrderId, {
              fields: ['shippingAddress'],
              reason: 'print-label',
            });
            expectCode(reply, 403, 'FORBIDDEN');
            const entries = await auditOf(reply);
            expect(entries.map((e) => [e.action, e.outcome, e.reason_code])).toEqual([
              ['access.deny', 'denied', 'FORBIDDEN'],
            ]);
          }
        });

        it('does not know another organization’s order (404, recorded)', async () => {
          const reply = await reveal(w.sessions.owner, w.foreign.amazonOrderId, {
            fields: ['shippingAddress'],
            reason: 'print-label',
          });
          expectCode(reply, 404, 'NOT_FOUND');
          const entries = await auditOf(reply);
          expect(entries.map((e) => [e.action, e.reason_code])).toEqual([
            ['access.deny', 'NOT_FOUND'],
          ]);
        });

        it('answers a w.purged order with RETENTION_EXPIRED and one without PII with CONFLICT', async () => {
          const gone = await reveal(w.sessions.owner, w.purged.amazonOrderId, {
            fields: ['shippingAddress'],
            reason: 'returns',
          });
          expectCode(gone, 410, 'RETENTION_EXPIRED');
          expect((await auditOf(gone)).map((e) => [e.action, e.outcome, e.reason_code])).toEqual([
            ['pii.reveal', 'failure', 'RETENTION_EXPIRED'],
          ]);
          const none = await reveal(w.sessions.owner, w.withoutPii.amazonOrderId, {
            fields: ['buyerName'],
            reason: 'contact-buyer',
          });
          expectCode(none, 409, 'CONFLICT');
        });

        it('treats PII past its deadline as purged, before the retention job has run', async () => {
          const order = nth(w.ordersA, 3);
          const deadline = async (value: number | null) =>
            w.h
              .db()
              .updateTable('orders')
              .set({ pii_purge_after: value })
              .where('organization_id', '=', w.orgA)
              .where('amazon_order_id', '=', order.amazonOrderId)
              .returning('pii_purge_after')
              .executeTakeFirstOrThrow();
          const { pii_purge_after: before } = await w.h
            .db()
            .selectFrom('orders')
            .select('pii_purge_after')
            .where('organization_id', '=', w.orgA)
            .where('amazon_order_id', '=', order.amazonOrderId)
            .executeTakeFirstOrThrow();
          await deadline(Date.now() - 1000);
          try {
            const late = await reveal(w.sessions.owner, order.amazonOrderId, {
              fields: ['buyerName'],
              reason: 'print-label',
            });
            expectCode(late, 410, 'RETENTION_EXPIRED');
            expect(late.text).not.toContain(CANARY_PII.buyerName ?? '?');
          } finally {
            await deadline(before);
          }
        });

        it('refuses malformed requests with 400 and writes no audit entry', async () => {
          const order = nth(w.ordersA, 0);
          for (const body of [
            {},
            { fields: ['shippingAddress'] },
            { fields: [], reason: 'print-label' },
            { fields: ['email'], reason: 'print-label' },
            { fields: ['phone', 'phone'], reason: 'print-label' },
            { fields: ['phone'], reason: 'curious' },
            { fields: ['phone'], reason: 'other' },
            { fields: ['phone'], reason: 'other', reference: 'for Zebediah Quillfeather' },
            { fields: ['phone'], reason: 'other', reference: '2065550199' },
            {
              fields: ['phone'],
              reason: 'other',
              reference: 'zq7canary@marketplace.amazon.example',
            },
            { fields: ['phone'], reason: 'print-label', note: 'hello' },
          ]) {
            const reply = await reveal(w.sessions.owner, order.amazonOrderId, body);
            expectCode(reply, 400, 'VALIDATION_FAILED');
            expect(await auditOf(reply)).toEqual([]);
          }
          expectCode(
            await reveal(w.sessions.owner, 'nope', { fields: ['phone'], reason: 'print-label' }),
            400,
            'VALIDATION_FAILED',
          );
        });
      });

      it('no canary PII in any log line or in the audit trail', async () => {
        const logs = await w.h.allLogText();
        expect(logs).toContain('/api/orders/:orderId/reveal');
        expect(leaksIn(logs)).toEqual([]);
        const audit = await w.h.db().selectFrom('audit_entries').selectAll().execute();
        expect(audit.some((e) => e.action === 'pii.reveal')).toBe(true);
        expect(leaksIn(JSON.stringify(audit))).toEqual([]);
      });
    });
  }
});
