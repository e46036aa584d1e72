import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { chainedText, checkpointMessage, entryHash } from './audit-chain.js';
import { AUDIT_GENESIS_HASH } from '../storage/index.js';
import { sha256Hex } from '../crypto/index.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('gives the same text whatever the insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('escapes like JSON and refuses non-integers', () => {
    expect(canonicalJson({ 'a"b': 'line\nbreak' })).toBe('{"a\\"b":"line\\nbreak"}');
    expect(() => canonicalJson(1.5)).toThrow(/integers only/);
    expect(() => canonicalJson(Number.NaN)).toThrow(/integers only/);
  });
});

describe('chain format v1', () => {
  const fields = {
    seq: 1,
    at: 1_900_000_000_000,
    actor_kind: 'system' as const,
    actor_id: null,
    organization_id: null,
    action: 'retention.run',
    target_type: null,
    target_id: null,
    outcome: 'success' as const,
    reason_code: null,
    request_id: null,
    details_json: '{"deleted":3}',
  };

  it('hashes prev_hash followed by the canonical fields, seq included', () => {
    const text =
      '{"action":"retention.run","actor_id":null,"actor_kind":"system","at":1900000000000,' +
      '"details_json":"{\\"deleted\\":3}","organization_id":null,"outcome":"success",' +
      '"reason_code":null,"request_id":null,"seq":1,"target_id":null,"target_type":null}';
    expect(chainedText(fields)).toBe(text);
    expect(entryHash(AUDIT_GENESIS_HASH, fields)).toBe(sha256Hex(AUDIT_GENESIS_HASH + text));
    expect(entryHash(AUDIT_GENESIS_HASH, { ...fields, seq: 2 })).not.toBe(
      entryHash(AUDIT_GENESIS_HASH, fields),
    );
  });

  it('signs a typed, canonical checkpoint message', () => {
    expect(checkpointMessage({ seq: 5, hash: 'ab', keyId: 'k1', at: 7 })).toBe(
      '{"at":7,"hash":"ab","keyId":"k1","seq":5,"type":"spapi-audit-checkpoint-v1"}',
    );
  });
});
