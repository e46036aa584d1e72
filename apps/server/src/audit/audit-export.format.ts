/**
 * The full audit export, format `spapi-audit-export` v1: JSON lines (UTF-8, one JSON object per
 * line, `\n` after each), so a trail of any length is written and read as a stream.
 *
 *   line 1    {"record":"header","type":"spapi-audit-export","version":1,"exportedAt":…,
 *              "chain":{…},"signature":{…},"publicKeys":[…]}
 *   then      {"record":"entry", …every audit_entries column under its column name…}
 *             in seq order, up to the head read when the export began
 *   then      {"record":"checkpoint","seq":…,"hash":…,"at":…,"keyId":…,"signature":…,"message":…}
 *             in seq order (those at or below that head)
 *   last      {"record":"end","entries":N,"checkpoints":M,"lastSeq":…,"lastHash":…}
 *
 * `chain` and `signature` spell out the hash and signature rules (as in the checkpoint export), so
 * an auditor can re-check every entry hash and checkpoint signature with their own tools. The
 * `end` record tells a complete file from one cut short. Entries hold ids, codes and counts only.
 */
import { z } from 'zod';
import { AUDIT_ACTOR_KINDS, AUDIT_OUTCOMES } from '../storage/index.js';
import type { StoredAuditEntry } from './audit-chain.js';
import {
  chainDescriptionSchema,
  exportedCheckpointSchema,
  exportedPublicKeySchema,
  hex64Schema,
  signatureDescriptionSchema,
} from './audit-checkpoints.js';

export const AUDIT_EXPORT_TYPE = 'spapi-audit-export';

const text = z.string().max(1024);
const seqSchema = z.number().int().positive();

export const exportHeaderSchema = z.strictObject({
  record: z.literal('header'),
  type: z.literal(AUDIT_EXPORT_TYPE),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  chain: chainDescriptionSchema,
  signature: signatureDescriptionSchema,
  publicKeys: z.array(exportedPublicKeySchema),
});

export const exportEntrySchema = z.strictObject({
  record: z.literal('entry'),
  seq: seqSchema,
  at: z.number().int(),
  prev_hash: hex64Schema,
  hash: hex64Schema,
  actor_kind: z.enum(AUDIT_ACTOR_KINDS),
  actor_id: text.nullable(),
  organization_id: text.nullable(),
  action: text,
  target_type: text.nullable(),
  target_id: text.nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  reason_code: text.nullable(),
  request_id: text.nullable(),
  details_json: z.string().max(65_536),
});

export const exportCheckpointSchema = exportedCheckpointSchema.extend({
  record: z.literal('checkpoint'),
});

export const exportEndSchema = z.strictObject({
  record: z.literal('end'),
  entries: z.number().int().nonnegative(),
  checkpoints: z.number().int().nonnegative(),
  lastSeq: seqSchema.nullable(),
  lastHash: hex64Schema.nullable(),
});

export const exportRecordSchema = z.discriminatedUnion('record', [
  exportHeaderSchema,
  exportEntrySchema,
  exportCheckpointSchema,
  exportEndSchema,
]);
export type ExportHeader = z.infer<typeof exportHeaderSchema>;
export type ExportEntry = z.infer<typeof exportEntrySchema>;
export type ExportCheckpoint = z.infer<typeof exportCheckpointSchema>;
export type ExportEnd = z.infer<typeof exportEndSchema>;
export type ExportRecord = z.infer<typeof exportRecordSchema>;

/** An entry as exported: its columns, named and ordered explicitly. */
export function entryRecord(row: StoredAuditEntry): ExportEntry {
  return {
    record: 'entry',
    seq: row.seq,
    at: row.at,
    prev_hash: row.prev_hash,
    hash: row.hash,
    actor_kind: row.actor_kind,
    actor_id: row.actor_id,
    organization_id: row.organization_id,
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    outcome: row.outcome,
    reason_code: row.reason_code,
    request_id: row.request_id,
    details_json: row.details_json,
  };
}
