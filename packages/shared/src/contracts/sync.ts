/**
 * HTTP contracts of `/api/sync` (order sync): status per connection, runs, "sync now" and the
 * Server-Sent Events of live progress. Ids, counts, codes and Amazon request ids only.
 */
import { z } from 'zod';
import { ORDERS_API_VERSIONS } from './amazon-connections.js';

const epochMs = z.number().int().nonnegative().describe('epoch milliseconds (UTC)');
const count = z.number().int().nonnegative();

export const SYNC_RUN_STATUSES = [
  'running',
  'succeeded',
  'failed',
  'paused',
  'interrupted',
] as const;
export const SYNC_TRIGGERS = ['schedule', 'manual', 'connect'] as const;

export const syncCountersSchema = z.strictObject({
  pages: count,
  ordersSeen: count.describe('orders Amazon listed'),
  ordersInserted: count,
  ordersUpdated: count,
  rateWaits: count.describe('times a call waited for the rate limit instead of provoking a 429'),
  retries: count.describe('calls retried after a 429, 5xx, reset or truncated answer'),
});

export const syncRunSchema = syncCountersSchema.extend({
  id: z.uuid(),
  organizationId: z.uuid(),
  connectionId: z.uuid(),
  trigger: z.enum(SYNC_TRIGGERS),
  status: z.enum(SYNC_RUN_STATUSES),
  ordersApiVersion: z.enum(ORDERS_API_VERSIONS),
  startedAt: epochMs,
  finishedAt: epochMs.nullable(),
  errorCode: z.string().nullable().describe('why it failed or paused'),
  amznRequestId: z.string().nullable().describe('Amazon’s x-amzn-RequestId of the failing call'),
});
export type SyncRunBody = z.infer<typeof syncRunSchema>;

export const syncConnectionStatusSchema = z.strictObject({
  connectionId: z.uuid(),
  sellingPartnerId: z.string(),
  connectionStatus: z.string(),
  ordersApiVersion: z.enum(ORDERS_API_VERSIONS),
  running: syncRunSchema.nullable(),
  lastRun: syncRunSchema.nullable(),
  lastSucceededAt: epochMs.nullable(),
});

export const syncStatusResponseSchema = z.strictObject({
  connections: z.array(syncConnectionStatusSchema),
});

export const syncRunsResponseSchema = z.strictObject({ runs: z.array(syncRunSchema) });

export const syncTriggerResponseSchema = z.strictObject({
  connectionId: z.uuid(),
  result: z
    .enum(['queued', 'already-queued'])
    .describe('already-queued: a sync of this seller is waiting to start and will include it'),
});

const runRef = {
  runId: z.uuid(),
  organizationId: z.uuid(),
  connectionId: z.uuid(),
};

/** One Server-Sent Event of `GET /api/sync/events` (`event:` is the `type`). */
export const syncProgressEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...runRef, type: z.literal('started'), at: epochMs }),
  z.strictObject({
    ...runRef,
    type: z.literal('page'),
    marketplaceId: z.string(),
    counters: syncCountersSchema,
  }),
  z.strictObject({
    ...runRef,
    type: z.literal('rate-wait'),
    operation: z.string(),
    waitedMs: z.number().nonnegative(),
  }),
  z.strictObject({
    ...runRef,
    type: z.literal('retry'),
    operation: z.string(),
    attempt: count,
    httpStatus: z.number().int().nullable(),
  }),
  z.strictObject({
    ...runRef,
    type: z.literal('finished'),
    status: z.enum(['succeeded', 'failed', 'paused', 'interrupted']),
    counters: syncCountersSchema,
    errorCode: z.string().nullable(),
    amznRequestId: z.string().nullable(),
  }),
]);
export type SyncProgressEventBody = z.infer<typeof syncProgressEventSchema>;
