import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import { createAlertDispatcher } from './alert-dispatcher.service.js';
import { createAlertEngine } from './alert-engine.service.js';
import { createAlertRepository } from './alert.repository.js';
import { createInMemoryCanaryRegistry } from './canary-registry.js';
import { createOutboxNotifier } from './outbox.notifier.js';
import {
  canaryDetailsJson,
  canaryStrings,
  CANARY_VALUES,
  storedEntry,
  T0,
} from './testing/alert-fixtures.js';
import { startWebhookServer, type WebhookServer } from './testing/webhook-server.js';
import { createWebhookNotifier } from './webhook.notifier.js';

beforeAll(() => ready());

describe('AlertDispatcher', () => {
  let server: WebhookServer;
  beforeAll(async () => {
    server = await startWebhookServer();
  });
  afterAll(() => server.close());

  forEachDialect((t) => {
    /** Raises one canary alert from an entry full of canary-looking values; returns its id. */
    const raiseCanaryAlert = async () => {
      const canary = `canary-order-${randomUUID()}`;
      const repository = createAlertRepository(t.db());
      const raised: string[] = [];
      const engine = createAlertEngine({
        repository,
        canaries: createInMemoryCanaryRegistry([canary]),
        onRaised: (alert) => raised.push(alert.id),
      });
      engine.observe(
        storedEntry({
          action: 'access.deny',
          outcome: 'denied',
          target_id: canary,
          reason_code: CANARY_VALUES.reasonCode,
          request_id: CANARY_VALUES.requestId,
          details_json: canaryDetailsJson(),
        }),
      );
      await engine.idle();
      expect(raised).toHaveLength(1);
      const id = raised[0] ?? '';
      server.statuses.length = 0;
      server.bodies.length = 0;
      return { repository, canary, stored: () => repository.findById(id) };
    };
    const webhook = () =>
      createWebhookNotifier({ url: server.url, allowLoopbackHttp: true, attempts: 1 });
    const drainPending = async () => {
      // earlier tests in the suite may leave alerts pending: deliver them to the outbox first
      const repository = createAlertRepository(t.db());
      await createAlertDispatcher({ repository, notifier: createOutboxNotifier() }).runOnce();
    };

    it('delivers new alerts to the webhook, with no PII in the body or the row', async () => {
      await drainPending();
      const { repository, canary, stored } = await raiseCanaryAlert();
      const dispatcher = createAlertDispatcher({ repository, notifier: webhook() });
      expect(await dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0 });
      const bodies = server.bodies.join('\n');
      expect(bodies).toContain(canary);
      const rows = JSON.stringify(await t.db().selectFrom('alerts').selectAll().execute());
      for (const value of canaryStrings()) {
        expect(bodies).not.toContain(value);
        expect(rows).not.toContain(value);
      }
      expect((await stored())?.notifiedAt).toBeTypeOf('number');
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0 });
    });

    it('records a failing webhook, backs off, and retries until delivered', async () => {
      await drainPending();
      let now = T0;
      const { repository, stored } = await raiseCanaryAlert();
      server.statuses.push(500, 503);
      const errors: string[] = [];
      const dispatcher = createAlertDispatcher({
        repository,
        notifier: webhook(),
        retryBaseMs: 1000,
        clock: () => now,
        onError: (event) => errors.push(event.code),
      });
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(await stored()).toMatchObject({ notifyAttempts: 1, lastNotifyError: 'HTTP_500' });
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0 }); // backing off
      now += 1000;
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, failed: 1 });
      expect(await stored()).toMatchObject({ notifyAttempts: 2, lastNotifyError: 'HTTP_503' });
      now += 1999;
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0 }); // 2 s now
      now += 1;
      expect(await dispatcher.runOnce()).toEqual({ delivered: 1, failed: 0 });
      expect(await stored()).toMatchObject({
        notifiedAt: now,
        notifyAttempts: 3,
        lastNotifyError: null,
      });
      expect(errors).toEqual(['HTTP_500', 'HTTP_503']);
      expect(server.bodies).toHaveLength(3);
    });

    it('gives up after maxAttempts and keeps the alert with its last error', async () => {
      await drainPending();
      const { repository, stored } = await raiseCanaryAlert();
      const failing = {
        channel: 'webhook',
        deliver: () => Promise.reject(new Error('boom')),
      };
      const dispatcher = createAlertDispatcher({
        repository,
        notifier: failing,
        maxAttempts: 2,
        retryBaseMs: 0,
      });
      await dispatcher.runOnce();
      await dispatcher.runOnce();
      expect(await dispatcher.runOnce()).toEqual({ delivered: 0, failed: 0 });
      expect(await stored()).toMatchObject({
        notifiedAt: null,
        notifyAttempts: 2,
        lastNotifyError: 'ERROR',
      });
    });

    it('delivers on its own once started (outbox), and stops cleanly', async () => {
      await drainPending();
      const { repository, stored } = await raiseCanaryAlert();
      const dispatcher = createAlertDispatcher({
        repository,
        notifier: createOutboxNotifier(),
        intervalMs: 10,
      });
      dispatcher.start();
      await expect
        .poll(async () => (await stored())?.notifiedAt ?? null, { timeout: 2000 })
        .not.toBeNull();
      await dispatcher.stop();
    });
  });
});
