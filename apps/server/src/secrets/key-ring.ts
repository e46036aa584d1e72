/**
 * A 32-byte key secret with every readable version, in the shape the identity module's
 * `createAeadSecretSealer(current, previous)` takes: seal with the current key, open with the
 * version a row names. The caller wipes the keys at shutdown (`wipeKeyRing`).
 */
import { wipe } from '../crypto/index.js';
import type { SecretsProvider } from './secrets.port.js';
import { SecretsError } from './secrets-error.js';

export interface VersionedKey {
  readonly keyId: string;
  readonly key: Uint8Array;
}

export interface KeyRing {
  readonly current: VersionedKey;
  /** Older versions, oldest first. */
  readonly previous: readonly VersionedKey[];
}

export type KeyRingSecretName = 'masterKey' | 'csrfKey' | 'sealerKey';

export async function loadKeyRing(
  secrets: SecretsProvider,
  name: KeyRingSecretName,
): Promise<KeyRing> {
  const keys: VersionedKey[] = [];
  for (const { id } of await secrets.versions(name)) {
    keys.push({ keyId: id, key: await secrets.getVersion(name, id) });
  }
  const current = keys.pop();
  if (current === undefined) throw new SecretsError('NOT_FOUND', name);
  return { current, previous: keys };
}

export function wipeKeyRing(ring: KeyRing): void {
  for (const { key } of [...ring.previous, ring.current]) wipe(key);
}
