/**
 * The hash chain, format v1. For the entry stored at `seq`:
 *
 *   hash = SHA-256( prev_hash || canonicalJson(fields) )     (lower-case hex; UTF-8 bytes)
 *
 * where `prev_hash` is the previous entry's `hash` (64 hex characters; the first entry uses
 * AUDIT_GENESIS_HASH, 64 zeros) and `fields` is every stored column except `hash` and
 * `prev_hash`, under its column name, with `details_json` as the exact stored text:
 *
 *   { action, actor_id, actor_kind, at, details_json, organization_id, outcome, reason_code,
 *     request_id, seq, target_id, target_type }
 *
 * `seq` is inside the hash, so moving an entry to another position changes its hash.
 *
 * A checkpoint signs (Ed25519, detached) the UTF-8 bytes of
 *
 *   canonicalJson({ at, hash, keyId, seq, type: "spapi-audit-checkpoint-v1" })
 */
import { sha256Hex } from '../crypto/index.js';
import type { EpochMillis, Row } from '../storage/index.js';
import { canonicalJson } from './canonical-json.js';

export const CHECKPOINT_MESSAGE_TYPE = 'spapi-audit-checkpoint-v1';

/** An entry as stored: exactly the `audit_entries` columns. */
export type StoredAuditEntry = Readonly<Row<'audit_entries'>>;

export type ChainedFields = Omit<StoredAuditEntry, 'hash' | 'prev_hash'>;

/** The canonical text that is hashed after `prev_hash` (exported for auditors' tooling tests). */
export function chainedText(fields: ChainedFields): string {
  return canonicalJson({
    action: fields.action,
    actor_id: fields.actor_id,
    actor_kind: fields.actor_kind,
    at: fields.at,
    details_json: fields.details_json,
    organization_id: fields.organization_id,
    outcome: fields.outcome,
    reason_code: fields.reason_code,
    request_id: fields.request_id,
    seq: fields.seq,
    target_id: fields.target_id,
    target_type: fields.target_type,
  });
}

export function entryHash(prevHash: string, fields: ChainedFields): string {
  return sha256Hex(`${prevHash}${chainedText(fields)}`);
}

export interface CheckpointClaim {
  readonly seq: number;
  readonly hash: string;
  readonly keyId: string;
  readonly at: EpochMillis;
}

/** The exact text an audit checkpoint signature covers. */
export function checkpointMessage(claim: CheckpointClaim): string {
  return canonicalJson({
    at: claim.at,
    hash: claim.hash,
    keyId: claim.keyId,
    seq: claim.seq,
    type: CHECKPOINT_MESSAGE_TYPE,
  });
}
