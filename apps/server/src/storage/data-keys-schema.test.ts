import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newOrganization, T0 } from '../../test/storage-fixtures.js';
import { forEachDialect } from '../../test/storage-harness.js';
import type { NewRow } from './database.types.js';
import { DATA_KEY_PURPOSES } from './schema-values.js';

function newDataKey(
  organizationId: string,
  overrides: Partial<NewRow<'data_keys'>> = {},
): NewRow<'data_keys'> {
  return {
    id: randomUUID(),
    organization_id: organizationId,
    purpose: 'pii-field',
    scope: 'default',
    version: 1,
    wrapped_key: randomBytes(73),
    master_key_version: 'env',
    created_at: T0,
    ...overrides,
  };
}

describe('data keys schema', () => {
  forEachDialect((t) => {
    const organization = async (): Promise<string> => {
      const org = newOrganization();
      await t.db().insertInto('organizations').values(org).execute();
      return org.id;
    };
    const insert = (row: NewRow<'data_keys'>) =>
      t.db().insertInto('data_keys').values(row).execute();

    it('round-trips a key of every purpose with its wrapped bytes', async () => {
      const orgId = await organization();
      for (const purpose of DATA_KEY_PURPOSES) {
        const key = newDataKey(orgId, { purpose });
        await insert(key);
        const row = await t
          .db()
          .selectFrom('data_keys')
          .selectAll()
          .where('id', '=', key.id)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({
          purpose,
          scope: 'default',
          version: 1,
          master_key_version: 'env',
          created_at: T0,
          retired_at: null,
          destroyed_at: null,
        });
        expect(Buffer.compare(row.wrapped_key ?? Buffer.alloc(0), key.wrapped_key as Buffer)).toBe(
          0,
        );
      }
    });

    it('allows one row per version of a chain, and the same version in another scope', async () => {
      const orgId = await organization();
      await insert(newDataKey(orgId));
      await expect(insert(newDataKey(orgId))).rejects.toThrow(/unique/i);
      await insert(newDataKey(orgId, { version: 2 }));
      await insert(newDataKey(orgId, { scope: 'period:2030-01' }));
      await insert(newDataKey(orgId, { purpose: 'blind-index' }));
    });

    it('refuses unknown purposes, empty scopes, version 0 and unknown organizations', async () => {
      const orgId = await organization();
      await expect(
        insert(newDataKey(orgId, { purpose: 'signing' as 'pii-field' })),
      ).rejects.toThrow(/data_keys_purpose/);
      await expect(insert(newDataKey(orgId, { scope: '' }))).rejects.toThrow(/data_keys_scope/);
      await expect(insert(newDataKey(orgId, { scope: 'x'.repeat(65) }))).rejects.toThrow(
        /data_keys_scope/,
      );
      await expect(insert(newDataKey(orgId, { version: 0 }))).rejects.toThrow(/data_keys_version/);
      await expect(insert(newDataKey(randomUUID()))).rejects.toThrow(/foreign key/i);
    });

    it('keeps a wrapped key exactly while the key is live', async () => {
      const orgId = await organization();
      await expect(insert(newDataKey(orgId, { master_key_version: null }))).rejects.toThrow(
        /data_keys_wrapped_with_master/,
      );
      await expect(insert(newDataKey(orgId, { retired_at: T0 }))).rejects.toThrow(
        /data_keys_erased_when_ended/,
      );
      await expect(
        insert(newDataKey(orgId, { wrapped_key: null, master_key_version: null })),
      ).rejects.toThrow(/data_keys_erased_when_ended/);
      await expect(
        insert(
          newDataKey(orgId, {
            wrapped_key: null,
            master_key_version: null,
            retired_at: T0,
            destroyed_at: T0,
          }),
        ),
      ).rejects.toThrow(/data_keys_retired_or_destroyed/);

      const key = newDataKey(orgId, { version: 5 });
      await insert(key);
      await t
        .db()
        .updateTable('data_keys')
        .set({ wrapped_key: null, master_key_version: null, destroyed_at: T0 + 1 })
        .where('id', '=', key.id)
        .execute();
      const row = await t
        .db()
        .selectFrom('data_keys')
        .selectAll()
        .where('id', '=', key.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ wrapped_key: null, destroyed_at: T0 + 1, retired_at: null });
    });
  });
});
