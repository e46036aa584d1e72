/**
 * `aws-secrets-manager` adapter (AWS SDK v3). One Secrets Manager secret per name,
 * `<prefix><name>` (e.g. `desk/prod/masterKey`). Keys are stored as `SecretBinary` (a base64
 * `SecretString` is also accepted); the LWA client secret as `SecretString`.
 *
 * Versions are Secrets Manager's: `AWSCURRENT` is current, `AWSPREVIOUS` the one before it.
 * Only these two are readable through this adapter (older versions lose their staging label).
 * Rotation is `PutSecretValue`, which moves `AWSCURRENT` to the new version and `AWSPREVIOUS`
 * to the old one. The secrets themselves are created by infrastructure code, not by the server
 * (the server's IAM role needs only GetSecretValue and PutSecretValue on `<prefix>*`).
 * Values are cached for `cacheTtlMs` (default 5 minutes). Credentials come from the SDK's
 * default chain; tests pass dummy ones.
 */
import { randomUUID } from 'node:crypto';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  type GetSecretValueCommandOutput,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import { wipe } from '../crypto/index.js';
import { SECRET_CATALOG, type SecretName } from './secret-catalog.js';
import type { SecretsProvider, StoredVersion } from './secrets.port.js';
import { SecretsError } from './secrets-error.js';
import { createVersionedProvider } from './versioned-provider.js';

export interface AwsSecretsOptions {
  readonly region: string;
  /** Name prefix, e.g. `desk/prod/`. */
  readonly prefix: string;
  /** Endpoint override (tests, VPC endpoints); `null`: the SDK's regional endpoint. */
  readonly endpoint: string | null;
  /** Default 5 minutes. */
  readonly cacheTtlMs?: number;
  /** Tests only; production uses the SDK's default credential chain. */
  readonly credentials?: SecretsManagerClientConfig['credentials'];
  readonly now?: () => Date;
}

type VersionStage = 'AWSCURRENT' | 'AWSPREVIOUS';

function upstreamName(error: unknown): string {
  return error instanceof Error ? error.name : 'UnknownError';
}

function isNotFound(error: unknown): boolean {
  return upstreamName(error) === 'ResourceNotFoundException';
}

function encodedValue(name: SecretName, output: GetSecretValueCommandOutput): string {
  if (SECRET_CATALOG[name].kind === 'text') {
    if (output.SecretString === undefined) throw new SecretsError('INVALID_VALUE', name);
    return output.SecretString;
  }
  if (output.SecretBinary !== undefined) {
    const bytes = output.SecretBinary;
    const encoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
      'base64',
    );
    wipe(bytes);
    return encoded;
  }
  if (output.SecretString !== undefined) return output.SecretString.trim();
  throw new SecretsError('INVALID_VALUE', name);
}

export function createAwsSecretsProvider(options: AwsSecretsOptions): SecretsProvider {
  const now = options.now ?? ((): Date => new Date());
  const client = new SecretsManagerClient({
    region: options.region,
    maxAttempts: 3,
    ...(options.endpoint === null ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
  const secretId = (name: SecretName): string => `${options.prefix}${name}`;

  const fetchStage = async (
    name: SecretName,
    stage: VersionStage,
  ): Promise<StoredVersion | null> => {
    let output: GetSecretValueCommandOutput;
    try {
      output = await client.send(
        new GetSecretValueCommand({ SecretId: secretId(name), VersionStage: stage }),
      );
    } catch (error) {
      if (isNotFound(error)) return null;
      throw new SecretsError('BACKEND_FAILED', `GetSecretValue ${name}`, upstreamName(error));
    }
    if (output.VersionId === undefined) throw new SecretsError('INVALID_VALUE', name);
    return {
      id: output.VersionId,
      createdAt: (output.CreatedDate ?? now()).toISOString(),
      value: encodedValue(name, output),
    };
  };

  const read = async (name: SecretName): Promise<readonly StoredVersion[]> => {
    const current = await fetchStage(name, 'AWSCURRENT');
    if (current === null) return [];
    const previous = await fetchStage(name, 'AWSPREVIOUS');
    return previous === null || previous.id === current.id ? [current] : [previous, current];
  };

  const append = async (name: SecretName, value: string): Promise<StoredVersion> => {
    const token = randomUUID();
    const binary =
      SECRET_CATALOG[name].kind === 'bytes' ? new Uint8Array(Buffer.from(value, 'base64')) : null;
    try {
      const output = await client.send(
        new PutSecretValueCommand({
          SecretId: secretId(name),
          ClientRequestToken: token,
          ...(binary === null ? { SecretString: value } : { SecretBinary: binary }),
        }),
      );
      return { id: output.VersionId ?? token, createdAt: now().toISOString(), value };
    } catch (error) {
      const code = isNotFound(error) ? 'NOT_FOUND' : 'BACKEND_FAILED';
      throw new SecretsError(code, `PutSecretValue ${name}`, upstreamName(error));
    } finally {
      if (binary !== null) wipe(binary);
    }
  };

  return createVersionedProvider(
    { kind: 'aws-secrets-manager', read, append },
    {
      cacheTtlMs: options.cacheTtlMs ?? 5 * 60_000,
      now: () => now().getTime(),
      onClose: () => {
        client.destroy();
      },
    },
  );
}
