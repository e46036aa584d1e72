import { randomUUID } from 'node:crypto';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { AppError, isAppError } from '@spapi/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { newOrganization } from '../../test/storage-fixtures.js';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import { AUDIT_GENESIS_HASH } from '../storage/index.js';
import { entryHash, type StoredAuditEntry } from './audit-chain.js';
import { verifyCheckpointExport } from './audit-checkpoints.js';
import { createAuditTrail, type AuditTrailOptions } from './audit-trail.service.js';
import { createInMemorySigningKeyProvider } from './signing-key.provider.js';
import { failingAuditStore, sampleEntry } from './testing/audit-fixtures.js';
import { verifyAuditTrail } from './verify-audit-trail.js';

beforeAll(() => ready());

describe('AuditTrail', () => {
  forEachDialect((t) => {
    const keys = () => createInMemorySigningKeyProvider();
    const trail = (options: Partial<AuditTrailOptions> = {}) =>
      createAuditTrail({ db: t.db(), signingKeys: keys(), checkpointEvery: 0, ...options });
    const rows = () => t.db().selectFrom('audit_entries').selectAll().orderBy('seq').execute();

    it('appends hash-chained entries with canonical details', async () => {
      const audit = trail();
      const first = await audit.record(
        sampleEntry({ details: { ttlSeconds: 300, fields: ['a'] } }),
      );
      const second = await audit.record(
        sampleEntry({ outcome: 'denied', reasonCode: 'FORBIDDEN' }),
      );
      expect(first.seq).toBe(1);
      expect(first.prev_hash).toBe(AUDIT_GENESIS_HASH);
      expect(first.details_json).toBe('{"fields":["a"],"ttlSeconds":300}');
      expect(second.prev_hash).toBe(first.hash);
      const stored = await rows();
      expect(stored).toEqual([first, second]);
      for (const row of stored) expect(row.hash).toBe(entryHash(row.prev_hash, row));
    });

    it('keeps the chain contiguous under parallel writers', async () => {
      const audit = trail();
      const before = (await rows()).length;
      const written = await Promise.all(
        Array.from({ length: 40 }, () => audit.record(sampleEntry())),
      );
      const seqs = written.map((row) => row.seq).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => before + i + 1));
      const result = await verifyAuditTrail(t.db(), []);
      expect(result.findings).toEqual([]);
      expect(result.entries).toBe(before + 40);
    });

    it('copies each committed entry to the sink, and a failing sink fails nothing', async () => {
      const copies: StoredAuditEntry[] = [];
      const reported: string[] = [];
      const audit = trail({ sink: { write: (row) => copies.push(row) } });
      const row = await audit.record(sampleEntry());
      expect(copies).toEqual([row]);
      const broken = trail({
        sink: {
          write: () => {
            throw new Error('disk full');
          },
        },
        onBackgroundError: (stage) => reported.push(stage),
      });
      await expect(broken.record(sampleEntry())).resolves.toMatchObject({ seq: row.seq + 1 });
      expect(reported).toEqual(['sink']);
    });

    describe('an audit store that fails makes the action fail', () => {
      const failing = () =>
        createAuditTrail({ db: t.db().withPlugin(failingAuditStore), signingKeys: keys() });

      it('record throws AppError(INTERNAL)', async () => {
        const error: unknown = await failing()
          .record(sampleEntry())
          .catch((e: unknown) => e);
        expect(isAppError(error) && error.code).toBe('INTERNAL');
      });

      it('withAudit never returns the unaudited result', async () => {
        let ran = false;
        const call = failing().withAudit(sampleEntry(), () => {
          ran = true;
          return Promise.resolve('revealed address');
        });
        await expect(call).rejects.toMatchObject({ code: 'INTERNAL' });
        expect(ran).toBe(true);
      });

      it('withAuditedTransaction rolls the change back', async () => {
        const organization = newOrganization();
        const call = failing().withAuditedTransaction(sampleEntry(), async (trx) => {
          await trx.insertInto('organizations').values(organization).execute();
        });
        await expect(call).rejects.toMatchObject({ code: 'INTERNAL' });
        const found = await t
          .db()
          .selectFrom('organizations')
          .select('id')
          .where('id', '=', organization.id)
          .executeTakeFirst();
        expect(found).toBeUndefined();
      });
    });

    it('records a failed action with its code and rethrows the original error', async () => {
      const audit = trail();
      const denied = new AppError('FORBIDDEN');
      await expect(audit.withAudit(sampleEntry(), () => Promise.reject(denied))).rejects.toBe(
        denied,
      );
      const failed = new AppError('CONFLICT');
      const organization = newOrganization();
      await expect(
        audit.withAuditedTransaction(sampleEntry(), async (trx) => {
          await trx.insertInto('organizations').values(organization).execute();
          throw failed;
        }),
      ).rejects.toBe(failed);
      const tail = (await rows()).slice(-2);
      expect(tail.map((row) => [row.outcome, row.reason_code])).toEqual([
        ['denied', 'FORBIDDEN'],
        ['failure', 'CONFLICT'],
      ]);
    });

    it('commits a change and its entry together', async () => {
      const audit = trail();
      const organization = newOrganization();
      const row = await audit.withAuditedTransaction(
        (id: string) => sampleEntry({ target: { type: 'organization', id } }),
        async (trx) => {
          await trx.insertInto('organizations').values(organization).execute();
          return organization.id;
        },
      );
      expect(row).toBe(organization.id);
      expect((await rows()).at(-1)?.target_id).toBe(organization.id);
    });

    it('signs checkpoints every N entries and on demand, exportable for offline checks', async () => {
      const signingKeys = createInMemorySigningKeyProvider();
      const audit = createAuditTrail({ db: t.db(), signingKeys, checkpointEvery: 5 });
      for (let i = 0; i < 7; i += 1) await audit.record(sampleEntry({ requestId: randomUUID() }));
      const onDemand = await audit.checkpoint();
      const again = await audit.checkpoint();
      expect(again).toEqual(onDemand);
      const exported = await audit.exportCheckpoints();
      expect(exported.checkpoints.length).toBeGreaterThanOrEqual(2);
      expect(exported.checkpoints.at(-1)?.seq).toBe(onDemand?.seq);
      expect(verifyCheckpointExport(JSON.parse(JSON.stringify(exported)))).toEqual([]);

      // An auditor needs only Node's crypto (or any Ed25519 tool) and the document.
      const [key] = exported.publicKeys;
      const publicKey = createPublicKey({ key: key!.jwk, format: 'jwk' });
      for (const checkpoint of exported.checkpoints) {
        const signature = Buffer.from(checkpoint.signature, 'base64');
        expect(nodeVerify(null, Buffer.from(checkpoint.message), publicKey, signature)).toBe(true);
      }
      const forged = structuredClone(exported);
      forged.checkpoints[0]!.hash = 'f'.repeat(64);
      forged.checkpoints[0]!.message = forged.checkpoints[0]!.message.replace(
        /"hash":"\w+"/,
        `"hash":"${'f'.repeat(64)}"`,
      );
      expect(verifyCheckpointExport(forged)).toEqual([forged.checkpoints[0]!.seq]);
      expect(verifyCheckpointExport({ type: 'other' })).toBe('malformed');
      const result = await verifyAuditTrail(t.db(), await signingKeys.publicKeys());
      expect(result.findings).toEqual([]);
    });
  });
});
