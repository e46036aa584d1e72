import { AppError, ErrorCode } from '@spapi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { ready } from '../crypto/index.js';
import { getCheckpoint } from '../orders/index.js';
import { createOrderVaultKit, newSeller } from '../orders/testing/order-fixtures.js';
import type { VaultKit } from '../pii-vault/testing/vault-fixtures.js';
import { LwaInvalidGrantError } from '../spapi/index.js';
import { createOrderSync, type SyncableConnection } from './order-sync.js';
import type { OrdersSource } from './orders-source.js';
import { createSyncEventHub } from './sync-events.js';
import { createSyncRunRepository } from './sync-run.repository.js';

// The engine's failure handling with scripted sources, on both dialects: marketplaces are
// independent (one failing does not hold up the others, the run still ends failed with the
// first code), a refused grant pauses the run at once, and every run ends with a finished row.

beforeAll(ready);

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

describe('order sync engine: failures', () => {
  forEachDialect((t) => {
    let kit: VaultKit;
    beforeAll(() => {
      kit = createOrderVaultKit(t.db());
    });
    afterAll(() => {
      kit.close();
    });

    async function engine(source: OrdersSource, marketplaceIds: readonly string[]) {
      const seller = await newSeller(t.db(), kit);
      const connection: SyncableConnection = {
        id: seller.connectionId,
        organizationId: seller.organizationId,
        sellingPartnerId: 'A1FAILURESELLER',
        region: 'na',
        status: 'active',
        marketplaceIds,
        ordersApiVersion: '2026-01-01',
      };
      const marked: string[] = [];
      const sync = createOrderSync({
        db: t.db(),
        vault: kit.vault,
        executor: { run: (_seller, task) => task() },
        sources: { v0: source, '2026-01-01': source },
        connections: {
          findById: (id) => Promise.resolve(id === connection.id ? connection : undefined),
          markNeedsReauthorization: (id, reason) => {
            marked.push(`${id}:${reason}`);
            return Promise.resolve(true);
          },
        },
        runs: createSyncRunRepository(t.db()),
        events: createSyncEventHub(),
      });
      return { sync, connection, marked };
    }

    const emptyPage = { orders: [], listed: 0, nextToken: null, bound: Date.now() - 120_000 };

    it('a failing marketplace does not hold up the next one; the run ends failed', async () => {
      const asked: string[] = [];
      const { sync, connection } = await engine(
        (request) => {
          asked.push(request.marketplaceId);
          if (request.marketplaceId === US) {
            return Promise.reject(new AppError(ErrorCode.SPAPI_ERROR, { message: 'malformed' }));
          }
          return Promise.resolve(emptyPage);
        },
        [US, CA],
      );
      const outcome = await sync.run(connection.id, 'schedule');
      expect(asked).toEqual([US, CA]);
      expect(outcome).toMatchObject({ status: 'failed', errorCode: 'SPAPI_ERROR' });
      expect(await getCheckpoint(t.db(), connection.id, US)).toBeNull();
      expect(await getCheckpoint(t.db(), connection.id, CA)).toMatchObject({ nextToken: null });
      const run = await createSyncRunRepository(t.db()).findById(outcome.runId ?? '');
      expect(run).toMatchObject({ status: 'failed', errorCode: 'SPAPI_ERROR', pages: 1 });
      expect(run?.finishedAt).toEqual(expect.any(Number));
    });

    it('a refused grant pauses the run at once and flags the connection', async () => {
      const asked: string[] = [];
      const { sync, connection, marked } = await engine(
        (request) => {
          asked.push(request.marketplaceId);
          return Promise.reject(
            new LwaInvalidGrantError(
              { grantType: 'refresh_token', httpStatus: 400, oauthError: 'invalid_grant' },
              1,
            ),
          );
        },
        [US, CA],
      );
      const outcome = await sync.run(connection.id, 'schedule');
      expect(outcome).toMatchObject({ status: 'paused', errorCode: 'NEEDS_REAUTHORIZATION' });
      expect(asked).toEqual([US]);
      expect(marked).toEqual([`${connection.id}:INVALID_GRANT`]);
    });

    it('a window ends where its first page said, also when resumed after a restart', async () => {
      const B1 = Date.UTC(2030, 0, 15, 12, 0, 0);
      const later = B1 + 10 * 60_000;
      // Pages echo a later bound after the first one (as Amazon might): the first one counts.
      const pages = [
        { orders: [], listed: 0, nextToken: 'page-2', bound: B1 },
        { orders: [], listed: 0, nextToken: null, bound: later },
      ];
      let call = 0;
      const { sync, connection } = await engine(() => {
        const page = pages[call] ?? pages[1];
        call += 1;
        return Promise.resolve(page ?? emptyPage);
      }, [US]);
      expect((await sync.run(connection.id, 'schedule')).status).toBe('succeeded');
      expect(await getCheckpoint(t.db(), connection.id, US)).toMatchObject({
        lastUpdatedAfter: B1 - 1000,
        nextToken: null,
        windowBound: null,
      });

      // A process stopped after page 1: the checkpoint holds the token and the first bound.
      await t
        .db()
        .updateTable('sync_checkpoints')
        .set({ next_token: 'page-2', window_bound: B1, last_updated_after: B1 - 3_600_000 })
        .where('connection_id', '=', connection.id)
        .execute();
      call = 1;
      expect((await sync.run(connection.id, 'schedule')).status).toBe('succeeded');
      expect(await getCheckpoint(t.db(), connection.id, US)).toMatchObject({
        lastUpdatedAfter: B1 - 1000,
        nextToken: null,
      });
    });

    it('an aborted run ends interrupted', async () => {
      const controller = new AbortController();
      const { sync, connection } = await engine(() => {
        controller.abort(new Error('stopping'));
        return Promise.reject(new Error('aborted'));
      }, [US]);
      const outcome = await sync.run(connection.id, 'schedule', controller.signal);
      expect(outcome).toMatchObject({ status: 'interrupted', errorCode: 'INTERRUPTED' });
    });
  });
});
