/**
 * HTTP contract of `GET /api/retention`: the organization's orders holding PII by days until
 * their purge deadline, and the latest retention run and verification. Counts and times only.
 */
import { z } from 'zod';

const epochMs = z.number().int().nonnegative().describe('epoch milliseconds (UTC)');
const count = z.number().int().nonnegative();

export const retentionHolderFiguresSchema = z.strictObject({
  holder: z.string().describe('orders | customer-reports'),
  purged: count,
  held: count.describe('records still holding PII'),
  overdue: count.describe('held past their deadline (0 after a passed run)'),
  undated: count.describe('held without a deadline (always 0 when healthy)'),
  nextDeadline: epochMs.nullable(),
  oldestAnchor: epochMs.nullable().describe('shipment (or fallback) of the oldest PII still held'),
  keysDestroyed: count.describe('per-month data keys crypto-shredded'),
  outcome: z.string().describe('passed | failed'),
});

export const retentionStepSchema = z.strictObject({
  runId: z.uuid(),
  startedAt: epochMs,
  finishedAt: epochMs,
  passed: z.boolean(),
  holders: z.array(retentionHolderFiguresSchema),
});

export const retentionStatusResponseSchema = z.strictObject({
  organizationId: z.uuid(),
  at: epochMs,
  orders: z.strictObject({
    holding: count,
    overdue: count,
    within7Days: count,
    within14Days: count,
    within30Days: count,
    later: count,
    undated: count,
  }),
  lastRun: retentionStepSchema.nullable(),
  lastVerification: retentionStepSchema.nullable(),
});
export type RetentionStatusBody = z.infer<typeof retentionStatusResponseSchema>;
