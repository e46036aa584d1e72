/**
 * The one `SecretsProvider` implementation, over any `SecretsBackend`. Adds typed decoding with
 * length checks, an optional TTL cache (remote backends), rotation, and redaction: the object
 * prints as `{ kind, secrets: '[redacted]' }` in JSON and `util.inspect`, and its errors carry
 * codes and secret names only.
 */
import { inspect } from 'node:util';
import {
  decodeSecret,
  generateEncodedSecret,
  isGenerated,
  type SecretName,
  type SecretValue,
} from './secret-catalog.js';
import type { SecretsBackend, SecretsProvider, StoredVersion } from './secrets.port.js';
import { SecretsError } from './secrets-error.js';

export interface VersionedProviderOptions {
  /** Cache lifetime in ms; 0 (default) reads the backend every time, Infinity never expires. */
  readonly cacheTtlMs?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  readonly now?: () => number;
  /** Runs once on `close()`, e.g. to wipe a derived key or destroy an SDK client. */
  readonly onClose?: () => void;
}

interface CacheEntry {
  readonly versions: readonly StoredVersion[];
  readonly expiresAt: number;
}

function copyOf<N extends SecretName>(value: SecretValue<N>): SecretValue<N> {
  return (typeof value === 'string' ? value : value.slice()) as SecretValue<N>;
}

export function createVersionedProvider(
  backend: SecretsBackend,
  options: VersionedProviderOptions = {},
): SecretsProvider {
  const ttl = options.cacheTtlMs ?? 0;
  const now = options.now ?? Date.now;
  const cache = new Map<SecretName, CacheEntry>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new SecretsError('CLOSED');
  };

  const load = async (name: SecretName): Promise<readonly StoredVersion[]> => {
    assertOpen();
    const hit = cache.get(name);
    if (hit !== undefined && hit.expiresAt > now()) return hit.versions;
    const versions = await backend.read(name);
    assertOpen();
    if (ttl > 0 && versions.length > 0) cache.set(name, { versions, expiresAt: now() + ttl });
    return versions;
  };

  const decodeVersion = <N extends SecretName>(name: N, version: StoredVersion): SecretValue<N> =>
    copyOf(decodeSecret(name, version.value));

  const store = async (name: SecretName, encoded: string): Promise<string> => {
    assertOpen();
    cache.delete(name);
    const version = await backend.append(name, encoded);
    return version.id;
  };

  const redacted = { kind: backend.kind, secrets: '[redacted]' } as const;

  const provider: SecretsProvider & { [inspect.custom]: () => string } = {
    kind: backend.kind,
    get: async (name) => {
      const current = (await load(name)).at(-1);
      if (current === undefined) throw new SecretsError('NOT_FOUND', name);
      return decodeVersion(name, current);
    },
    getVersion: async (name, versionId) => {
      const found = (await load(name)).find((v) => v.id === versionId);
      if (found === undefined) throw new SecretsError('UNKNOWN_VERSION', name);
      return decodeVersion(name, found);
    },
    versions: async (name) => {
      const all = await load(name);
      return all.map((v, i) => ({
        id: v.id,
        createdAt: v.createdAt,
        current: i === all.length - 1,
      }));
    },
    rotate: (name) => {
      if (!isGenerated(name)) return Promise.reject(new SecretsError('NOT_ROTATABLE', name));
      return store(name, generateEncodedSecret(name));
    },
    put: (name, value) => {
      if (isGenerated(name)) return Promise.reject(new SecretsError('NOT_ROTATABLE', name));
      try {
        decodeSecret(name, value);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new SecretsError('INVALID_VALUE'));
      }
      return store(name, value);
    },
    close: () => {
      closed = true;
      // Cached values are encoded strings, which JavaScript cannot wipe; dropping them is what
      // is possible. Decoded key bytes are copies owned (and wiped) by the caller.
      cache.clear();
      options.onClose?.();
    },
    toJSON: () => redacted,
    [inspect.custom]: () => `SecretsProvider ${JSON.stringify(redacted)}`,
  };
  return provider;
}
