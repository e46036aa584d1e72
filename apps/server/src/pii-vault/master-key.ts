/**
 * Wrapping data keys under the master key (`masterKey` in the secrets provider). A wrapped key is
 * bound to its id, purpose, organization and scope (the wrap's associated data), so a row cannot
 * be relabelled to serve another organization or chain. Master key bytes are fetched per use and
 * wiped at once; only the version id is stored beside a wrapped key.
 */
import { CryptoError, unwrapKey, wipe, wrapKey } from '../crypto/index.js';
import type { SecretsProvider } from '../secrets/index.js';
import type { DataKeyRow, KeyChain } from './data-key.repository.js';
import { PiiVaultError } from './pii-vault-error.js';

/** What the vault needs from the secrets provider. */
export type MasterKeySecrets = Pick<SecretsProvider, 'versions' | 'getVersion'>;

export interface WrappedKey {
  readonly wrapped: Uint8Array;
  readonly masterKeyVersion: string;
}

function wrapContext(id: string, chain: KeyChain): { keyId: string; purpose: string } {
  return {
    keyId: id,
    purpose: JSON.stringify([`pii-vault:${chain.purpose}`, chain.organizationId, chain.scope]),
  };
}

export function chainOf(row: DataKeyRow): KeyChain {
  return { organizationId: row.organization_id, purpose: row.purpose, scope: row.scope };
}

export interface MasterKeys {
  /** The current master key version id. */
  currentVersion(): Promise<string>;
  /** Wraps `key` under the given (default: current) master key version. */
  wrap(id: string, chain: KeyChain, key: Uint8Array, masterVersion?: string): Promise<WrappedKey>;
  /** Unwraps a live row's key; the caller owns (and wipes) the result. */
  unwrap(row: DataKeyRow): Promise<Uint8Array>;
}

export function createMasterKeys(secrets: MasterKeySecrets): MasterKeys {
  const currentVersion = async (): Promise<string> => {
    const versions = await secrets.versions('masterKey');
    const current = versions.find((v) => v.current) ?? versions.at(-1);
    if (current === undefined) throw new PiiVaultError('KEY_UNWRAP_FAILED', 'no master key');
    return current.id;
  };

  const withMaster = async <T>(version: string, work: (kek: Uint8Array) => T): Promise<T> => {
    const kek = await secrets.getVersion('masterKey', version);
    try {
      return work(kek);
    } finally {
      wipe(kek);
    }
  };

  return {
    currentVersion,
    wrap: async (id, chain, key, masterVersion) => {
      const version = masterVersion ?? (await currentVersion());
      const wrapped = await withMaster(version, (kek) => wrapKey(kek, key, wrapContext(id, chain)));
      return { wrapped, masterKeyVersion: version };
    },
    unwrap: async (row) => {
      if (row.wrapped_key === null || row.master_key_version === null) {
        throw new PiiVaultError(row.destroyed_at === null ? 'KEY_RETIRED' : 'KEY_DESTROYED');
      }
      const wrapped = row.wrapped_key;
      return withMaster(row.master_key_version, (kek) => {
        try {
          return unwrapKey(kek, wrapped, wrapContext(row.id, chainOf(row)));
        } catch (error) {
          if (error instanceof CryptoError) {
            throw new PiiVaultError('KEY_UNWRAP_FAILED', undefined, { cause: error });
          }
          throw error;
        }
      });
    },
  };
}
