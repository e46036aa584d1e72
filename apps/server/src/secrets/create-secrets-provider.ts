/**
 * Builds the configured provider (`config.secrets`, see config.types.ts `SecretsSource`). The
 * one place that reads the key-file passphrase from the environment. Production refuses `env`.
 */
import type { SecretsSource, ServerMode } from '../config/config.types.js';
import { createAwsSecretsProvider } from './aws-secrets-manager.adapter.js';
import { createEnvSecretsProvider } from './env.adapter.js';
import { openKeyFileSecretsProvider, readPassphrase } from './key-file.adapter.js';
import type { SecretsProvider } from './secrets.port.js';

export interface SecretsProviderInput {
  readonly mode: ServerMode;
  readonly source: SecretsSource;
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
}

export async function createSecretsProvider(input: SecretsProviderInput): Promise<SecretsProvider> {
  const { source, mode } = input;
  switch (source.kind) {
    case 'env':
      return createEnvSecretsProvider({ mode, env: input.env, dataDir: input.dataDir });
    case 'key-file':
      return openKeyFileSecretsProvider({
        path: source.path,
        passphrase: await readPassphrase(input.env),
        production: mode === 'production',
      });
    case 'aws-secrets-manager':
      return createAwsSecretsProvider({
        region: source.region,
        prefix: source.prefix,
        endpoint: source.endpoint,
      });
  }
}
