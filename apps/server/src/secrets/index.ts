// The secrets module: the master key, the LWA client secret, the audit signing key and the
// identity keys, behind one port (`SecretsProvider`) with env (demo), key-file and AWS Secrets
// Manager adapters. See apps/server/README.md, "Secrets".
export type { SecretsProvider, SecretVersionInfo } from './secrets.port.js';
export {
  SECRET_CATALOG,
  SECRET_NAMES,
  type ExternalSecretName,
  type GeneratedSecretName,
  type SecretName,
  type SecretValue,
} from './secret-catalog.js';
export { SecretsError, SecretsErrorCode, isSecretsError } from './secrets-error.js';
export { createSecretsProvider, type SecretsProviderInput } from './create-secrets-provider.js';
export { createEnvSecretsProvider, DEMO_SECRETS_FILE, ENV_VARIABLES } from './env.adapter.js';
export {
  initKeyFile,
  openKeyFileSecretsProvider,
  readPassphrase,
  type InitKeyFileOptions,
  type KeyFileOptions,
} from './key-file.adapter.js';
export { createAwsSecretsProvider, type AwsSecretsOptions } from './aws-secrets-manager.adapter.js';
export { createSecretsSigningKeyProvider } from './audit-signing-key.provider.js';
export { loadKeyRing, wipeKeyRing, type KeyRing, type VersionedKey } from './key-ring.js';
