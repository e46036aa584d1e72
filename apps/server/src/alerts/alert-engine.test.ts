import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { createAuditTrail } from '../audit/audit-trail.service.js';
import { createInMemorySigningKeyProvider } from '../audit/signing-key.provider.js';
import type { AuditVerification } from '../audit/verify-audit-trail.js';
import { ready } from '../crypto/index.js';
import { createAlertEngine, type AlertEngineOptions } from './alert-engine.service.js';
import { AlertRule } from './alert-rules.js';
import { createAlertRepository, type AlertRepository } from './alert.repository.js';
import { auditVerificationAlert } from './audit-verification.alert.js';
import { createInMemoryCanaryRegistry } from './canary-registry.js';
import { CANARY_VALUES, canaryStrings, ORG_ID, storedEntry, T0 } from './testing/alert-fixtures.js';

beforeAll(() => ready());

const THRESHOLD = 5;

describe('AlertEngine', () => {
  forEachDialect((t) => {
    const setup = (overrides: Partial<AlertEngineOptions> = {}) => {
      const repository = createAlertRepository(t.db());
      const canaries = createInMemoryCanaryRegistry();
      const engine = createAlertEngine({
        repository,
        canaries,
        thresholds: { piiRevealsPerWindow: THRESHOLD },
        ...overrides,
      });
      let now = T0;
      const trail = createAuditTrail({
        db: t.db(),
        signingKeys: createInMemorySigningKeyProvider(),
        checkpointEvery: 0,
        clock: () => (now += 1),
        sink: engine, // the engine sits behind the trail: it sees committed entries only
      });
      return { repository, canaries, engine, trail };
    };
    const reveal = (actor: string) => ({
      actor: { kind: 'user' as const, id: actor },
      action: 'pii.reveal' as const,
      organizationId: ORG_ID,
      target: { type: 'order' as const, id: '113-1234567-7654321' },
      outcome: 'success' as const,
    });
    const rowsFor = (userId: string) =>
      t.db().selectFrom('alerts').selectAll().where('user_id', '=', userId).execute();

    it('raises nothing at N reveals per hour and exactly one at N+1 and beyond', async () => {
      const { engine, trail } = setup();
      const actor = randomUUID();
      for (let i = 0; i < THRESHOLD; i += 1) await trail.record(reveal(actor));
      await engine.idle();
      expect(await rowsFor(actor)).toEqual([]);
      await trail.record(reveal(actor));
      await engine.idle();
      const [alert, ...more] = await rowsFor(actor);
      expect(more).toEqual([]);
      expect(alert).toMatchObject({ rule: AlertRule.PII_REVEAL_RATE, organization_id: ORG_ID });
      for (let i = 0; i < 4; i += 1) await trail.record(reveal(actor));
      await engine.idle();
      expect(await rowsFor(actor)).toHaveLength(1); // deduplicated within the window
      expect(engine.stats()).toMatchObject({ raised: 1, deduplicated: 4, failures: 0 });
    });

    it('alerts on the first touch of a canary order, whatever the action', async () => {
      const { engine, trail, canaries, repository } = setup();
      const canary = `902-${String(Date.now()).slice(-7)}-0000001`;
      canaries.add(canary);
      const actor = randomUUID();
      await trail.record({
        actor: { kind: 'user', id: actor },
        action: 'access.deny',
        organizationId: ORG_ID,
        target: { type: 'order', id: canary },
        outcome: 'denied',
        reasonCode: CANARY_VALUES.reasonCode,
        requestId: CANARY_VALUES.requestId,
        details: { note: CANARY_VALUES.detailId, items: [...CANARY_VALUES.detailList] },
      });
      await engine.idle();
      const [alert, ...more] = await rowsFor(actor);
      expect(more).toEqual([]);
      expect(alert).toMatchObject({ rule: AlertRule.CANARY_TOUCH, severity: 'critical' });
      const stored = await repository.findById(alert?.id ?? '');
      expect(stored?.details.canaryIds).toEqual([canary]);
      const text = JSON.stringify(alert);
      for (const value of canaryStrings()) expect(text).not.toContain(value);
    });

    it('stores an audit verification failure as counts of finding kinds', async () => {
      const { engine, repository } = setup();
      const verification: AuditVerification = {
        ok: false,
        entries: 10,
        lastSeq: 10,
        checkpoints: 0,
        lastCheckpointSeq: null,
        findings: [
          { kind: 'modified', seq: 3, message: 'x' },
          { kind: 'deleted', seq: 5, message: 'y' },
          { kind: 'modified', seq: 7, message: 'z' },
        ],
        omittedFindings: 0,
      };
      const candidate = auditVerificationAlert(verification, T0);
      expect(candidate).toBeDefined();
      if (candidate === undefined) return;
      engine.raise(candidate);
      engine.raise(candidate);
      await engine.idle();
      const alerts = (await repository.list()).filter(
        (alert) => alert.rule === AlertRule.AUDIT_VERIFICATION_FAILED,
      );
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.details).toMatchObject({
        findingKinds: ['deleted', 'modified'],
        findings: 3,
        modifiedCount: 2,
      });
    });

    it('lists and acknowledges alerts', async () => {
      const { engine, repository } = setup();
      const actor = randomUUID();
      for (let i = 0; i <= THRESHOLD; i += 1) engine.observe(storedEntry({ actor_id: actor }));
      await engine.idle();
      const open = await repository.list({ status: 'open' });
      const mine = open.find((alert) => alert.userId === actor);
      expect(mine).toBeDefined();
      expect(await repository.acknowledge(mine?.id ?? '', 'admin-1', T0 + 5)).toBe(true);
      expect(await repository.acknowledge(mine?.id ?? '', 'admin-1', T0 + 6)).toBe(false);
      const acknowledged = await repository.list({ status: 'acknowledged' });
      expect(acknowledged.find((alert) => alert.id === mine?.id)).toMatchObject({
        acknowledgedAt: T0 + 5,
        acknowledgedBy: 'admin-1',
      });
    });

    it('never throws into the caller and never waits, even when storage fails', async () => {
      const failing: AlertRepository = {
        ...createAlertRepository(t.db()),
        insertIfNew: () => Promise.reject(new Error('database down')),
      };
      const onError = vi.fn();
      const canaries = createInMemoryCanaryRegistry(['canary-x']);
      const engine = createAlertEngine({ repository: failing, canaries, onError });
      const insert = vi.spyOn(failing, 'insertIfNew');
      expect(() => {
        engine.observe(storedEntry({ target_id: 'canary-x' }));
        engine.observe({ ...storedEntry(), details_json: 'not json' });
      }).not.toThrow();
      expect(insert).not.toHaveBeenCalled(); // queued, not processed in the caller's turn
      await engine.idle();
      expect(onError).toHaveBeenCalledWith('store', expect.any(Error));
      expect(engine.stats()).toMatchObject({ observed: 2, raised: 0, failures: 1 });
    });

    it('survives a throwing canary registry and a throwing hook', async () => {
      const onError = vi.fn();
      const engine = createAlertEngine({
        repository: createAlertRepository(t.db()),
        canaries: { match: () => Promise.reject(new Error('registry down')) },
        thresholds: { piiRevealsPerWindow: 0 },
        onError,
        onRaised: () => {
          throw new Error('hook failed');
        },
      });
      engine.observe(storedEntry({ actor_id: randomUUID() }));
      await engine.idle();
      expect(onError.mock.calls.map(([stage]: unknown[]) => stage)).toEqual([
        'canary-lookup',
        'hook',
      ]);
      expect(engine.stats().raised).toBe(1);
    });

    it('drops the oldest entries when the queue is full, and says so', async () => {
      const onError = vi.fn();
      const engine = createAlertEngine({
        repository: createAlertRepository(t.db()),
        canaries: createInMemoryCanaryRegistry(),
        maxQueue: 2,
        onError,
      });
      for (let i = 0; i < 5; i += 1) engine.observe(storedEntry());
      await engine.idle();
      expect(engine.stats()).toMatchObject({ observed: 5, dropped: 3 });
      expect(onError).toHaveBeenCalledWith('overflow', expect.any(Error));
    });
  });
});
