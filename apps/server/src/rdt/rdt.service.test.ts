import { startSimulator, type RunningSimulator } from '@spapi/spapi-sim';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { AlertRule, createRuleSet } from '../alerts/index.js';
import { toObservedEntry } from '../alerts/observed-entry.js';
import { ORG_A, ORG_B, principalFor } from '../access/testing/principals.js';
import {
  createAuditTrail,
  createInMemorySigningKeyProvider,
  type AuditTrail,
} from '../audit/index.js';
import { ready } from '../crypto/index.js';
import { accessHarness, type AccessHarness } from '../spapi/testing/access-harness.js';
import { manualClock, type ManualClock } from '../testing/manual-clock.js';
import { recordingLogger, type RecordingLogger } from '../spapi/testing/recording-logger.js';
import { simControl, type SimControl } from '../spapi/testing/sim-control.js';
import {
  SELLER_NA,
  SIM_APP,
  SIM_WORLD,
  connectSeller,
  testRefreshTokens,
} from '../spapi/testing/sim-world.js';
import { createRdtService, type RdtService } from './rdt.service.js';
import type { RdtConnection, RestrictedDataToken } from './restricted-data-token.js';

// The RDT service against the simulator, with a real audit trail on both dialects: calls to
// createRestrictedDataToken are counted by the simulator (`/_sim/calls`).

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const US = SELLER_NA.marketplaceIds[0];
const RDT_OPERATION = 'createRestrictedDataToken';

/** The connections module keys refresh tokens by connection id; here it is the seller id. */
const CONNECTION: RdtConnection = {
  id: SELLER_NA.sellingPartnerId,
  organizationId: ORG_A,
  sellingPartnerId: SELLER_NA.sellingPartnerId,
  region: 'na',
};
const SYNC_JOB = { id: 'sync-job-1', fetchPii: true };

interface World {
  readonly sim: RunningSimulator;
  readonly h: AccessHarness;
  readonly control: SimControl;
}

async function startWorld(restrictedRoles: readonly string[]): Promise<World> {
  const sim = await startSimulator({
    ...SIM_WORLD,
    applications: [
      {
        ...SIM_APP,
        redirectUris: [...SIM_APP.redirectUris],
        restrictedRoles: [...restrictedRoles],
      },
    ],
  });
  const refreshTokens = testRefreshTokens();
  const h = accessHarness(sim.urls, refreshTokens);
  await connectSeller(sim.urls, h.access.tokens, refreshTokens, SELLER_NA);
  const control = simControl(sim.urls.control);
  // The governor runs on virtual time here, the simulator's buckets on real time: give the
  // suite (both dialects against one simulator) room instead of waiting for refills.
  const plan = { operationId: RDT_OPERATION, rate: 100, burst: 100 };
  await control.setRate(SELLER_NA.sellingPartnerId, plan);
  return { sim, h, control };
}

let world: World;
let roleless: World;
let orderId: string;

beforeAll(async () => {
  await ready();
  [world, roleless] = await Promise.all([startWorld(SIM_APP.restrictedRoles), startWorld([])]);
  const added = await world.control.addOrder(SELLER_NA.sellingPartnerId, {
    purchaseDate: new Date(Date.now() - DAY_MS).toISOString(),
    fulfillmentChannel: 'MFN',
    status: 'Unshipped',
    buyer: { name: 'Rosalind Rdtbuyer' },
    shippingAddress: {
      name: 'Rosalind Rdtbuyer',
      addressLine1: '12 Token Row',
      postalCode: '10001',
    },
  });
  orderId = added.amazonOrderId;
});

afterAll(async () => {
  await Promise.all([world.sim.stop(), roleless.sim.stop()]);
});

function sourceOf(detailsJson: string): unknown {
  const details: unknown = JSON.parse(detailsJson);
  return typeof details === 'object' && details !== null && 'source' in details
    ? details.source
    : undefined;
}

async function rdtCalls(control: SimControl): Promise<number> {
  return (await control.calls()).calls[RDT_OPERATION] ?? 0;
}

forEachDialect((t) => {
  let audit: AuditTrail;
  let clock: ManualClock;
  let logger: RecordingLogger;
  const issuedTokens: string[] = [];

  const serviceOn = (w: World): RdtService =>
    createRdtService({ client: w.h.access.client, audit, clock, logger });
  const textOf = (token: RestrictedDataToken): string => {
    const text = token.callContext().restrictedDataToken ?? '';
    issuedTokens.push(text);
    return text;
  };
  const entries = async () =>
    t
      .db()
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'rdt.request')
      .orderBy('seq')
      .execute();
  const lastEntry = async () => (await entries()).at(-1);

  beforeAll(() => {
    audit = createAuditTrail({ db: t.db(), signingKeys: createInMemorySigningKeyProvider() });
    logger = recordingLogger(); // the whole suite's lines, checked by the last test
  });
  beforeEach(() => {
    clock = manualClock();
  });

  it('a bulk sync reuses one generic-path RDT until 5 minutes before expiry, then renews', async () => {
    const rdt = serviceOn(world);
    const before = await rdtCalls(world.control);
    const first = await rdt.forOrderSync({ connection: CONNECTION, job: SYNC_JOB });
    expect(first.resources).toEqual([
      { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
      // The lines' gift messages of any order, so the same token serves the items calls.
      {
        method: 'GET',
        path: '/orders/v0/orders/{orderId}/orderItems',
        dataElements: ['buyerInfo'],
      },
    ]);
    const query = {
      MarketplaceIds: [US],
      AmazonOrderIds: [orderId],
      CreatedAfter: new Date(Date.now() - 30 * DAY_MS).toISOString(),
    };
    const page = await world.h.access.client.call(
      'ordersV0.getOrders',
      { query },
      first.callContext(),
    );
    expect(page.body.payload?.Orders[0]?.ShippingAddress?.AddressLine1).toBe('12 Token Row');

    // 55 minutes of pages, one a minute: the same token every time.
    for (let minute = 1; minute < 55; minute += 1) {
      clock.advance(MINUTE_MS);
      const again = await rdt.forOrderSync({ connection: CONNECTION, job: SYNC_JOB });
      expect(again.sameTokenAs(first)).toBe(true);
    }
    clock.advance(MINUTE_MS - 1); // 54:59.999 after the issue: still fresh
    expect(
      (await rdt.forOrderSync({ connection: CONNECTION, job: SYNC_JOB })).sameTokenAs(first),
    ).toBe(true);
    expect((await rdtCalls(world.control)) - before).toBe(1);

    clock.advance(1); // 55:00, five minutes before Amazon's expiry: renewed
    const renewed = await rdt.forOrderSync({ connection: CONNECTION, job: SYNC_JOB });
    expect(renewed.sameTokenAs(first)).toBe(false);
    expect((await rdtCalls(world.control)) - before).toBe(2);
    textOf(first);
    textOf(renewed);

    const issued = (await entries()).filter((e) => e.target_id === CONNECTION.id);
    expect(issued.slice(-2).map((e) => [e.actor_kind, e.actor_id, e.outcome])).toEqual([
      ['system', SYNC_JOB.id, 'success'],
      ['system', SYNC_JOB.id, 'success'],
    ]);
    expect(JSON.parse(issued.at(-1)?.details_json ?? '{}')).toEqual({
      purpose: 'order-sync',
      connectionId: CONNECTION.id,
      sellingPartnerId: SELLER_NA.sellingPartnerId,
      region: 'na',
      paths: ['GET:orders:v0:orders', 'GET:orders:v0:orders:_orderId_:orderItems'],
      dataElements: ['buyerInfo', 'shippingAddress'],
      source: 'issued',
      expiresInSeconds: 3600,
    });
  });

  it('concurrent callers share one createRestrictedDataToken call (single flight)', async () => {
    const rdt = serviceOn(world);
    const before = await rdtCalls(world.control);
    const tokens = await Promise.all(
      Array.from({ length: 12 }, () => rdt.forOrderSync({ connection: CONNECTION, job: SYNC_JOB })),
    );
    expect((await rdtCalls(world.control)) - before).toBe(1);
    expect(tokens.every((token) => token.sameTokenAs(tokens[0] ?? token))).toBe(true);

    const operator = principalFor('operator');
    const owner = principalFor('owner');
    const reveal = {
      connection: CONNECTION,
      orderId,
      fields: ['shippingAddress', 'postalCode'] as const,
    };
    const [a, b] = await Promise.all([
      rdt.forOrderReveal({ ...reveal, principal: operator }),
      rdt.forOrderReveal({ ...reveal, principal: owner }),
    ]);
    expect(a.sameTokenAs(b)).toBe(true);
    expect((await rdtCalls(world.control)) - before).toBe(2);
    textOf(a);
    const reveals = (await entries()).filter((e) => e.target_id === orderId).slice(-2);
    expect(reveals.map((e) => [e.actor_id, e.outcome, sourceOf(e.details_json)])).toEqual([
      [operator.userId, 'success', 'issued'],
      [owner.userId, 'success', 'joined'],
    ]);
  });

  it('an operator reveal gets a specific-path token that unlocks that order only', async () => {
    const rdt = serviceOn(world);
    const token = await rdt.forOrderReveal({
      principal: principalFor('operator'),
      connection: CONNECTION,
      orderId,
      fields: ['buyerName', 'shippingAddress'],
      requestId: 'req-reveal-1',
    });
    expect(token.resources).toEqual([
      {
        method: 'GET',
        path: `/orders/v0/orders/${orderId}`,
        dataElements: ['buyerInfo', 'shippingAddress'],
      },
    ]);
    const order = await world.h.access.client.call(
      'ordersV0.getOrder',
      { path: { orderId } },
      token.callContext(),
    );
    expect(order.body.payload?.ShippingAddress?.AddressLine1).toBe('12 Token Row');
    textOf(token);
    const entry = await lastEntry();
    expect(entry).toMatchObject({
      actor_kind: 'user',
      actor_id: 'user-operator',
      organization_id: ORG_A,
      target_type: 'order',
      target_id: orderId,
      outcome: 'success',
      request_id: 'req-reveal-1',
    });
    expect(JSON.parse(entry?.details_json ?? '{}')).toMatchObject({
      purpose: 'pii-reveal',
      paths: [`GET:orders:v0:orders:${orderId}`],
      dataElements: ['buyerInfo', 'shippingAddress'],
      fields: ['buyerName', 'shippingAddress'],
    });
  });

  it('refuses a viewer, another organization and a sync job without PII before calling Amazon', async () => {
    const rdt = serviceOn(world);
    const before = await rdtCalls(world.control);
    const reveal = { connection: CONNECTION, orderId, fields: ['shippingAddress'] as const };
    await expect(
      rdt.forOrderReveal({ ...reveal, principal: principalFor('viewer') }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await lastEntry()).toMatchObject({
      actor_id: 'user-viewer',
      outcome: 'denied',
      reason_code: 'FORBIDDEN',
    });
    await expect(
      rdt.forOrderReveal({ ...reveal, principal: principalFor('operator', ORG_B) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await lastEntry()).toMatchObject({ outcome: 'denied', reason_code: 'NOT_FOUND' });
    await expect(
      rdt.forOrderReveal({ ...reveal, principal: principalFor('support') }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      rdt.forOrderSync({ connection: CONNECTION, job: { id: 'sync-no-pii', fetchPii: false } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await lastEntry()).toMatchObject({
      actor_kind: 'system',
      actor_id: 'sync-no-pii',
      outcome: 'denied',
      reason_code: 'PII_NOT_CONFIGURED',
    });
    await expect(
      rdt.forReportDocument({
        principal: principalFor('viewer'),
        connection: CONNECTION,
        documentId: 'doc-1',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.parse((await lastEntry())?.details_json ?? '{}')).toMatchObject({
      purpose: 'report-document',
      paths: ['GET:reports:2021-06-30:documents:doc-1'],
      documentId: 'doc-1',
    });
    expect(await rdtCalls(world.control)).toBe(before);
  });

  it('an application without the restricted role is refused by Amazon: audited as denied', async () => {
    const rdt = serviceOn(roleless);
    const before = await rdtCalls(roleless.control);
    const error: unknown = await rdt
      .forOrderSync({ connection: CONNECTION, job: SYNC_JOB })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SPAPI_UNAUTHORIZED' });
    expect((await rdtCalls(roleless.control)) - before).toBe(1);
    expect(await lastEntry()).toMatchObject({
      actor_kind: 'system',
      organization_id: ORG_A,
      outcome: 'denied',
      reason_code: 'RDT_ROLE_MISSING',
    });
    const denied = await lastEntry();
    if (denied === undefined) throw new Error('no entry');
    const alerts = createRuleSet().evaluate(toObservedEntry(denied), []);
    expect(alerts.map((alert) => [alert.rule, alert.organizationId])).toEqual([
      [AlertRule.RDT_DENIED, ORG_A],
    ]);
    // A denial is not cached: the next request asks again (and is refused again).
    await expect(rdt.forOrderSync({ connection: CONNECTION, job: SYNC_JOB })).rejects.toMatchObject(
      {
        code: 'SPAPI_UNAUTHORIZED',
      },
    );
    expect((await rdtCalls(roleless.control)) - before).toBe(2);
  });

  it('a document that is not a restricted report document is a failure, not a denial', async () => {
    const rdt = serviceOn(world);
    await expect(
      rdt.forReportDocument({
        job: { id: 'report-job-1', fetchPii: true },
        connection: CONNECTION,
        documentId: 'amzn1.spdoc.1.4.na.unknown',
      }),
    ).rejects.toMatchObject({ code: 'SPAPI_ERROR' });
    expect(await lastEntry()).toMatchObject({
      actor_id: 'report-job-1',
      outcome: 'failure',
      reason_code: 'SPAPI_ERROR',
    });
  });

  it('no token in any audit entry or log line', async () => {
    expect(issuedTokens.length).toBeGreaterThan(0);
    expect(logger.lines.map((line) => line.message)).toEqual(
      expect.arrayContaining(['rdt.issued', 'rdt.refused']),
    );
    const trail = JSON.stringify(await t.db().selectFrom('audit_entries').selectAll().execute());
    const logs = `${logger.text()}\n${world.h.logger.text()}\n${roleless.h.logger.text()}`;
    for (const token of issuedTokens) {
      expect(trail).not.toContain(token);
      expect(logs).not.toContain(token);
    }
    expect(trail).not.toContain('Atz.sprdt');
    expect(logs).not.toContain('Atz.sprdt');
  });
});

describe('RDT service inputs', () => {
  it('refuses a path that would break out of its segment', async () => {
    const rdt = createRdtService({
      client: world.h.access.client,
      audit: { record: () => Promise.reject(new Error('not reached')) },
    });
    await expect(
      rdt.forOrderReveal({
        principal: principalFor('operator'),
        connection: CONNECTION,
        orderId: '../x',
        fields: ['phone'],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      rdt.forReportDocument({ job: SYNC_JOB, connection: CONNECTION, documentId: 'a/b' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
