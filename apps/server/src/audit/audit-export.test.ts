import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import type { Database } from '../storage/index.js';
import { entryHash } from './audit-chain.js';
import { compareWithExport, type ExportFindingKind } from './audit-export-compare.js';
import { readAuditExport } from './audit-export-reader.js';
import { writeAuditExport } from './audit-export.js';
import { exportRecordSchema, type ExportRecord } from './audit-export.format.js';
import { createAuditTrail } from './audit-trail.service.js';
import { runAuditVerify } from './audit-verify.command.js';
import { createInMemorySigningKeyProvider } from './signing-key.provider.js';
import { dropAppendOnlyTriggers, sampleEntry } from './testing/audit-fixtures.js';
import { verifyAuditTrail } from './verify-audit-trail.js';

await ready();

const NOW = Date.UTC(2026, 0, 15, 12);

let dir: string;
let fileCount = 0;
const nextFile = () => join(dir, `export-${String((fileCount += 1))}.jsonl`);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function records(file: string): ExportRecord[] {
  return readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => exportRecordSchema.parse(JSON.parse(line)));
}

/** Writes a copy of `file` with `edit` applied to each record. */
function tamperedCopy(file: string, edit: (record: ExportRecord) => ExportRecord): string {
  const copy = nextFile();
  writeFileSync(
    copy,
    records(file)
      .map((r) => `${JSON.stringify(edit(r))}\n`)
      .join(''),
  );
  return copy;
}

async function move(db: Kysely<Database>, from: number, to: number): Promise<void> {
  await db.updateTable('audit_entries').set({ seq: to }).where('seq', '=', from).execute();
}

describe('audit export', () => {
  forEachDialect((t) => {
    const keys = createInMemorySigningKeyProvider();
    const db = () => t.db();
    let file = '';

    const verifyAgainst = async (against: string) => {
      const lines: string[] = [];
      const code = await runAuditVerify({
        db: db(),
        publicKeys: await keys.publicKeys(),
        out: (line) => lines.push(line),
        against,
      });
      return { code, text: lines.join('\n') };
    };
    const compare = async (against = file) =>
      compareWithExport(db(), await readAuditExport(against), await keys.publicKeys());
    const findings = async (against = file): Promise<[ExportFindingKind, number][]> =>
      (await compare(against)).findings.map((finding) => [finding.kind, finding.seq]);

    beforeAll(() => dropAppendOnlyTriggers(db(), t.dialect));
    beforeEach(async () => {
      await db().deleteFrom('audit_checkpoints').execute();
      await db().deleteFrom('audit_entries').execute();
      const audit = createAuditTrail({ db: db(), signingKeys: keys, checkpointEvery: 5 });
      for (let i = 0; i < 12; i += 1) await audit.record(sampleEntry());
      file = nextFile();
      await writeAuditExport({ db: db(), signingKeys: keys, file, now: NOW, pageSize: 5 });
    });

    it('round-trips: a 0600 file with every entry, checkpoint and key, verifiable offline', async () => {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      const all = records(file);
      expect(all.map((r) => r.record)).toEqual([
        'header',
        ...Array<string>(12).fill('entry'),
        'checkpoint',
        'checkpoint',
        'end',
      ]);
      const stored = await db().selectFrom('audit_entries').selectAll().orderBy('seq').execute();
      const entries = all.filter((r) => r.record === 'entry');
      expect(entries.map(({ record: _, ...row }) => row)).toEqual(stored);
      for (const entry of entries) expect(entryHash(entry.prev_hash, entry)).toBe(entry.hash);
      expect(all.at(-1)).toEqual({
        record: 'end',
        entries: 12,
        checkpoints: 2,
        lastSeq: 12,
        lastHash: stored.at(-1)?.hash,
      });
      const header = all[0];
      if (header?.record !== 'header') throw new Error('no header');
      expect(header.exportedAt).toBe('2026-01-15T12:00:00.000Z');
      const publicKey = createPublicKey({ key: header.publicKeys[0]!.jwk, format: 'jwk' });
      for (const checkpoint of all.filter((r) => r.record === 'checkpoint')) {
        const signature = Buffer.from(checkpoint.signature, 'base64');
        expect(nodeVerify(null, Buffer.from(checkpoint.message), publicKey, signature)).toBe(true);
      }

      const parsed = await readAuditExport(file);
      expect(parsed.chainBreaks).toEqual([]);
      expect(await compare()).toMatchObject({ ok: true, entries: 12, lastSeq: 12, checkpoints: 2 });
      const clean = await verifyAgainst(file);
      expect(clean.code).toBe(0);
      expect(clean.text).toMatch(/OK: chain intact/);
      expect(clean.text).toMatch(/export .*: 12 entries \(last seq 12\), 2 checkpoints\nOK: /);
    });

    it('exports only up to the head, and newer entries do not disturb the comparison', async () => {
      const audit = createAuditTrail({ db: db(), signingKeys: keys, checkpointEvery: 5 });
      for (let i = 0; i < 4; i += 1) await audit.record(sampleEntry());
      expect(await findings()).toEqual([]);
    });

    it('never overwrites a file, and leaves none when publishing is refused', async () => {
      const again = writeAuditExport({ db: db(), signingKeys: keys, file, now: NOW });
      await expect(again).rejects.toMatchObject({ code: 'EEXIST' });
      const refused = nextFile();
      const publish = writeAuditExport({
        db: db(),
        signingKeys: keys,
        file: refused,
        now: NOW,
        beforePublish: () => Promise.reject(new Error('audit entry not written')),
      });
      await expect(publish).rejects.toThrow('audit entry not written');
      expect(
        readdirSync(dir).filter((name) => name.includes(refused.slice(dir.length + 1))),
      ).toEqual([]);
    });

    it('exports an empty trail', async () => {
      await db().deleteFrom('audit_checkpoints').execute();
      await db().deleteFrom('audit_entries').execute();
      const empty = nextFile();
      const summary = await writeAuditExport({
        db: db(),
        signingKeys: keys,
        file: empty,
        now: NOW,
      });
      expect(summary).toMatchObject({ entries: 0, lastSeq: null, checkpoints: 0, publicKeys: 1 });
      expect(await findings(empty)).toEqual([]);
    });

    it('detects a deleted entry', async () => {
      await db().deleteFrom('audit_entries').where('seq', '=', 7).execute();
      expect(await findings()).toEqual([['deleted', 7]]);
      expect((await verifyAgainst(file)).code).toBe(1);
    });

    it('detects a deleted entry hidden by renumbering', async () => {
      await db().deleteFrom('audit_entries').where('seq', '=', 7).execute();
      for (let seq = 8; seq <= 12; seq += 1) await move(db(), seq, seq - 1);
      const result = await compare();
      expect(result.findings.map((f) => [f.kind, f.seq, f.message])).toEqual([
        ['deleted', 7, 'exported entry 7 is missing from the trail'],
        ['reordered', 8, 'exported entries 8..12 are now at seq 7..11'],
      ]);
    });

    it('detects a modified entry, with or without a recomputed hash', async () => {
      await db()
        .updateTable('audit_entries')
        .set({ details_json: '{"rows":999}' })
        .where('seq', '=', 7)
        .execute();
      expect(await findings()).toEqual([['modified', 7]]);
      const row = await db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('seq', '=', 7)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('audit_entries')
        .set({ hash: entryHash(row.prev_hash, row) })
        .where('seq', '=', 7)
        .execute();
      expect(await findings()).toEqual([['modified', 7]]);
      const { code, text } = await verifyAgainst(file);
      expect(code).toBe(1);
      expect(text).toMatch(/TAMPERED: 1 finding\(s\) against the export\n\s+modified\s+seq 7/);
    });

    it('detects reordered entries', async () => {
      await move(db(), 6, 1000);
      await move(db(), 7, 6);
      await move(db(), 1000, 7);
      const result = await compare();
      expect(result.findings.map((f) => [f.kind, f.seq, f.message])).toEqual([
        ['reordered', 6, 'exported entry 6 is now at seq 7'],
        ['reordered', 7, 'exported entry 7 is now at seq 6'],
      ]);
    });

    it('detects a truncated tail that the trail alone no longer shows', async () => {
      await db().deleteFrom('audit_entries').where('seq', '>', 8).execute();
      await db().deleteFrom('audit_checkpoints').where('seq', '>', 8).execute();
      const alone = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(alone.ok).toBe(true); // the tail and its checkpoint are both gone
      expect(await findings()).toEqual([
        ['truncated', 9],
        ['checkpoint-deleted', 10],
      ]);
      const { code, text } = await verifyAgainst(file);
      expect(code).toBe(1);
      expect(text).toContain('the trail ends at seq 8: exported entries 9..12 were removed');
    });

    it('detects a checkpoint replaced in the trail', async () => {
      const fifth = await db()
        .selectFrom('audit_checkpoints')
        .select('signature')
        .where('seq', '=', 5)
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('audit_checkpoints')
        .set({ signature: fifth.signature })
        .where('seq', '=', 10)
        .execute();
      expect(await findings()).toEqual([['checkpoint-modified', 10]]);
    });

    it('detects an inserted entry through the trail verifier, and the shift against the export', async () => {
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
      const alone = await verifyAuditTrail(db(), await keys.publicKeys());
      expect(alone.findings[0]).toMatchObject({ kind: 'inserted', seq: 8 });
      expect(await findings()).toEqual([['reordered', 8]]);
      const { code, text } = await verifyAgainst(file);
      expect(code).toBe(1);
      expect(text).toMatch(/inserted\s+seq 8/);
      expect(text).toContain('exported entries 8..12 are now at seq 9..13');
    });

    it('reports a tampered export: bad signature, unknown key, edited entry', async () => {
      const all = records(file).filter((r) => r.record === 'checkpoint');
      const tenth = all.find((r) => r.seq === 10);
      const forged = tamperedCopy(file, (r) =>
        r.record === 'checkpoint' && r.seq === 5 ? { ...r, signature: tenth!.signature } : r,
      );
      expect(await findings(forged)).toEqual([['export-bad-signature', 5]]);
      const { code, text } = await verifyAgainst(forged);
      expect(code).toBe(1);
      expect(text).toContain('export checkpoint 5 has an invalid signature');

      const unknownKey = tamperedCopy(file, (r) =>
        r.record === 'checkpoint' && r.seq === 10 ? { ...r, keyId: 'forged-key' } : r,
      );
      expect(await findings(unknownKey)).toEqual([['export-unknown-key', 10]]);

      const edited = tamperedCopy(file, (r) =>
        r.record === 'entry' && r.seq === 3 ? { ...r, outcome: 'denied' } : r,
      );
      expect(await findings(edited)).toEqual([['export-chain-broken', 3]]);
    });

    it.each([
      [
        'a missing file',
        (): string => join(dir, 'no-such-export.jsonl'),
        /cannot read the file \(ENOENT\)/,
      ],
      [
        'a file that is not JSON lines',
        (): string => {
          const path = nextFile();
          writeFileSync(path, 'hello\n');
          return path;
        },
        /line 1: not a JSON object/,
      ],
      [
        'a checkpoint export instead',
        (): string => {
          const path = nextFile();
          writeFileSync(path, `${JSON.stringify({ type: 'spapi-audit-checkpoints' })}\n`);
          return path;
        },
        /line 1: not a valid export record/,
      ],
      [
        'a file cut short',
        (): string => {
          const path = nextFile();
          const text = readFileSync(file, 'utf8').split('\n').slice(0, 6).join('\n');
          writeFileSync(path, `${text}\n`);
          return path;
        },
        /ends without its end record/,
      ],
      [
        'a file with entries removed',
        (): string => tamperedCopy(file, (r) => (r.record === 'end' ? { ...r, entries: 13 } : r)),
        /the end record does not match/,
      ],
    ])('exits 2 for %s, with a message and no stack', async (_name, makeFile, reason) => {
      const path = makeFile();
      const { code, text } = await verifyAgainst(path);
      expect(code).toBe(2);
      expect(text.split('\n')).toHaveLength(1);
      expect(text).toContain(`audit verify could not run: export ${path}: `);
      expect(text).toMatch(reason);
      expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    });
  });
});
