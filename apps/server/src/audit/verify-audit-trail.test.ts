import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import type { Database } from '../storage/index.js';
import type { Kysely } from 'kysely';
import { entryHash } from './audit-chain.js';
import { runAuditVerify } from './audit-verify.command.js';
import { createAuditTrail } from './audit-trail.service.js';
import { createInMemorySigningKeyProvider } from './signing-key.provider.js';
import { dropAppendOnlyTriggers, sampleEntry } from './testing/audit-fixtures.js';
import { verifyAuditTrail, type AuditFindingKind } from './verify-audit-trail.js';

await ready();

/** Moves entry `from` to `to` (a free seq). */
async function move(db: Kysely<Database>, from: number, to: number): Promise<void> {
  await db.updateTable('audit_entries').set({ seq: to }).where('seq', '=', from).execute();
}

async function rehashFrom(db: Kysely<Database>, seq: number): Promise<void> {
  const rows = await db.selectFrom('audit_entries').selectAll().orderBy('seq').execute();
  let prev = rows.find((row) => row.seq === seq - 1)?.hash;
  for (const row of rows.filter((r) => r.seq >= seq)) {
    const prevHash = prev ?? row.prev_hash;
    const hash = entryHash(prevHash, row);
    await db
      .updateTable('audit_entries')
      .set({ prev_hash: prevHash, hash })
      .where('seq', '=', row.seq)
      .execute();
    prev = hash;
  }
}

describe('verifyAuditTrail', () => {
  forEachDialect((t) => {
    const keys = createInMemorySigningKeyProvider();
    const db = () => t.db();

    beforeAll(() => dropAppendOnlyTriggers(t.db(), t.dialect));
    beforeEach(async () => {
      await db().deleteFrom('audit_checkpoints').execute();
      await db().deleteFrom('audit_entries').execute();
      const audit = createAuditTrail({ db: db(), signingKeys: keys, checkpointEvery: 5 });
      for (let i = 0; i < 12; i += 1) await audit.record(sampleEntry());
    });

    const kinds = async (): Promise<AuditFindingKind[]> => {
      const result = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(result.ok).toBe(false);
      return [...new Set(result.findings.map((finding) => finding.kind))];
    };

    it('passes a clean trail', async () => {
      const result = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(result).toMatchObject({
        ok: true,
        entries: 12,
        checkpoints: 2,
        lastCheckpointSeq: 10,
      });
      const lines: string[] = [];
      expect(
        await runAuditVerify({
          db: db(),
          publicKeys: await keys.publicKeys(),
          out: (l) => lines.push(l),
        }),
      ).toBe(0);
      expect(lines.join('\n')).toMatch(/OK: chain intact/);
    });

    it('detects a modified entry', async () => {
      await db()
        .updateTable('audit_entries')
        .set({ details_json: '{"rows":999}' })
        .where('seq', '=', 7)
        .execute();
      const result = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(result.findings).toEqual([expect.objectContaining({ kind: 'modified', seq: 7 })]);
    });

    it('detects a modified entry whose hash was recomputed', async () => {
      const row = await db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('seq', '=', 7)
        .executeTakeFirstOrThrow();
      const forged = { ...row, outcome: 'failure' as const };
      await db()
        .updateTable('audit_entries')
        .set({ outcome: 'failure', hash: entryHash(row.prev_hash, forged) })
        .where('seq', '=', 7)
        .execute();
      expect(await kinds()).toEqual(['modified']);
    });

    it('detects a deleted entry', async () => {
      await db().deleteFrom('audit_entries').where('seq', '=', 7).execute();
      const result = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(result.findings).toEqual([expect.objectContaining({ kind: 'deleted', seq: 7 })]);
    });

    it('detects a deleted entry hidden by renumbering', async () => {
      await db().deleteFrom('audit_entries').where('seq', '=', 7).execute();
      for (let seq = 8; seq <= 12; seq += 1) await move(db(), seq, seq - 1);
      expect(await kinds()).toEqual(['deleted', 'checkpoint-mismatch']);
    });

    it('detects an inserted entry', async () => {
      for (let seq = 12; seq >= 8; seq -= 1) await move(db(), seq, seq + 1);
      const before = await db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('seq', '=', 7)
        .executeTakeFirstOrThrow();
      const fields = { ...before, seq: 8, action: 'key.rotate', request_id: null };
      await db()
        .insertInto('audit_entries')
        .values({ ...fields, prev_hash: before.hash, hash: entryHash(before.hash, fields) })
        .execute();
      const result = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(result.findings[0]).toMatchObject({ kind: 'inserted', seq: 8 });
      expect(await kinds()).toEqual(['inserted', 'checkpoint-mismatch']);
    });

    it('detects reordered entries', async () => {
      await move(db(), 6, 1000);
      await move(db(), 7, 6);
      await move(db(), 1000, 7);
      expect(await kinds()).toEqual(['reordered']);
    });

    it('detects a truncated trail', async () => {
      await db().deleteFrom('audit_entries').where('seq', '>', 8).execute();
      const result = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(result.findings).toEqual([expect.objectContaining({ kind: 'truncated', seq: 10 })]);
      const lines: string[] = [];
      expect(
        await runAuditVerify({
          db: db(),
          publicKeys: await keys.publicKeys(),
          out: (l) => lines.push(l),
        }),
      ).toBe(1);
      expect(lines.join('\n')).toMatch(
        /TAMPERED: 1 finding.*\n.*truncated.*entries 9\.\.10 were removed/,
      );
    });

    it('detects a chain rebuilt with recomputed hashes through the checkpoints', async () => {
      await db()
        .updateTable('audit_entries')
        .set({ outcome: 'denied', reason_code: 'FORBIDDEN' })
        .where('seq', '=', 3)
        .execute();
      await rehashFrom(db(), 3);
      expect(await kinds()).toEqual(['checkpoint-mismatch']);
    });

    it('detects a bad checkpoint signature and an unknown key', async () => {
      const other = await db()
        .selectFrom('audit_checkpoints')
        .select('signature')
        .where('seq', '=', 10)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('audit_checkpoints')
        .set({ signature: other.signature })
        .where('seq', '=', 5)
        .execute();
      await db()
        .updateTable('audit_checkpoints')
        .set({ key_id: 'forged-key' })
        .where('seq', '=', 10)
        .execute();
      const result = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(result.findings.map((f) => [f.kind, f.seq])).toEqual([
        ['bad-signature', 5],
        ['unknown-key', 10],
      ]);
    });

    it('reports a database error as exit code 2', async () => {
      const lines: string[] = [];
      const broken = db().withSchema('no_such_schema_x');
      const code = await runAuditVerify({ db: broken, publicKeys: [], out: (l) => lines.push(l) });
      expect(code).toBe(2);
      expect(lines).toEqual([expect.stringMatching(/^audit verify could not run/)]);
    });
  });
});
