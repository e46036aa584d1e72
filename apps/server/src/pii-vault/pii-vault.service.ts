/**
 * The PII vault: field-level encryption of PII at rest (DPP "encryption at rest"), blind
 * indexes for exact search, and the data-key lifecycle. See apps/server/README.md, "Field
 * encryption". Await the crypto module's `ready()` before the first call.
 */
import type { Kysely } from 'kysely';
import { keyedHash, wipe } from '../crypto/index.js';
import { unrefInterval, type IntervalScheduler } from '../audit/index.js';
import type { Database } from '../storage/index.js';
import { countByMasterVersion, listKeys } from './data-key.repository.js';
import { blindIndexInput, isBlindIndexKind, type BlindIndexKind } from './blind-index.js';
import { countCellsByKey } from './encrypted-column.queries.js';
import {
  assertOrganizationId,
  assertRowId,
  type EncryptedColumnRegistry,
  type FieldRef,
} from './encrypted-columns.js';
import { parseFieldCiphertext } from './field-ciphertext.js';
import { assertPlaintext, openField, sealField, type FieldPlaintext } from './field-sealing.js';
import type { KeyOperationContext, VaultAudit } from './key-audit.js';
import { createKeyCache } from './key-cache.js';
import {
  createKeyLifecycle,
  describeKeys,
  type DataKeyInfo,
  type DestroySelection,
} from './key-lifecycle.js';
import { createKeyStore, type KeyMeta } from './key-store.js';
import { createMasterKeys, type MasterKeySecrets } from './master-key.js';
import { PiiVaultError } from './pii-vault-error.js';
import { reencryptBatch, type ReencryptBatchResult, type ReencryptOptions } from './reencrypt.js';

export interface PiiVaultOptions {
  /** The same database as the audit trail's (key changes commit with their audit entry). */
  readonly db: Kysely<Database>;
  /** The master key (`masterKey`, every version) comes from here. */
  readonly secrets: MasterKeySecrets;
  readonly audit: VaultAudit;
  /** Every column that holds field ciphertexts (encrypted-columns.ts). */
  readonly columns: EncryptedColumnRegistry;
  /** Epoch milliseconds. */
  readonly clock?: () => number;
  /** Unwrapped keys held at most `ttlMs` (default 5 min), at most `maxKeys` (default 1000). */
  readonly cache?: { readonly maxKeys?: number; readonly ttlMs?: number };
  /**
   * A rotated-out key is retired only once its successor is this old (default 15 min): longer
   * than any process may keep writing with the previous version (its cache lifetime).
   */
  readonly retireGraceMs?: number;
  /** Wipes expired keys (default: an unref'd interval of half the cache lifetime). */
  readonly scheduler?: IntervalScheduler;
}

export interface EncryptOptions {
  /** The key chain: `default`, or a retention period such as `period:2030-01`. */
  readonly scope?: string;
}

/** A field ciphertext with the data key id to store in the column's `keyIdColumn`. */
export interface SealedCell {
  readonly ciphertext: Uint8Array;
  readonly keyId: string;
}

export interface PiiVault {
  /** Encrypts one value for its place; null stays null. */
  encryptField(
    organizationId: string,
    field: FieldRef,
    plaintext: FieldPlaintext | null,
    options?: EncryptOptions,
  ): Promise<Uint8Array | null>;
  /** `encryptField` for a value that is never null, with the key id to store beside it. */
  encryptCell(
    organizationId: string,
    field: FieldRef,
    plaintext: FieldPlaintext,
    options?: EncryptOptions,
  ): Promise<SealedCell>;
  /** Decrypts a text value from the place it was encrypted for; null stays null. */
  decryptField(
    organizationId: string,
    field: FieldRef,
    ciphertext: Uint8Array | null,
  ): Promise<string | null>;
  /** As `decryptField`, for bytes; the caller wipes the result. */
  decryptFieldBytes(
    organizationId: string,
    field: FieldRef,
    ciphertext: Uint8Array | null,
  ): Promise<Uint8Array | null>;
  /** The blind index (hex) of a value for exact search; null for null or an empty value. */
  blindIndex(
    organizationId: string,
    kind: BlindIndexKind,
    value: string | null,
  ): Promise<string | null>;
  /** A new current version of a chain of field keys; new writes use it at once (here). */
  rotateDataKey(
    organizationId: string,
    context: KeyOperationContext & EncryptOptions,
  ): Promise<DataKeyInfo>;
  /** One batch of background re-encryption to the current versions (reencrypt.ts). */
  reencryptBatch(organizationId: string, options?: ReencryptOptions): Promise<ReencryptBatchResult>;
  /** Erases rotated-out field keys that no registered column references any more. */
  retireUnreferencedKeys(
    organizationId: string,
    context: KeyOperationContext,
  ): Promise<DataKeyInfo[]>;
  /** Crypto-shredding: erases a chain's keys (or all the organization's keys) for good. */
  destroyKeys(
    organizationId: string,
    selection: DestroySelection,
    context: KeyOperationContext & { readonly reasonCode: string },
  ): Promise<DataKeyInfo[]>;
  /** After a master key rotation: re-wraps every live data key under the current version. */
  rewrapDataKeys(
    context: KeyOperationContext,
    options?: { readonly batchSize?: number },
  ): Promise<{ rewrapped: number; masterKeyVersion: string }>;
  /** Every key of an organization, oldest first per chain. */
  listKeys(organizationId: string): Promise<DataKeyInfo[]>;
  /** Registered cells of an organization per key id (what retirement waits for). */
  countReferences(organizationId: string): Promise<Map<string, number>>;
  /** Live data keys per master key version (an old version is needed while it wraps any). */
  masterKeyUsage(): Promise<Map<string, number>>;
  /** Wipes every cached key; later calls throw `CLOSED`. */
  close(): void;
}

const DEFAULT_TTL_MS = 5 * 60_000;
const DEFAULT_MAX_KEYS = 1000;
const DEFAULT_GRACE_MS = 15 * 60_000;
const DEFAULT_SCOPE = 'default';
const SCOPE = /^[a-z0-9][a-z0-9:._-]{0,63}$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function scopeOf(options: EncryptOptions | undefined): string {
  const scope = options?.scope ?? DEFAULT_SCOPE;
  if (!SCOPE.test(scope)) throw new PiiVaultError('INVALID_INPUT', 'scope');
  return scope;
}

export function createPiiVault(options: PiiVaultOptions): PiiVault {
  const { db, audit, columns } = options;
  const clock = options.clock ?? Date.now;
  const ttlMs = options.cache?.ttlMs ?? DEFAULT_TTL_MS;
  const maxEntries = options.cache?.maxKeys ?? DEFAULT_MAX_KEYS;
  const cache = createKeyCache<KeyMeta>({ maxEntries, ttlMs, clock });
  const master = createMasterKeys(options.secrets);
  const store = createKeyStore({ db, audit, master, cache, clock, ttlMs, maxEntries });
  const lifecycle = createKeyLifecycle({
    db,
    audit,
    master,
    store,
    columns,
    clock,
    retireGraceMs: options.retireGraceMs ?? DEFAULT_GRACE_MS,
  });
  const stopSweeping = (options.scheduler ?? unrefInterval)(
    () => {
      cache.sweep();
    },
    Math.max(1000, Math.floor(ttlMs / 2)),
  );

  const checkField = (organizationId: string, field: FieldRef): void => {
    assertOrganizationId(organizationId);
    columns.resolve(field);
    assertRowId(field.rowId);
  };

  const decryptBytes = async (
    organizationId: string,
    field: FieldRef,
    ciphertext: Uint8Array,
  ): Promise<Uint8Array> => {
    checkField(organizationId, field);
    const parsed = parseFieldCiphertext(ciphertext);
    return store.withKey(parsed.keyId, { organizationId, purpose: 'pii-field' }, (key, meta) => {
      if (meta.version !== parsed.version) throw new PiiVaultError('DECRYPT_FAILED');
      return openField(key, organizationId, field, parsed);
    });
  };

  const encryptCell = async (
    organizationId: string,
    field: FieldRef,
    plaintext: FieldPlaintext,
    encryptOptions: EncryptOptions | undefined,
  ): Promise<SealedCell> => {
    checkField(organizationId, field);
    assertPlaintext(plaintext);
    const chain = { organizationId, purpose: 'pii-field', scope: scopeOf(encryptOptions) } as const;
    return store.withCurrentKey(chain, (key, ref) => ({
      ciphertext: sealField(
        key,
        { keyId: ref.id, version: ref.version },
        organizationId,
        field,
        plaintext,
      ),
      keyId: ref.id,
    }));
  };

  return {
    encryptField: async (organizationId, field, plaintext, encryptOptions) => {
      if (plaintext === null) {
        checkField(organizationId, field);
        return null;
      }
      return (await encryptCell(organizationId, field, plaintext, encryptOptions)).ciphertext;
    },
    encryptCell,
    decryptField: async (organizationId, field, ciphertext) => {
      if (ciphertext === null) return null;
      const bytes = await decryptBytes(organizationId, field, ciphertext);
      try {
        return strictUtf8.decode(bytes);
      } catch {
        throw new PiiVaultError('INVALID_CIPHERTEXT', 'not text');
      } finally {
        wipe(bytes);
      }
    },
    decryptFieldBytes: async (organizationId, field, ciphertext) =>
      ciphertext === null ? null : decryptBytes(organizationId, field, ciphertext),
    blindIndex: async (organizationId, kind, value) => {
      assertOrganizationId(organizationId);
      if (!isBlindIndexKind(kind)) throw new PiiVaultError('INVALID_INPUT', 'blind index kind');
      if (value !== null) assertPlaintext(value);
      const input = blindIndexInput(kind, value);
      if (input === null) return null;
      const chain = { organizationId, purpose: 'blind-index', scope: DEFAULT_SCOPE } as const;
      return store.withCurrentKey(chain, (key) => keyedHash(key, input));
    },
    rotateDataKey: async (organizationId, context) => {
      assertOrganizationId(organizationId);
      return lifecycle.rotate(organizationId, scopeOf(context), context);
    },
    reencryptBatch: async (organizationId, reencryptOptions) => {
      assertOrganizationId(organizationId);
      return reencryptBatch({ db, store, columns }, organizationId, reencryptOptions);
    },
    retireUnreferencedKeys: async (organizationId, context) => {
      assertOrganizationId(organizationId);
      return lifecycle.retireUnreferenced(organizationId, context);
    },
    destroyKeys: async (organizationId, selection, context) => {
      assertOrganizationId(organizationId);
      if ('scope' in selection) scopeOf(selection);
      return lifecycle.destroy(organizationId, selection, context);
    },
    rewrapDataKeys: async (context, rewrapOptions) =>
      lifecycle.rewrapAll(context, rewrapOptions?.batchSize ?? 100),
    listKeys: async (organizationId) => describeKeys(await listKeys(db, organizationId)),
    countReferences: async (organizationId) => {
      const total = new Map<string, number>();
      for (const column of columns.columns()) {
        for (const [keyId, cells] of await countCellsByKey(db, column, organizationId)) {
          total.set(keyId, (total.get(keyId) ?? 0) + cells);
        }
      }
      return total;
    },
    masterKeyUsage: async () => countByMasterVersion(db),
    close: () => {
      stopSweeping();
      store.close();
    },
  };
}
