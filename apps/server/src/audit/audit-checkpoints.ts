/**
 * Signed checkpoints of the chain head and their export for auditors. A checkpoint says "at time
 * `at`, the entry at `seq` had hash `hash`", signed with the audit Ed25519 key: whoever later
 * rewrites the chain up to `seq` cannot produce a matching signature, and an auditor who keeps
 * an export can prove entries were removed from the tail.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { sign, verify } from '../crypto/index.js';
import { AUDIT_GENESIS_HASH, type Database, type Row } from '../storage/index.js';
import { CHECKPOINT_MESSAGE_TYPE, checkpointMessage } from './audit-chain.js';
import { isUniqueViolation, type ChainHead } from './audit-append.js';
import type { AuditPublicKey, SigningKeyProvider } from './signing-key.provider.js';

export type StoredCheckpoint = Readonly<Row<'audit_checkpoints'>>;

/** Signs `head` and stores the checkpoint; an existing checkpoint at that seq is returned as is. */
export async function storeCheckpoint(
  db: Kysely<Database>,
  keys: SigningKeyProvider,
  head: ChainHead,
  at: number,
): Promise<StoredCheckpoint> {
  const existing = await findCheckpoint(db, head.seq);
  if (existing !== undefined) return existing;
  const checkpoint = await keys.withSigningKey(({ keyId, secretKey }) => {
    const message = checkpointMessage({ seq: head.seq, hash: head.hash, keyId, at });
    const signature = Buffer.from(sign(secretKey, message)).toString('base64');
    return { seq: head.seq, hash: head.hash, signature, key_id: keyId, at };
  });
  try {
    await db.insertInto('audit_checkpoints').values(checkpoint).execute();
    return checkpoint;
  } catch (error) {
    const raced = isUniqueViolation(error) ? await findCheckpoint(db, head.seq) : undefined;
    if (raced === undefined) throw error;
    return raced;
  }
}

function findCheckpoint(db: Kysely<Database>, seq: number): Promise<StoredCheckpoint | undefined> {
  return db.selectFrom('audit_checkpoints').selectAll().where('seq', '=', seq).executeTakeFirst();
}

/** True when the checkpoint's signature is valid under the key it names. */
export function checkpointSignatureValid(
  checkpoint: StoredCheckpoint,
  publicKeys: ReadonlyMap<string, Uint8Array>,
): boolean {
  const publicKey = publicKeys.get(checkpoint.key_id);
  if (publicKey === undefined) return false;
  const message = checkpointMessage({ ...checkpoint, keyId: checkpoint.key_id });
  return verify(publicKey, message, Buffer.from(checkpoint.signature, 'base64'));
}

export function publicKeyMap(keys: readonly AuditPublicKey[]): ReadonlyMap<string, Uint8Array> {
  return new Map(keys.map((key) => [key.keyId, key.publicKey]));
}

export const hex64Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** How the chain is computed, spelled out in every export for an auditor's own tooling. */
export const chainDescriptionSchema = z.object({
  hash: z.literal('sha256'),
  genesis: hex64Schema,
  rule: z.string(),
});

export const signatureDescriptionSchema = z.object({
  algorithm: z.literal('ed25519'),
  messageType: z.literal(CHECKPOINT_MESSAGE_TYPE),
  rule: z.string(),
});

export const exportedPublicKeySchema = z.object({
  keyId: z.string(),
  /** Raw 32-byte key, base64. */
  publicKey: z.base64(),
  /** The same key as a JWK, for `crypto.createPublicKey({ format: 'jwk' })` and friends. */
  jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.base64url() }),
});

export const exportedCheckpointSchema = z.object({
  seq: z.number().int().positive(),
  hash: hex64Schema,
  at: z.number().int(),
  keyId: z.string(),
  signature: z.base64(),
  /** The exact UTF-8 text that was signed. */
  message: z.string(),
});
export type ExportedCheckpoint = z.infer<typeof exportedCheckpointSchema>;

export const checkpointExportSchema = z.object({
  type: z.literal('spapi-audit-checkpoints'),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  chain: chainDescriptionSchema,
  signature: signatureDescriptionSchema,
  publicKeys: z.array(exportedPublicKeySchema),
  checkpoints: z.array(exportedCheckpointSchema),
});
export type CheckpointExport = z.infer<typeof checkpointExportSchema>;

export function chainDescription(): z.infer<typeof chainDescriptionSchema> {
  return {
    hash: 'sha256',
    genesis: AUDIT_GENESIS_HASH,
    rule: 'hash = sha256hex(prev_hash || JCS({action,actor_id,actor_kind,at,details_json,organization_id,outcome,reason_code,request_id,seq,target_id,target_type}))',
  };
}

export function signatureDescription(): z.infer<typeof signatureDescriptionSchema> {
  return {
    algorithm: 'ed25519',
    messageType: CHECKPOINT_MESSAGE_TYPE,
    rule: 'signature = ed25519(utf8(message)); message = JCS({at,hash,keyId,seq,type})',
  };
}

export function exportedPublicKeys(
  keys: readonly AuditPublicKey[],
): z.infer<typeof exportedPublicKeySchema>[] {
  return keys.map(({ keyId, publicKey }) => ({
    keyId,
    publicKey: Buffer.from(publicKey).toString('base64'),
    jwk: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
  }));
}

export function exportedCheckpoint(row: StoredCheckpoint): ExportedCheckpoint {
  return {
    seq: row.seq,
    hash: row.hash,
    at: row.at,
    keyId: row.key_id,
    signature: row.signature,
    message: checkpointMessage({ ...row, keyId: row.key_id }),
  };
}

export async function exportCheckpointDocument(
  db: Kysely<Database>,
  keys: SigningKeyProvider,
  now: number,
): Promise<CheckpointExport> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  return {
    type: 'spapi-audit-checkpoints',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    chain: chainDescription(),
    signature: signatureDescription(),
    publicKeys: exportedPublicKeys(await keys.publicKeys()),
    checkpoints: rows.map(exportedCheckpoint),
  };
}

/**
 * Offline check of an export: every signature valid under the listed keys and every message
 * matching its fields. Returns the seqs that fail (empty: all good).
 */
export function verifyCheckpointExport(document: unknown): readonly number[] | 'malformed' {
  const parsed = checkpointExportSchema.safeParse(document);
  if (!parsed.success) return 'malformed';
  const keys = new Map(
    parsed.data.publicKeys.map((key) => [key.keyId, Buffer.from(key.publicKey, 'base64')]),
  );
  return parsed.data.checkpoints
    .filter((checkpoint) => {
      const row = { ...checkpoint, key_id: checkpoint.keyId };
      const expected = checkpointMessage(checkpoint);
      return expected !== checkpoint.message || !checkpointSignatureValid(row, keys);
    })
    .map((checkpoint) => checkpoint.seq);
}
