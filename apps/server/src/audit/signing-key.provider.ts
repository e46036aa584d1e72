/**
 * Port for the Ed25519 audit signing key. The secrets provider (another module) implements it
 * in production; the in-memory provider below serves tests and the demo. The secret key is lent
 * to a callback, never handed out, so a provider can fetch, use and wipe it.
 */
import { generateSigningKeyPair, wipe } from '../crypto/index.js';

export interface AuditSigningKey {
  readonly keyId: string;
  /** 64-byte Ed25519 secret key. Valid only during the callback. */
  readonly secretKey: Uint8Array;
}

export interface AuditPublicKey {
  readonly keyId: string;
  readonly publicKey: Uint8Array;
}

export interface SigningKeyProvider {
  /** Runs `use` with the current signing key. */
  withSigningKey<T>(use: (key: AuditSigningKey) => T): Promise<T>;
  /** Every public key that signed checkpoints still in the trail, current one included. */
  publicKeys(): Promise<readonly AuditPublicKey[]>;
}

export interface InMemorySigningKeyProvider extends SigningKeyProvider {
  /** Makes a new current key; earlier public keys stay listed. Returns the new key id. */
  rotate(): string;
  /** Wipes every secret key. */
  dispose(): void;
}

/** Tests and demo only: keys live in process memory and die with it. */
export function createInMemorySigningKeyProvider(
  keyIdPrefix = 'audit-signing',
): InMemorySigningKeyProvider {
  const keys: { keyId: string; publicKey: Uint8Array; secretKey: Uint8Array }[] = [];
  const rotate = (): string => {
    const pair = generateSigningKeyPair();
    const keyId = `${keyIdPrefix}-${String(keys.length + 1)}`;
    keys.push({ keyId, ...pair });
    return keyId;
  };
  rotate();
  return {
    withSigningKey: (use) => {
      const current = keys.at(-1);
      if (current === undefined) return Promise.reject(new Error('no audit signing key'));
      return Promise.resolve().then(() => use(current));
    },
    publicKeys: () =>
      Promise.resolve(
        keys.map(({ keyId, publicKey }) => ({ keyId, publicKey: publicKey.slice() })),
      ),
    rotate,
    dispose: () => {
      for (const key of keys) wipe(key.secretKey);
      keys.length = 0;
    },
  };
}
