import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { hexHash, T0 } from '../../test/storage-fixtures.js';
import { forEachDialect } from '../../test/storage-harness.js';
import type { NewRow } from './database.types.js';
import { AUDIT_ACTOR_KINDS, AUDIT_GENESIS_HASH, AUDIT_OUTCOMES } from './schema-values.js';

function entry(seq: number, prevHash: string, overrides: Partial<NewRow<'audit_entries'>> = {}) {
  return {
    seq,
    at: T0 + seq,
    prev_hash: prevHash,
    hash: hexHash(),
    actor_kind: 'user',
    actor_id: 'f5b0c7de-0000-4000-8000-000000000001',
    organization_id: 'f5b0c7de-0000-4000-8000-0000000000aa',
    action: 'auth.sign-in',
    target_type: 'session',
    target_id: 'f5b0c7de-0000-4000-8000-0000000000bb',
    outcome: 'success',
    reason_code: null,
    request_id: '0d9f7a54-3c41-4c33-9d7e-2b8f5e1c0a11',
    details_json: '{"method":"password+totp"}',
    ...overrides,
  } satisfies NewRow<'audit_entries'>;
}

describe('audit schema', () => {
  forEachDialect((t) => {
    const seqs = { next: 1, head: AUDIT_GENESIS_HASH };
    async function append(overrides: Partial<NewRow<'audit_entries'>> = {}) {
      const row = entry(seqs.next, seqs.head, overrides);
      await t.db().insertInto('audit_entries').values(row).execute();
      seqs.next += 1;
      seqs.head = row.hash;
      return row;
    }

    it('round-trips a chain of entries with every actor kind and outcome', async () => {
      const written = [];
      for (const actor_kind of AUDIT_ACTOR_KINDS) {
        for (const outcome of AUDIT_OUTCOMES) written.push(await append({ actor_kind, outcome }));
      }
      const rows = await t.db().selectFrom('audit_entries').selectAll().orderBy('seq').execute();
      expect(rows).toEqual(written);
      expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    });

    it('defaults details_json to {} and refuses malformed rows', async () => {
      const withoutDetails: NewRow<'audit_entries'> = entry(seqs.next, seqs.head);
      delete withoutDetails.details_json;
      await t.db().insertInto('audit_entries').values(withoutDetails).execute();
      const row = await t
        .db()
        .selectFrom('audit_entries')
        .select('details_json')
        .where('seq', '=', seqs.next)
        .executeTakeFirstOrThrow();
      expect(row.details_json).toBe('{}');
      seqs.head = withoutDetails.hash;
      seqs.next += 1;

      const insert = (row: NewRow<'audit_entries'>) =>
        t.db().insertInto('audit_entries').values(row).execute();
      await expect(insert(entry(seqs.next - 1, seqs.head))).rejects.toThrow(/unique|primary/i);
      await expect(insert(entry(0, seqs.head))).rejects.toThrow(/audit_entries_seq/);
      await expect(insert(entry(seqs.next, 'abc'))).rejects.toThrow(/audit_entries_hashes/);
      await expect(
        insert(entry(seqs.next, seqs.head, { outcome: 'maybe' as 'success' })),
      ).rejects.toThrow(/audit_entries_outcome/);
    });

    it('refuses UPDATE and DELETE of audit entries, through Kysely and raw SQL', async () => {
      const row = await append();
      const refused = /append-only table: audit_entries/;
      await expect(
        t
          .db()
          .updateTable('audit_entries')
          .set({ outcome: 'failure' })
          .where('seq', '=', row.seq)
          .execute(),
      ).rejects.toThrow(refused);
      await expect(
        t.db().deleteFrom('audit_entries').where('seq', '=', row.seq).execute(),
      ).rejects.toThrow(refused);
      await expect(t.db().deleteFrom('audit_entries').execute()).rejects.toThrow(refused);
      await expect(sql`update audit_entries set action = 'x'`.execute(t.db())).rejects.toThrow(
        refused,
      );
      if (t.dialect === 'postgres') {
        await expect(sql`truncate audit_entries`.execute(t.db())).rejects.toThrow(refused);
      }
      const kept = await t
        .db()
        .selectFrom('audit_entries')
        .selectAll()
        .where('seq', '=', row.seq)
        .executeTakeFirst();
      expect(kept).toEqual(row);
      await append();
    });

    it('keeps checkpoints append-only too', async () => {
      const checkpoint = {
        seq: 1,
        hash: hexHash(),
        signature: 'c2lnbmF0dXJl',
        key_id: 'audit-2030-01',
        at: T0,
      };
      await t.db().insertInto('audit_checkpoints').values(checkpoint).execute();
      expect(await t.db().selectFrom('audit_checkpoints').selectAll().execute()).toEqual([
        checkpoint,
      ]);
      const refused = /append-only table: audit_checkpoints/;
      await expect(
        t.db().updateTable('audit_checkpoints').set({ key_id: 'forged' }).execute(),
      ).rejects.toThrow(refused);
      await expect(t.db().deleteFrom('audit_checkpoints').execute()).rejects.toThrow(refused);
      if (t.dialect === 'postgres') {
        await expect(sql`truncate audit_checkpoints`.execute(t.db())).rejects.toThrow(refused);
      }
    });

    it('refuses the change inside a transaction and loses no entry', async () => {
      const row = await append();
      await expect(
        t
          .db()
          .transaction()
          .execute(async (trx) => {
            await trx.deleteFrom('audit_entries').where('seq', '=', row.seq).execute();
          }),
      ).rejects.toThrow(/append-only/);
      const count = await t
        .db()
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(seqs.next - 1);
    });
  });
});
