/**
 * Data keys in use: which version of a chain is current, and the unwrapped keys themselves
 * (cached briefly, wiped on eviction). A chain's first key is created on first use, from the
 * CSPRNG, wrapped by the master key before it reaches the database, and audited.
 *
 * The current version of a chain is remembered for the cache lifetime, so after a rotation by
 * another process this one keeps writing with the previous version for at most that long;
 * re-encryption picks those values up, and retirement waits longer than that (`retireGraceMs`).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateKey, wipe } from '../crypto/index.js';
import type { Database } from '../storage/index.js';
import {
  findKey,
  findLatestKey,
  insertKey,
  type DataKeyRow,
  type KeyChain,
} from './data-key.repository.js';
import {
  auditedKeyChange,
  ChangeAbandoned,
  keyEntry,
  KeyPhase,
  SYSTEM_ACTOR,
  type KeyOperationContext,
  type VaultAudit,
} from './key-audit.js';
import type { KeyCache, LoadedKey } from './key-cache.js';
import { chainOf, type MasterKeys } from './master-key.js';
import { PiiVaultError } from './pii-vault-error.js';

/** A key of a chain, by id and version (no key material). */
export interface KeyRef {
  readonly id: string;
  readonly version: number;
}

/** What the cache remembers beside an unwrapped key. */
export interface KeyMeta extends KeyChain {
  readonly version: number;
}

export interface KeyStoreOptions {
  readonly db: Kysely<Database>;
  readonly audit: VaultAudit;
  readonly master: MasterKeys;
  readonly cache: KeyCache<KeyMeta>;
  readonly clock: () => number;
  readonly ttlMs: number;
  readonly maxEntries: number;
}

export function isLive(row: DataKeyRow): boolean {
  return row.retired_at === null && row.destroyed_at === null && row.wrapped_key !== null;
}

function chainKey(chain: KeyChain): string {
  return JSON.stringify([chain.organizationId, chain.purpose, chain.scope]);
}

export interface KeyStore {
  /** The current key of a chain (created if the chain is empty); `KEY_DESTROYED` if shredded. */
  current(chain: KeyChain, options?: { fresh?: boolean }): Promise<KeyRef>;
  /** Runs `work` with the current key of a chain. */
  withCurrentKey<T>(chain: KeyChain, work: (key: Uint8Array, ref: KeyRef) => T): Promise<T>;
  /** Runs `work` with key `id`, which must belong to `organizationId` and have `purpose`. */
  withKey<T>(
    id: string,
    expected: Pick<KeyChain, 'organizationId' | 'purpose'>,
    work: (key: Uint8Array, meta: KeyMeta) => T,
  ): Promise<T>;
  /**
   * Creates the next version of a chain (version 1 if empty) and makes it current here.
   * `first: true` creates only an empty chain's first key (a concurrent creator wins).
   */
  createNext(
    chain: KeyChain,
    context: KeyOperationContext,
    options?: { first?: boolean },
  ): Promise<DataKeyRow>;
  /** Forgets a key (retired or destroyed) and every remembered current version. */
  forget(id: string): void;
  close(): void;
}

export function createKeyStore(options: KeyStoreOptions): KeyStore {
  const { db, audit, master, cache, clock, ttlMs, maxEntries } = options;
  const pointers = new Map<string, KeyRef & { readonly expiresAt: number }>();
  let closed = false;

  const remember = (chain: KeyChain, ref: KeyRef): KeyRef => {
    const name = chainKey(chain);
    pointers.delete(name);
    pointers.set(name, { id: ref.id, version: ref.version, expiresAt: clock() + ttlMs });
    while (pointers.size > maxEntries) {
      const oldest = pointers.keys().next();
      if (oldest.done === true) break;
      pointers.delete(oldest.value);
    }
    return ref;
  };

  const createNext: KeyStore['createNext'] = async (chain, context, { first = false } = {}) => {
    if (closed) throw new PiiVaultError('CLOSED');
    const id = randomUUID();
    const key = generateKey();
    let owned = false;
    try {
      const { wrapped, masterKeyVersion } = await master.wrap(id, chain, key);
      const phase = first ? KeyPhase.CREATE : KeyPhase.ROTATE;
      const base = { purpose: chain.purpose, scope: chain.scope };
      const row = await auditedKeyChange(
        audit,
        keyEntry(phase, chain.organizationId, id, context, base),
        (created: DataKeyRow) =>
          keyEntry(phase, chain.organizationId, id, context, {
            ...base,
            version: created.version,
            masterKeyVersion,
          }),
        async (trx) => {
          const latest = await findLatestKey(trx, chain);
          if (first && latest !== undefined) throw new ChangeAbandoned();
          if (latest?.destroyed_at != null) throw new PiiVaultError('KEY_DESTROYED');
          const created: DataKeyRow = {
            id,
            organization_id: chain.organizationId,
            purpose: chain.purpose,
            scope: chain.scope,
            version: (latest?.version ?? 0) + 1,
            wrapped_key: Buffer.from(wrapped),
            master_key_version: masterKeyVersion,
            created_at: clock(),
            retired_at: null,
            destroyed_at: null,
          };
          await insertKey(trx, created);
          return created;
        },
      );
      owned = true;
      const meta = { ...chain, version: row.version };
      await cache.use(
        id,
        () => Promise.resolve({ key, meta }),
        () => undefined,
      );
      remember(chain, { id, version: row.version });
      return row;
    } finally {
      if (!owned) wipe(key);
    }
  };

  const current: KeyStore['current'] = async (chain, { fresh = false } = {}) => {
    if (closed) throw new PiiVaultError('CLOSED');
    const remembered = pointers.get(chainKey(chain));
    if (!fresh && remembered !== undefined && remembered.expiresAt > clock()) return remembered;
    const latest = await findLatestKey(db, chain);
    if (latest === undefined) {
      try {
        const created = await createNext(chain, { actor: SYSTEM_ACTOR }, { first: true });
        return { id: created.id, version: created.version };
      } catch (error) {
        if (!(error instanceof ChangeAbandoned)) throw error;
        return current(chain, { fresh: true }); // created concurrently
      }
    }
    if (latest.destroyed_at !== null) throw new PiiVaultError('KEY_DESTROYED');
    if (!isLive(latest)) throw new PiiVaultError('KEY_RETIRED');
    return remember(chain, { id: latest.id, version: latest.version });
  };

  const load = async (id: string): Promise<LoadedKey<KeyMeta>> => {
    const row = await findKey(db, id);
    if (row === undefined) throw new PiiVaultError('KEY_NOT_FOUND');
    const key = await master.unwrap(row);
    return { key, meta: { ...chainOf(row), version: row.version } };
  };

  const withKey: KeyStore['withKey'] = (id, expected, work) => {
    if (closed) return Promise.reject(new PiiVaultError('CLOSED'));
    return cache.use(
      id,
      () => load(id),
      (key, meta) => {
        // Another organization's key: the ciphertext was moved. Same answer as a failed tag.
        if (meta.organizationId !== expected.organizationId || meta.purpose !== expected.purpose) {
          throw new PiiVaultError('DECRYPT_FAILED');
        }
        return work(key, meta);
      },
    );
  };

  return {
    current,
    withCurrentKey: async (chain, work) => {
      const ref = await current(chain);
      return withKey(ref.id, chain, (key) => work(key, ref));
    },
    withKey,
    createNext,
    forget: (id) => {
      cache.drop(id);
      for (const [name, ref] of pointers) if (ref.id === id) pointers.delete(name);
    },
    close: () => {
      closed = true;
      pointers.clear();
      cache.close();
    },
  };
}
