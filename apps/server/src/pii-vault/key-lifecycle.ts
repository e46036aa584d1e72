/**
 * The key lifecycle after creation: rotation (a new current version), retirement (a rotated-out
 * version nothing references any more is erased), destruction (crypto-shredding: a chain's keys
 * are erased whatever still references them) and re-wrapping under a new master key version.
 * Each change commits with its `key.rotate` audit entry (key-audit.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import { wipe } from '../crypto/index.js';
import type { Database } from '../storage/index.js';
import {
  endKey,
  keysToRewrap,
  listKeys,
  rewrapKey,
  type DataKeyRow,
} from './data-key.repository.js';
import { isKeyReferenced } from './encrypted-column.queries.js';
import type { EncryptedColumnRegistry } from './encrypted-columns.js';
import {
  auditedKeyChange,
  ChangeAbandoned,
  keyEntry,
  KeyPhase,
  type KeyOperationContext,
  type VaultAudit,
} from './key-audit.js';
import { isLive, type KeyStore } from './key-store.js';
import { chainOf, type MasterKeys } from './master-key.js';
import { PiiVaultError } from './pii-vault-error.js';

export type KeyState = 'current' | 'previous' | 'retired' | 'destroyed';

/** A data key as the status views and the CLI see it: ids, versions and dates, no bytes. */
export interface DataKeyInfo {
  readonly id: string;
  readonly purpose: DataKeyRow['purpose'];
  readonly scope: string;
  readonly version: number;
  readonly state: KeyState;
  readonly masterKeyVersion: string | null;
  readonly createdAt: number;
  readonly retiredAt: number | null;
  readonly destroyedAt: number | null;
}

export interface LifecycleOptions {
  readonly db: Kysely<Database>;
  readonly audit: VaultAudit;
  readonly master: MasterKeys;
  readonly store: KeyStore;
  readonly columns: EncryptedColumnRegistry;
  readonly clock: () => number;
  readonly retireGraceMs: number;
}

const MAX_DESTROY_ROUNDS = 5;
const ERASED = { wrapped_key: null, master_key_version: null } as const;

function sameChain(a: DataKeyRow, b: DataKeyRow): boolean {
  return a.purpose === b.purpose && a.scope === b.scope;
}

/** Describes one key; `newer`: a later version of its chain exists. */
export function describeKey(row: DataKeyRow, newer: boolean): DataKeyInfo {
  const state: KeyState =
    row.destroyed_at !== null
      ? 'destroyed'
      : row.retired_at !== null
        ? 'retired'
        : newer
          ? 'previous'
          : 'current';
  return {
    id: row.id,
    purpose: row.purpose,
    scope: row.scope,
    version: row.version,
    state,
    masterKeyVersion: row.master_key_version,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
    destroyedAt: row.destroyed_at,
  };
}

/** Describes every key of an organization; the highest version of a chain is current. */
export function describeKeys(rows: readonly DataKeyRow[]): DataKeyInfo[] {
  return rows.map((row) =>
    describeKey(
      row,
      rows.some((other) => sameChain(other, row) && other.version > row.version),
    ),
  );
}

/** Live `pii-field` keys that a newer version of their chain has replaced. */
export function staleFieldKeys(rows: readonly DataKeyRow[]): DataKeyRow[] {
  return rows.filter(
    (row) =>
      row.purpose === 'pii-field' &&
      isLive(row) &&
      rows.some((other) => sameChain(other, row) && other.version > row.version),
  );
}

/** One chain of field keys (a retention period, `period:2030-01`), or every key of the org. */
export type DestroySelection = { readonly scope: string } | { readonly everyKey: true };

export interface KeyLifecycle {
  rotate(organizationId: string, scope: string, context: KeyOperationContext): Promise<DataKeyInfo>;
  retireUnreferenced(organizationId: string, context: KeyOperationContext): Promise<DataKeyInfo[]>;
  destroy(
    organizationId: string,
    selection: DestroySelection,
    context: KeyOperationContext & { readonly reasonCode: string },
  ): Promise<DataKeyInfo[]>;
  rewrapAll(
    context: KeyOperationContext,
    batchSize: number,
  ): Promise<{ rewrapped: number; masterKeyVersion: string }>;
}

export function createKeyLifecycle(options: LifecycleOptions): KeyLifecycle {
  const { db, audit, master, store, columns, clock, retireGraceMs } = options;

  const end = async (
    row: DataKeyRow,
    phase: typeof KeyPhase.RETIRE | typeof KeyPhase.DESTROY,
    context: KeyOperationContext,
    details: Record<string, string>,
    stillAllowed: (trx: Transaction<Database>) => Promise<boolean>,
  ): Promise<boolean> => {
    const entry = keyEntry(phase, row.organization_id, row.id, context, {
      purpose: row.purpose,
      scope: row.scope,
      version: row.version,
      ...details,
    });
    try {
      await auditedKeyChange(
        audit,
        entry,
        () => entry,
        async (trx) => {
          if (!(await stillAllowed(trx))) throw new ChangeAbandoned();
          const column = phase === KeyPhase.RETIRE ? 'retired_at' : 'destroyed_at';
          if (!(await endKey(trx, row.id, column, clock()))) throw new ChangeAbandoned();
        },
      );
    } catch (error) {
      if (error instanceof ChangeAbandoned) return false;
      throw error;
    } finally {
      store.forget(row.id);
    }
    return true;
  };

  return {
    rotate: async (organizationId, scope, context) => {
      const row = await store.createNext({ organizationId, purpose: 'pii-field', scope }, context);
      return describeKey(row, false);
    },

    retireUnreferenced: async (organizationId, context) => {
      const registered = columns.columns();
      if (registered.length === 0) {
        throw new PiiVaultError('INVALID_INPUT', 'no encrypted columns are registered');
      }
      const rows = await listKeys(db, organizationId);
      const retired: DataKeyInfo[] = [];
      for (const row of staleFieldKeys(rows)) {
        const successor = rows.find((o) => sameChain(o, row) && o.version === row.version + 1);
        if (successor === undefined || clock() - successor.created_at < retireGraceMs) continue;
        const unreferenced = async (
          executor: Kysely<Database> | Transaction<Database>,
        ): Promise<boolean> => {
          for (const column of registered) {
            if (await isKeyReferenced(executor, column, row.id)) return false;
          }
          return true;
        };
        if (!(await unreferenced(db))) continue;
        if (await end(row, KeyPhase.RETIRE, context, {}, unreferenced)) {
          retired.push(describeKey({ ...row, ...ERASED, retired_at: clock() }, true));
        }
      }
      return retired;
    },

    destroy: async (organizationId, selection, context) => {
      const destroyed: DataKeyInfo[] = [];
      // Repeated until nothing live is left: a rotation committing meanwhile adds a version.
      for (let round = 0; round < MAX_DESTROY_ROUNDS; round += 1) {
        const chosen = (await listKeys(db, organizationId)).filter(
          (row) =>
            row.retired_at === null &&
            row.destroyed_at === null &&
            ('everyKey' in selection ||
              (row.purpose === 'pii-field' && row.scope === selection.scope)),
        );
        if (chosen.length === 0) return destroyed;
        for (const row of chosen) {
          const details = { reason: context.reasonCode };
          if (await end(row, KeyPhase.DESTROY, context, details, () => Promise.resolve(true))) {
            destroyed.push(describeKey({ ...row, ...ERASED, destroyed_at: clock() }, false));
          }
        }
      }
      throw new PiiVaultError('INVALID_INPUT', 'keys kept appearing while being destroyed');
    },

    rewrapAll: async (context, batchSize) => {
      const masterKeyVersion = await master.currentVersion();
      const entry = keyEntry(KeyPhase.REWRAP, null, 'masterKey', context, { masterKeyVersion });
      let rewrapped = 0;
      try {
        for (;;) {
          const page = await keysToRewrap(db, masterKeyVersion, batchSize);
          if (page.length === 0) break;
          for (const row of page) {
            const key = await master.unwrap(row);
            try {
              const { wrapped } = await master.wrap(row.id, chainOf(row), key, masterKeyVersion);
              const from = row.master_key_version ?? '';
              if (await rewrapKey(db, row.id, from, wrapped, masterKeyVersion)) rewrapped += 1;
            } finally {
              wipe(key);
            }
          }
        }
      } catch (error) {
        await audit.record({
          ...entry,
          outcome: 'failure',
          reasonCode: error instanceof PiiVaultError ? error.code : 'INTERNAL',
          details: { ...entry.details, keys: rewrapped },
        });
        throw error;
      }
      await audit.record({ ...entry, details: { ...entry.details, keys: rewrapped } });
      return { rewrapped, masterKeyVersion };
    },
  };
}
