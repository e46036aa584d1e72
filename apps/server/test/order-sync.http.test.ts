/**
 * The demo journey over HTTPS, against the whole server and the simulator's demo world, on both
 * dialects: an owner connects the seeded seller through the consent page, an operator presses
 * "sync now" and watches the progress stream until the run ends, the orders arrive without PII
 * in any listing, an operator reveals one order's buyer data (equal to the simulator's), and a
 * viewer can neither sync nor reveal. No token and no revealed value reaches a log line.
 */
import { request } from 'node:https';
import { demoConfig, startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import type { SyncProgressEventBody } from '@spapi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_COOKIE } from '../src/connections/connection.routes.js';
import { SESSION_COOKIE } from '../src/identity/index.js';
import {
  APP_PUBLIC_URL,
  closeSeedHasher,
  firstSignIn,
  seedAccount,
  seedOrganization,
  startAppHarness,
  type AppHarness,
  type SignedInSession,
} from './app-harness.js';
import { SSE_MAX_STREAMS_PER_ORGANIZATION } from '../src/sync/sync.routes.js';
import { simAmazonOptions, submitConsent } from './sim-amazon.js';
import { DIALECTS, forDialect } from './storage-harness.js';

const SELLER = 'A1DEMOSELLERNA';
const PII_STATUSES = new Set(['Unshipped', 'PartiallyShipped', 'Shipped']);

/** Reads `GET /api/sync/events` until `until` says stop; returns the events seen. */
function readEvents(
  h: AppHarness,
  session: SignedInSession,
  until: (event: SyncProgressEventBody) => boolean,
): { opened: Promise<void>; done: Promise<SyncProgressEventBody[]>; close: () => void } {
  let opened!: () => void;
  const openedPromise = new Promise<void>((resolve) => {
    opened = resolve;
  });
  let close = (): void => undefined;
  const done = new Promise<SyncProgressEventBody[]>((resolve, reject) => {
    const events: SyncProgressEventBody[] = [];
    const req = request(
      `${h.server.url}/api/sync/events`,
      {
        headers: { cookie: `${SESSION_COOKIE}=${session.token}` },
        ca: h.server.certificate,
        servername: 'localhost',
      },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`events answered ${String(res.statusCode)}`));
          return;
        }
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        expect(res.headers['cache-control']).toBe('no-store');
        opened();
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end !== -1) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = message.split('\n').find((line) => line.startsWith('data: '));
            if (data !== undefined) {
              const event = JSON.parse(data.slice(6)) as SyncProgressEventBody;
              events.push(event);
              if (until(event)) {
                res.destroy();
                resolve(events);
                return;
              }
            }
            end = buffer.indexOf('\n\n');
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
    close = () => {
      req.destroy();
      resolve(events);
    };
  });
  return { opened: openedPromise, done, close };
}

describe('the demo journey: connect, sync with live progress, masked orders, reveal', () => {
  afterAll(() => closeSeedHasher());

  for (const dialect of DIALECTS) {
    forDialect(dialect, () => {
      let sim: RunningSimulator;
      let h: AppHarness;
      let owner: SignedInSession;
      let operator: SignedInSession;
      let viewer: SignedInSession;
      let connectionId: string;
      let organizationId: string;

      beforeAll(async () => {
        sim = await startSimulator({
          ...demoConfig(`${APP_PUBLIC_URL}/api/amazon/callback`),
          basePort: 0,
        });
        // Automatic syncs on (the demo's default): connecting starts the first sync.
        h = await startAppHarness(dialect, simAmazonOptions(sim, { SYNC_INTERVAL_MINUTES: '60' }));
        const org = await seedOrganization(h);
        organizationId = org;
        owner = await firstSignIn(h, await seedAccount(h, 'owner', org));
        operator = await firstSignIn(h, await seedAccount(h, 'operator', org));
        viewer = await firstSignIn(h, await seedAccount(h, 'viewer', org));
      }, 60_000);
      afterAll(async () => {
        await h.close();
        await sim.stop();
      });

      it('an owner connects the seeded seller through the consent page', async () => {
        const started = await h.call('POST', '/api/amazon/authorize', {
          session: owner,
          body: { region: 'na' },
        });
        expect(started.status).toBe(201);
        const redirect = await submitConsent(String(started.body.consentUrl), SELLER, 'authorize');
        const cookie = started.setCookies
          .find((c) => c.startsWith(`${CONSENT_COOKIE}=`))
          ?.split(';')[0];
        const landed = await h.call('GET', `/api/amazon/callback${redirect.search}`, {
          origin: null,
          ...(cookie === undefined ? {} : { headers: { cookie } }),
        });
        expect(landed.headers.location).toBe(`${APP_PUBLIC_URL}/connections?result=connected`);
        const list = await h.call('GET', '/api/amazon/connections', { session: viewer });
        const [connection] = list.body.connections as { id: string }[];
        connectionId = connection?.id ?? '';
        expect(connectionId).not.toBe('');

        // The first sync starts by itself; wait for it to end (polling the status endpoint).
        let lastRun: Record<string, unknown> | null = null;
        for (let i = 0; i < 600; i += 1) {
          const status = await h.call('GET', '/api/sync', { session: viewer });
          const [entry] = status.body.connections as { lastRun: Record<string, unknown> | null }[];
          lastRun = entry?.lastRun ?? null;
          if (lastRun !== null && lastRun.status !== 'running') break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(lastRun).toMatchObject({ trigger: 'connect', status: 'succeeded' });
      });

      it('a viewer cannot sync; an operator syncs and the progress stream shows it', async () => {
        const denied = await h.call('POST', `/api/sync/${connectionId}`, { session: viewer });
        expect(denied).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });

        const stream = readEvents(h, viewer, (e) => e.type === 'finished');
        await stream.opened;
        const queued = await h.call('POST', `/api/sync/${connectionId}`, { session: operator });
        expect(queued.status).toBe(202);
        expect(queued.body).toEqual({ connectionId, result: 'queued' });
        const events = await stream.done;
        expect(events[0]).toMatchObject({ type: 'started', connectionId });
        const pages = events.filter((e) => e.type === 'page');
        expect(pages.length).toBeGreaterThan(0);
        const finished = events.at(-1);
        expect(finished).toMatchObject({ type: 'finished', status: 'succeeded' });

        const status = await h.call('GET', '/api/sync', { session: viewer });
        const [entry] = status.body.connections as Record<string, unknown>[];
        expect(entry).toMatchObject({ connectionId, running: null });
        expect(entry?.lastSucceededAt).toEqual(expect.any(Number));
        expect(entry?.lastRun).toMatchObject({ status: 'succeeded', trigger: 'manual' });
        const runs = await h.call('GET', `/api/sync/runs?connectionId=${connectionId}`, {
          session: viewer,
        });
        expect((runs.body.runs as { trigger: string }[]).map((r) => r.trigger)).toEqual([
          'manual',
          'connect',
        ]);
      });

      it('caps open progress streams per organization (429 beyond)', async () => {
        const streams = [];
        for (let i = 0; i < SSE_MAX_STREAMS_PER_ORGANIZATION; i += 1) {
          const stream = readEvents(h, viewer, () => false);
          streams.push(stream);
          await stream.opened;
        }
        try {
          const refused = await h.call('GET', '/api/sync/events', { session: viewer });
          expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
        } finally {
          for (const stream of streams) stream.close();
        }
        // Closed streams free their places.
        for (let i = 0; i < 50 && h.server.services.sync.subscribers(organizationId) > 0; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const again = readEvents(h, viewer, () => false);
        await again.opened;
        again.close();
      });

      it('lists orders without PII; an operator reveals one, equal to the simulator’s', async () => {
        const listed = await h.call('GET', '/api/orders?limit=200', { session: viewer });
        expect(listed.status).toBe(200);
        const orders = listed.body.orders as { amazonOrderId: string; orderStatus: string }[];
        expect(orders.length).toBeGreaterThan(10);
        const views = new Map(
          sim.state.orders
            .list(SELLER, sim.state.clock.now())
            .map((view) => [view.amazonOrderId, view]),
        );
        const target = orders.find((o) => PII_STATUSES.has(o.orderStatus));
        const view = views.get(target?.amazonOrderId ?? '');
        if (target === undefined || view === undefined) throw new Error('no order with PII');
        // No PII in the listing: neither the fields nor any buyer's values.
        expect(listed.text).not.toMatch(/buyerName|postalCode|recipientName|shippingAddress/);
        for (const o of orders.slice(0, 50)) {
          const v = views.get(o.amazonOrderId);
          if (v !== undefined) expect(listed.text).not.toContain(v.buyer.name);
        }

        const viewerReveal = await h.call('POST', `/api/orders/${target.amazonOrderId}/reveal`, {
          session: viewer,
          body: { fields: ['buyerName'], reason: 'print-label' },
        });
        expect(viewerReveal.status).toBe(403);
        const revealed = await h.call('POST', `/api/orders/${target.amazonOrderId}/reveal`, {
          session: operator,
          body: { fields: ['buyerName', 'recipientName', 'postalCode'], reason: 'print-label' },
        });
        expect(revealed.status).toBe(200);
        expect(revealed.headers['cache-control']).toContain('no-store');
        expect(revealed.body.pii).toEqual({
          buyerName: view.buyer.name,
          recipientName: view.shippingAddress.name,
          postalCode: view.shippingAddress.postalCode,
        });

        const retention = await h.call('GET', '/api/retention', { session: viewer });
        expect(retention.status).toBe(200);
        expect((retention.body.orders as { holding: number }).holding).toBeGreaterThan(0);

        const logs = await h.allLogText();
        expect(logs).not.toContain(view.buyer.name);
        expect(logs).not.toContain(view.shippingAddress.name);
        expect(logs).not.toMatch(/Atz[ar]\||Atz\.sprdt\|/);
      });
    });
  }
});
