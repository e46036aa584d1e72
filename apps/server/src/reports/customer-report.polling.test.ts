/**
 * Polling on both dialects with a scripted SP-API client (the simulator's timeline is fixed):
 * each step is one getReport as one executor task, the wait doubles up to its cap, a transient
 * failure keeps the status and waits, and a report that never finishes is given up.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../test/storage-harness.js';
import { T0 } from '../../test/storage-fixtures.js';
import { createConnectionRepository } from '../connections/index.js';
import { ready } from '../crypto/index.js';
import { createVaultKit, type VaultKit } from '../pii-vault/testing/vault-fixtures.js';
import {
  SpapiError,
  createReportDocumentDownloader,
  createSellerExecutor,
  createHttpClient,
  type SpapiClient,
} from '../spapi/index.js';
import { manualClock } from '../testing/manual-clock.js';
import { createRdtService } from '../rdt/index.js';
import {
  CUSTOMER_REPORT_ENCRYPTED_COLUMNS,
  REPORT_PII_RETENTION_MS,
  UNSHIPPED_ORDERS_REPORT,
} from './customer-report-columns.js';
import { INTERRUPTED_AFTER_MS, createCustomerReportService } from './customer-report.service.js';
import { insertReport } from './customer-report.repository.js';
import { MARKETPLACE_US } from './testing/report-world.js';

beforeAll(ready);

type Answer = string | Error;

forEachDialect((t) => {
  let kit: VaultKit;
  let connectionId: string;

  beforeAll(async () => {
    kit = createVaultKit(t.db());
    kit.columns.register(...CUSTOMER_REPORT_ENCRYPTED_COLUMNS);
    const organizationId = await kit.organization();
    connectionId = randomUUID();
    await t
      .db()
      .insertInto('amazon_connections')
      .values({
        id: connectionId,
        organization_id: organizationId,
        selling_partner_id: 'A1POLLINGTEST',
        region: 'na',
        marketplace_ids_json: JSON.stringify([MARKETPLACE_US]),
        status: 'active',
        refresh_token_ciphertext: new Uint8Array(16),
        refresh_token_key_id: 'test-key',
        connected_by: randomUUID(),
        connected_at: T0,
        updated_at: T0,
      })
      .execute();
  });
  afterAll(() => {
    kit.close();
  });

  /** A client answering getReport with the scripted statuses (or errors), in order. */
  function scripted(answers: readonly Answer[]) {
    const calls: string[] = [];
    const client: Pick<SpapiClient, 'call'> = {
      call: (operation) => {
        calls.push(operation);
        if (operation === 'reports20210630.createReport') {
          return Promise.resolve({
            status: 202,
            body: { reportId: '50000000042' },
            requestId: null,
            rateLimit: null,
            attempts: 1,
          });
        }
        const answer = answers[Math.min(calls.length - 2, answers.length - 1)] ?? 'IN_QUEUE';
        if (answer instanceof Error) return Promise.reject(answer);
        return Promise.resolve({
          status: 200,
          body: {
            reportId: '50000000042',
            reportType: 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING',
            createdTime: '2030-01-15T12:00:00+00:00',
            processingStatus: answer,
          },
          requestId: null,
          rateLimit: null,
          attempts: 1,
        });
      },
    };
    return { client, calls };
  }

  function serviceWith(client: Pick<SpapiClient, 'call'>, maxPolls = 150) {
    const clock = manualClock(T0);
    const executor = createSellerExecutor();
    let tasks = 0;
    const service = createCustomerReportService({
      db: t.db(),
      vault: kit.vault,
      client,
      executor: {
        run: (sellerId, task, priority) => {
          tasks += 1;
          return executor.run(sellerId, task, priority);
        },
      },
      rdt: createRdtService({ client, audit: kit.audit, clock }),
      downloader: createReportDocumentDownloader({ http: createHttpClient({ userAgent: 'test' }) }),
      audit: kit.audit,
      connections: createConnectionRepository(t.db()),
      clock,
      poll: { maxPolls },
    });
    return { service, clock, tasks: () => tasks };
  }

  const nextPollAt = async (id: string) =>
    await t
      .db()
      .selectFrom('customer_reports')
      .select(['next_poll_at', 'poll_count', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('one getReport per step, as one executor task; the wait doubles; a transient failure waits too', async () => {
    const throttled = new SpapiError('reports20210630.getReport', { httpStatus: 429 }, 5);
    const { client, calls } = scripted([
      'IN_QUEUE',
      'IN_PROGRESS',
      throttled,
      'IN_PROGRESS',
      'CANCELLED',
    ]);
    const { service, clock, tasks } = serviceWith(client);
    const report = await service.request({ jobId: 'poll-test' }, { connectionId });
    expect(await nextPollAt(report.id)).toEqual({
      next_poll_at: T0 + 2_000,
      poll_count: 0,
      status: 'in-queue',
    });

    expect((await service.step(report.id)).status).toBe('in-queue');
    expect(await nextPollAt(report.id)).toMatchObject({ next_poll_at: T0 + 4_000, poll_count: 1 });
    clock.advance(4_000);
    expect((await service.step(report.id)).status).toBe('in-progress');
    expect(await nextPollAt(report.id)).toMatchObject({ next_poll_at: T0 + 12_000, poll_count: 2 });
    expect((await service.step(report.id)).status).toBe('in-progress');
    expect(await nextPollAt(report.id)).toMatchObject({ next_poll_at: T0 + 20_000, poll_count: 3 });
    expect(await service.runToCompletion(report.id)).toMatchObject({ status: 'cancelled' });
    expect(calls.filter((c) => c === 'reports20210630.getReport')).toHaveLength(5);
    expect(tasks()).toBe(6);
    expect(clock.sleeps).toEqual([32_000]);
  });

  it('a report that never finishes is given up as REPORT_TIMEOUT, and audited', async () => {
    const { client } = scripted(['IN_QUEUE']);
    const { service } = serviceWith(client, 4);
    const report = await service.request({ jobId: 'poll-timeout' }, { connectionId });
    expect(await service.runToCompletion(report.id)).toMatchObject({
      status: 'failed',
      failureCode: 'REPORT_TIMEOUT',
    });
    const last = await t
      .db()
      .selectFrom('audit_entries')
      .select(['action', 'outcome', 'reason_code', 'target_id'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({
      action: 'data.export',
      outcome: 'failure',
      reason_code: 'REPORT_TIMEOUT',
      target_id: report.id,
    });
  });

  it('a request Amazon never accepted keeps its own failure code, not REPORT_TIMEOUT', async () => {
    const unavailable = new SpapiError('reports20210630.createReport', { httpStatus: 503 }, 5);
    const client: Pick<SpapiClient, 'call'> = { call: () => Promise.reject(unavailable) };
    const { service } = serviceWith(client);
    const ids = async () =>
      (await t.db().selectFrom('customer_reports').select('id').execute()).map((r) => r.id);
    const before = new Set(await ids());
    await service.request({ jobId: 'refused-request' }, { connectionId }).catch(() => undefined);
    const [created] = (await ids()).filter((id) => !before.has(id));
    const row = await t
      .db()
      .selectFrom('customer_reports')
      .select(['status', 'failure_code'])
      .where('id', '=', created ?? '')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.failure_code).not.toBe('REPORT_TIMEOUT');
    expect(row.failure_code).toMatch(/^[A-Z_]+$/);
  });

  it('after a restart, unfinished reports are driven again and a stuck request is failed', async () => {
    const before = serviceWith(scripted(['IN_QUEUE']).client);
    const queued = await before.service.request({ jobId: 'resume-test' }, { connectionId });
    const stuck = randomUUID();
    const fresh = randomUUID();
    for (const [id, at] of [
      [stuck, T0 - INTERRUPTED_AFTER_MS],
      [fresh, T0 - 1_000],
    ] as const) {
      await insertReport(t.db(), {
        id,
        organizationId: queued.organizationId,
        connectionId,
        reportType: UNSHIPPED_ORDERS_REPORT,
        marketplaceIds: [MARKETPLACE_US],
        requestedBy: null,
        now: at,
        purgeAfter: at + REPORT_PII_RETENTION_MS,
      });
    }

    const after = serviceWith(scripted(['CANCELLED']).client);
    const { interrupted, runs } = await after.service.resumeUnfinished();
    expect(interrupted).toBe(1);
    expect(runs.map((r) => r.reportId)).toEqual([queued.id]);
    expect((await Promise.all(runs.map((r) => r.run))).map((v) => v.status)).toEqual(['cancelled']);
    expect(await nextPollAt(stuck)).toMatchObject({ status: 'failed' });
    expect(await nextPollAt(fresh)).toMatchObject({ status: 'requested' });
  });
});
