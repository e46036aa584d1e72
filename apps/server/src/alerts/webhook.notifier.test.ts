import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from './alert.types.js';
import { NotifyError } from './notifier.port.js';
import { startWebhookServer, type WebhookServer } from './testing/webhook-server.js';
import { checkWebhookUrl, createWebhookNotifier } from './webhook.notifier.js';

const alert: Alert = {
  id: '3d6f0a52-0000-4000-8000-000000000001',
  rule: 'canary-touch',
  severity: 'critical',
  organizationId: 'org-1',
  userId: 'user-1',
  details: { canaryIds: ['902-0000000-0000001'], count: 1 },
  dedupeKey: 'canary-touch:x:1',
  createdAt: Date.UTC(2030, 0, 1),
  notifiedAt: null,
  notifyAttempts: 0,
  lastNotifyError: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
};

async function failureOf(promise: Promise<unknown>): Promise<NotifyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NotifyError) return error;
    throw error;
  }
  throw new Error('expected a NotifyError');
}

describe('webhook notifier', () => {
  let server: WebhookServer;
  beforeEach(async () => {
    server = await startWebhookServer();
  });
  afterEach(() => server.close());

  it('accepts https, and http only to loopback when allowed; never echoes the URL', () => {
    expect(checkWebhookUrl('https://hooks.example.com/T/abc', false).host).toBe(
      'hooks.example.com',
    );
    expect(checkWebhookUrl('http://127.0.0.1:9/x', true).port).toBe('9');
    for (const [url, loopback] of [
      ['http://127.0.0.1:9/x', false],
      ['http://hooks.example.com/sekret-token', true],
      ['https://user:sekret-token@hooks.example.com/', false],
      ['ftp://hooks.example.com/sekret-token', true],
    ] as const) {
      expect(() => checkWebhookUrl(url, loopback)).toThrow(/^(?!.*sekret).*$/);
      expect(() => checkWebhookUrl(url, loopback)).toThrow();
    }
  });

  it('POSTs the alert message as JSON', async () => {
    const notifier = createWebhookNotifier({ url: server.url, allowLoopbackHttp: true });
    await notifier.deliver(alert);
    expect(server.bodies).toHaveLength(1);
    expect(JSON.parse(server.bodies[0] ?? '')).toMatchObject({
      type: 'spapi-security-alert-v1',
      id: alert.id,
      rule: 'canary-touch',
      severity: 'critical',
      createdAt: '2030-01-01T00:00:00.000Z',
      details: { canaryIds: ['902-0000000-0000001'], count: 1 },
    });
  });

  it('retries a 5xx with backoff, then succeeds', async () => {
    server.statuses.push(503, 500);
    const notifier = createWebhookNotifier({
      url: server.url,
      allowLoopbackHttp: true,
      attempts: 3,
      backoffMs: 1,
    });
    await notifier.deliver(alert);
    expect(server.bodies).toHaveLength(3);
  });

  it('does not retry a 4xx, and reports codes without the URL', async () => {
    server.statuses.push(404);
    const notifier = createWebhookNotifier({
      url: server.url,
      allowLoopbackHttp: true,
      backoffMs: 1,
    });
    const error = await failureOf(notifier.deliver(alert));
    expect(error).toMatchObject({ code: 'HTTP_404', retryable: false });
    expect(error.message).not.toContain('T0KEN');
    expect(server.bodies).toHaveLength(1);
  });

  it('times out a webhook that does not answer', async () => {
    const notifier = createWebhookNotifier({
      url: server.url,
      allowLoopbackHttp: true,
      timeoutMs: 20,
      attempts: 1,
      fetch: (_input, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => {
            const reason: unknown = init.signal?.reason;
            reject(reason instanceof Error ? reason : new Error('aborted'));
          });
        }),
    });
    expect(await failureOf(notifier.deliver(alert))).toMatchObject({ code: 'TIMEOUT' });
  });

  it('reports a refused connection as NETWORK', async () => {
    await server.close();
    const notifier = createWebhookNotifier({
      url: server.url,
      allowLoopbackHttp: true,
      attempts: 2,
      backoffMs: 1,
    });
    expect(await failureOf(notifier.deliver(alert))).toMatchObject({ code: 'NETWORK' });
    server = await startWebhookServer();
  });
});
