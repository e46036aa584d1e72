import { describe, expect, it } from 'vitest';
import { AlertRule, createRuleSet, DEFAULT_THRESHOLDS } from './alert-rules.js';
import { toObservedEntry } from './observed-entry.js';
import {
  CANARY_VALUES,
  canaryDetailsJson,
  canaryStrings,
  storedEntry,
  T0,
} from './testing/alert-fixtures.js';
import type { StoredAuditEntry } from '../audit/audit-chain.js';

const thresholds = {
  ...DEFAULT_THRESHOLDS,
  piiRevealsPerWindow: 3,
  signInFailuresPerAccount: 2,
  signInFailuresOverall: 4,
};

function run(entries: StoredAuditEntry[], canaries: readonly string[] = []) {
  const rules = createRuleSet(thresholds);
  return entries.map((entry) => {
    const observed = toObservedEntry(entry);
    return rules.evaluate(
      observed,
      observed.namedIds.filter((id) => canaries.includes(id)),
    );
  });
}

describe('alert rules', () => {
  it('pii-reveal-rate: N reveals in the window raise nothing, N+1 raise one', () => {
    const actor = 'user-1';
    const reveals = Array.from({ length: 4 }, (_, i) =>
      storedEntry({ actor_id: actor, at: T0 + i * 1000 }),
    );
    const raised = run(reveals);
    expect(raised.slice(0, 3).flat()).toEqual([]);
    expect(raised[3]).toHaveLength(1);
    expect(raised[3]?.[0]).toMatchObject({
      rule: AlertRule.PII_REVEAL_RATE,
      severity: 'warning',
      userId: actor,
      details: { count: 4, threshold: 3, action: 'pii.reveal' },
    });
  });

  it('pii-reveal-rate: reveals older than the window no longer count; users count apart', () => {
    const hour = DEFAULT_THRESHOLDS.piiRevealWindowMs;
    const entries = [
      ...Array.from({ length: 3 }, (_, i) => storedEntry({ actor_id: 'a', at: T0 + i })),
      storedEntry({ actor_id: 'b', at: T0 + 10 }),
      storedEntry({ actor_id: 'a', at: T0 + hour + 1 }),
      storedEntry({ outcome: 'denied', reason_code: 'FORBIDDEN', actor_id: 'a', at: T0 + 20 }),
    ];
    expect(run(entries).flat()).toEqual([]);
  });

  it('sign-in failures: per account over its threshold, overall over its own', () => {
    const failure = (account: string | null, at: number) =>
      storedEntry({
        action: 'auth.sign-in',
        outcome: 'failure',
        reason_code: 'INVALID_CREDENTIALS',
        actor_kind: 'system',
        actor_id: null,
        target_type: account === null ? null : 'user',
        target_id: account,
        at,
      });
    const raised = run([
      failure('acct-1', T0),
      failure('acct-1', T0 + 1),
      failure('acct-1', T0 + 2), // 3 > 2: account alert
      failure(null, T0 + 3), // unknown account: overall only (4, not > 4)
      failure('acct-2', T0 + 4), // overall 5 > 4
    ]).map((alerts) => alerts.map((alert) => alert.rule));
    expect(raised).toEqual([
      [],
      [],
      [AlertRule.SIGN_IN_FAILURES_ACCOUNT],
      [],
      [AlertRule.SIGN_IN_FAILURES_GLOBAL],
    ]);
  });

  it('rdt-denied fires on a denial only; audit verification on a failed verify', () => {
    const raised = run([
      storedEntry({ action: 'rdt.request', outcome: 'success' }),
      storedEntry({ action: 'rdt.request', outcome: 'denied', reason_code: 'RDT_DENIED' }),
      storedEntry({ action: 'audit.verify', outcome: 'success', target_type: 'audit-trail' }),
      storedEntry({ action: 'audit.verify', outcome: 'failure', reason_code: 'TAMPERED' }),
    ]).map((alerts) => alerts.map((alert) => alert.rule));
    expect(raised).toEqual([[], [AlertRule.RDT_DENIED], [], [AlertRule.AUDIT_VERIFICATION_FAILED]]);
  });

  it('a seller needing re-authorization raises an alert', () => {
    const raised = run([
      storedEntry({
        action: 'amazon.reauthorization-required',
        outcome: 'failure',
        reason_code: 'INVALID_GRANT',
        target_type: 'seller-grant',
        target_id: 'conn-1',
      }),
      storedEntry({ action: 'amazon.connect', outcome: 'success' }),
    ]).map((alerts) => alerts.map((alert) => alert.rule));
    expect(raised).toEqual([[AlertRule.SELLER_REAUTHORIZATION_REQUIRED], []]);
  });

  it('canary-touch fires on the first touch, in the target or in the details', () => {
    const canary = '902-0000000-0000001';
    const raised = run(
      [
        storedEntry({ action: 'data.export', target_id: canary }),
        storedEntry({
          action: 'data.export',
          target_type: 'export',
          target_id: 'exp-1',
          details_json: JSON.stringify({ orderIds: ['111-1', canary] }),
        }),
        storedEntry({ action: 'pii.reveal' }),
      ],
      [canary],
    );
    expect(raised[0]?.map((alert) => alert.rule)).toEqual([AlertRule.CANARY_TOUCH]);
    expect(raised[0]?.[0]?.severity).toBe('critical');
    expect(raised[0]?.[0]?.details.canaryIds).toEqual([canary]);
    expect(raised[1]?.map((alert) => alert.rule)).toEqual([AlertRule.CANARY_TOUCH]);
    expect(raised[2]).toEqual([]);
  });

  it('gives the same dedupe key within a window and a new one in the next', () => {
    const actor = 'user-9';
    const hour = DEFAULT_THRESHOLDS.piiRevealWindowMs;
    const start = Math.floor(T0 / hour) * hour;
    const keys = run(
      Array.from({ length: 6 }, (_, i) => storedEntry({ actor_id: actor, at: start + i })).concat(
        Array.from({ length: 4 }, (_, i) =>
          storedEntry({ actor_id: actor, at: start + 2 * hour + i }),
        ),
      ),
    )
      .flat()
      .map((alert) => alert.dedupeKey);
    expect(new Set(keys).size).toBe(2);
  });

  it('copies no reason code, request id or detail value into an alert', () => {
    const canary = 'canary-order-1';
    const alerts = run(
      [
        storedEntry({
          action: 'rdt.request',
          outcome: 'denied',
          reason_code: CANARY_VALUES.reasonCode,
          request_id: CANARY_VALUES.requestId,
          target_id: canary,
          details_json: canaryDetailsJson(),
        }),
      ],
      [canary],
    ).flat();
    expect(alerts).toHaveLength(2);
    const text = JSON.stringify(alerts);
    for (const value of canaryStrings()) expect(text).not.toContain(value);
  });

  it('ignores its own alert.raise entries', () => {
    const canary = 'canary-order-2';
    const entry = storedEntry({ action: 'alert.raise', target_type: 'alert', target_id: canary });
    expect(run([entry], [canary]).flat()).toEqual([]);
  });
});
