/**
 * The secrets port (STYLE.md rule 6). Feature code asks for a secret by name and gets a typed
 * value; it never learns where the value lives. Adapters: `env` (demo only), `key-file`
 * (Argon2id + XChaCha20-Poly1305 file) and `aws-secrets-manager`.
 *
 * Every secret is versioned. `get` returns the current version; earlier versions stay readable
 * (`versions`, `getVersion`) so data encrypted or signed under them can still be opened or
 * verified, and re-encrypted at leisure.
 */
import type {
  ExternalSecretName,
  GeneratedSecretName,
  SecretName,
  SecretValue,
} from './secret-catalog.js';

export interface SecretVersionInfo {
  /** Stable id; store it beside whatever the version encrypted or signed. */
  readonly id: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly current: boolean;
}

export interface SecretsProvider {
  /** `env`, `key-file` or `aws-secrets-manager`. */
  readonly kind: string;
  /** The current value. Key bytes are a fresh copy: wipe them when done. */
  get<N extends SecretName>(name: N): Promise<SecretValue<N>>;
  /** The value of one version (current or earlier); `UNKNOWN_VERSION` otherwise. */
  getVersion<N extends SecretName>(name: N, versionId: string): Promise<SecretValue<N>>;
  /** Readable versions, oldest first; the last one is current. Ids and dates only. */
  versions(name: SecretName): Promise<readonly SecretVersionInfo[]>;
  /** Generates a new current version; earlier ones stay readable. Returns the new id. */
  rotate(name: GeneratedSecretName): Promise<string>;
  /** Stores a new current version of a secret issued elsewhere (the LWA client secret). */
  put(name: ExternalSecretName, value: string): Promise<string>;
  /** Drops cached values (wiping key bytes); later calls fail with `CLOSED`. */
  close(): void;
  /** Redacted: `{ kind, secrets: '[redacted]' }`. */
  toJSON(): unknown;
}

/** One stored version: `value` is the encoded form (`encodeSecret`). */
export interface StoredVersion {
  readonly id: string;
  readonly createdAt: string;
  readonly value: string;
}

/**
 * What an adapter implements: raw versioned storage. The shared provider
 * (`versioned-provider.ts`) adds typing, validation, caching, rotation and redaction.
 */
export interface SecretsBackend {
  readonly kind: string;
  /** Readable versions, oldest first, current last; empty when the secret does not exist. */
  read(name: SecretName): Promise<readonly StoredVersion[]>;
  /** Stores `value` as the new current version and returns its id and date. */
  append(name: SecretName, value: string): Promise<StoredVersion>;
}
