/** Test helpers for the audit suites: sample entries and the tampering toolkit. */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import type { DatabaseDialect, Database } from '../../storage/index.js';
import { AuditAction, AuditTargetType } from '../audit-actions.js';
import type { AuditEntryInput } from '../audit-entry.schema.js';

export const ORG_ID = 'f5b0c7de-0000-4000-8000-0000000000aa';

export function sampleEntry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    actor: { kind: 'user', id: randomUUID() },
    action: AuditAction.PII_REVEAL,
    organizationId: ORG_ID,
    target: { type: AuditTargetType.ORDER, id: '113-1234567-7654321' },
    outcome: 'success',
    requestId: randomUUID(),
    details: { fields: ['shippingAddress'], ttlSeconds: 300 },
    ...overrides,
  };
}

/**
 * Drops the append-only triggers, as a database owner could: the tests then tamper with the
 * trail to show the chain and the checkpoints catch what the triggers no longer stop.
 */
export async function dropAppendOnlyTriggers(
  db: Kysely<Database>,
  dialect: DatabaseDialect,
): Promise<void> {
  for (const table of ['audit_entries', 'audit_checkpoints']) {
    const names =
      dialect === 'sqlite'
        ? [`${table}_no_update`, `${table}_no_delete`]
        : [`${table}_append_only`, `${table}_no_truncate`];
    for (const name of names) {
      const on = dialect === 'postgres' ? sql` on ${sql.table(table)}` : sql``;
      await sql`drop trigger if exists ${sql.raw(name)}${on}`.execute(db);
    }
  }
}

/** A plugin that makes every insert into `audit_entries` fail: the failing audit store. */
export const failingAuditStore: KyselyPlugin = {
  transformQuery(args) {
    const node = args.node;
    if (node.kind === 'InsertQueryNode' && JSON.stringify(node.into).includes('audit_entries')) {
      throw new Error('audit store unavailable');
    }
    return node;
  },
  transformResult: (args) => Promise.resolve(args.result),
};
