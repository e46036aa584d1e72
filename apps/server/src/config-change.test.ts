import { beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../test/storage-harness.js';
import { createAuditTrail, createInMemorySigningKeyProvider } from './audit/index.js';
import { verifyAuditTrail } from './audit/verify-audit-trail.js';
import { recordConfigurationChange } from './config-change.js';
import { loadConfig } from './config/index.js';
import { ready } from './crypto/index.js';

const base = {
  SERVER_MODE: 'demo',
  DATA_DIR: '/var/lib/parcel-desk',
  DATABASE_URL: 'postgres://app:s3cret-db-password@db.internal:5432/desk',
};

describe('configuration changes are audited at start-up', () => {
  beforeAll(() => ready());

  forEachDialect((t) => {
    const trail = () =>
      createAuditTrail({
        db: t.db(),
        signingKeys: createInMemorySigningKeyProvider(),
        checkpointEvery: 0,
      });

    it('records the first start, nothing for an unchanged start, and the sections that changed', async () => {
      const audit = trail();
      const first = await recordConfigurationChange(t.db(), audit, loadConfig(base));
      expect(first).toMatchObject({ action: 'config.change', reason_code: 'FIRST_START' });

      expect(await recordConfigurationChange(t.db(), audit, loadConfig(base))).toBeUndefined();

      const changed = await recordConfigurationChange(
        t.db(),
        audit,
        loadConfig({ ...base, CORS_ORIGINS: 'https://partner.example.com', LOG_LEVEL: 'debug' }),
      );
      expect(changed).toBeDefined();
      const details = JSON.parse(changed?.details_json ?? '{}') as { changed: string[] };
      expect(details.changed.sort()).toEqual(['http', 'logging']);
      // Digests only: no value of the configuration is in the trail.
      const rows = JSON.stringify(await t.db().selectFrom('audit_entries').selectAll().execute());
      for (const value of ['partner.example.com', 'db.internal', 's3cret-db-password', 'debug']) {
        expect(rows).not.toContain(value);
      }
      expect((await verifyAuditTrail(t.db(), [])).findings).toEqual([]);
    });
  });
});
