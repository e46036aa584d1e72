/** {@link SecretSealer} over the crypto module's XChaCha20-Poly1305 envelope. */
import { aeadDecryptText, aeadEncrypt } from '../crypto/index.js';
import type { SecretSealer } from './identity.ports.js';

export interface SealingKey {
  readonly keyId: string;
  /** 32 bytes, from the secrets provider (a data key under the master key). */
  readonly key: Uint8Array;
}

/** Seals with `current`; opens with whichever key the row names (`current` or `previous`). */
export function createAeadSecretSealer(
  current: SealingKey,
  previous: readonly SealingKey[] = [],
): SecretSealer {
  const keys = new Map([...previous, current].map((k) => [k.keyId, k.key]));
  return {
    seal: (plaintext, associatedData) => ({
      ciphertext: aeadEncrypt(current.key, plaintext, associatedData),
      keyId: current.keyId,
    }),
    open: (ciphertext, keyId, associatedData) => {
      const key = keys.get(keyId);
      if (key === undefined) throw new Error('unknown sealing key id');
      return aeadDecryptText(key, ciphertext, associatedData);
    },
  };
}
