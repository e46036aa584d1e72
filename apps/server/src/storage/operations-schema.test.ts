import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { T0 } from '../../test/storage-fixtures.js';
import { forEachDialect } from '../../test/storage-harness.js';
import { ALERT_SEVERITIES } from './schema-values.js';

describe('alerts and mail schema', () => {
  forEachDialect((t) => {
    it('round-trips alerts of every severity with defaults', async () => {
      for (const severity of ALERT_SEVERITIES) {
        const alert = {
          id: randomUUID(),
          rule: 'pii-reveal-rate',
          severity,
          organization_id: randomUUID(),
          user_id: randomUUID(),
          dedupe_key: `pii-reveal-rate:${severity}:${T0}`,
          created_at: T0,
        };
        await t.db().insertInto('alerts').values(alert).execute();
        const row = await t
          .db()
          .selectFrom('alerts')
          .selectAll()
          .where('id', '=', alert.id)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({
          ...alert,
          details_json: '{}',
          notified_at: null,
          notify_attempts: 0,
          last_notify_error: null,
          acknowledged_at: null,
          acknowledged_by: null,
        });
      }
    });

    it('deduplicates alerts by key, allows many without one, refuses unknown severities', async () => {
      const base = { rule: 'canary-touch', severity: 'critical' as const, created_at: T0 };
      await t
        .db()
        .insertInto('alerts')
        .values({ ...base, id: randomUUID(), dedupe_key: 'k' })
        .execute();
      await expect(
        t
          .db()
          .insertInto('alerts')
          .values({ ...base, id: randomUUID(), dedupe_key: 'k' })
          .execute(),
      ).rejects.toThrow(/unique constraint/i);
      await t
        .db()
        .insertInto('alerts')
        .values({ ...base, id: randomUUID() })
        .execute();
      await t
        .db()
        .insertInto('alerts')
        .values({ ...base, id: randomUUID() })
        .execute();
      await expect(
        t
          .db()
          .insertInto('alerts')
          .values({ ...base, id: randomUUID(), severity: 'panic' as 'info' })
          .execute(),
      ).rejects.toThrow(/alerts_severity/);
    });

    it('round-trips outbox mail with a binary payload and updates its delivery state', async () => {
      const payload = randomBytes(300);
      const mail = {
        id: randomUUID(),
        template: 'invitation',
        recipient: 'new.user@example.test',
        payload_ciphertext: payload,
        payload_key_id: 'kek-2030-01',
        created_at: T0,
        next_attempt_at: T0,
      };
      await t.db().insertInto('outbox_mail').values(mail).execute();
      await t
        .db()
        .updateTable('outbox_mail')
        .set({ sent_at: T0 + 1, attempts: 1 })
        .where('id', '=', mail.id)
        .execute();
      const row = await t
        .db()
        .selectFrom('outbox_mail')
        .selectAll()
        .where('id', '=', mail.id)
        .executeTakeFirstOrThrow();
      expect(Buffer.compare(row.payload_ciphertext, payload)).toBe(0);
      expect(row).toMatchObject({ attempts: 1, sent_at: T0 + 1, last_error_code: null });
    });
  });
});
