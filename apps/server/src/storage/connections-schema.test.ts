import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import {
  AMAZON_CONNECTION_STATUSES,
  AMAZON_REGION_VALUES,
  ORDERS_API_VERSIONS,
} from './schema-values.js';

const NOW = Date.UTC(2030, 0, 1);

describe('seller connections schema', () => {
  forEachDialect((t) => {
    async function organization(): Promise<string> {
      const id = randomUUID();
      await t
        .db()
        .insertInto('organizations')
        .values({ id, name: 'Harbour', created_at: NOW, updated_at: NOW })
        .execute();
      return id;
    }

    const connection = (organizationId: string, overrides: Record<string, unknown> = {}) => ({
      id: randomUUID(),
      organization_id: organizationId,
      selling_partner_id: `A${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`,
      region: 'na' as const,
      status: 'active' as const,
      refresh_token_ciphertext: new Uint8Array([1, 2, 3]),
      connected_by: randomUUID(),
      connected_at: NOW,
      updated_at: NOW,
      ...overrides,
    });

    it('accepts every region, status and Orders API version it lists', async () => {
      const org = await organization();
      for (const region of AMAZON_REGION_VALUES) {
        for (const status of AMAZON_CONNECTION_STATUSES) {
          for (const version of ORDERS_API_VERSIONS) {
            await t
              .db()
              .insertInto('amazon_connections')
              .values(connection(org, { region, status, orders_api_version: version }))
              .execute();
          }
        }
      }
      const count = await t
        .db()
        .selectFrom('amazon_connections')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('organization_id', '=', org)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(18);
    });

    it('refuses unknown values, a live connection without its token, and a duplicate seller', async () => {
      const org = await organization();
      const insert = (values: Record<string, unknown>) =>
        t.db().insertInto('amazon_connections').values(connection(org, values)).execute();
      await expect(insert({ status: 'paused' })).rejects.toThrow();
      await expect(insert({ region: 'us' })).rejects.toThrow();
      await expect(insert({ orders_api_version: 'v1' })).rejects.toThrow();
      await expect(insert({ refresh_token_ciphertext: null })).rejects.toThrow();
      await insert({ status: 'disconnected', refresh_token_ciphertext: null });
      await insert({ selling_partner_id: 'A1DUPLICATE1' });
      await expect(insert({ selling_partner_id: 'A1DUPLICATE1' })).rejects.toThrow(
        /unique constraint/i,
      );
      await insert({ selling_partner_id: 'A1DUPLICATE1', region: 'eu' });
    });
  });
});
