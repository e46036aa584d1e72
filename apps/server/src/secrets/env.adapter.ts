/**
 * `env` adapter — demo and tests only; refused in production (`REFUSED_IN_PRODUCTION`).
 *
 * Values come from environment variables (`ENV_VARIABLES`: base64 for keys, the LWA client
 * secret as-is). A secret without a variable is generated on first use and kept:
 * - with `dataDir`, in `<dataDir>/demo-secrets.json` (plaintext JSON, mode 0600), so a demo
 *   restart can still open the TOTP secrets and verify the audit checkpoints it sealed/signed;
 * - without `dataDir`, in process memory (tests).
 * A variable's value is version `env`; rotations are stored after it and become current.
 */
import { join } from 'node:path';
import { readSecretFile, writeSecretFileAtomic } from './atomic-file.js';
import {
  decodeSecret,
  generateEncodedSecret,
  isGenerated,
  type SecretName,
} from './secret-catalog.js';
import type { SecretsProvider, StoredVersion } from './secrets.port.js';
import {
  documentVersions,
  emptyDocument,
  secretsDocumentSchema,
  withVersion,
  type SecretsDocument,
} from './secrets-document.js';
import { SecretsError } from './secrets-error.js';
import { createVersionedProvider } from './versioned-provider.js';

export const ENV_VARIABLES = {
  masterKey: 'SECRET_MASTER_KEY',
  lwaClientSecret: 'SECRET_LWA_CLIENT_SECRET',
  auditSigningKey: 'SECRET_AUDIT_SIGNING_KEY',
  csrfKey: 'SECRET_CSRF_KEY',
  sealerKey: 'SECRET_SEALER_KEY',
} as const satisfies Record<SecretName, string>;

export const DEMO_SECRETS_FILE = 'demo-secrets.json';

export interface EnvSecretsOptions {
  readonly mode: 'demo' | 'production';
  readonly env: NodeJS.ProcessEnv;
  /** Where generated values persist; omit to keep them in memory. */
  readonly dataDir?: string;
  readonly now?: () => Date;
}

interface DocumentStore {
  load(): Promise<SecretsDocument>;
  save(doc: SecretsDocument): Promise<void>;
}

function memoryStore(): DocumentStore {
  let doc = emptyDocument();
  return {
    load: () => Promise.resolve(doc),
    save: (next) => {
      doc = next;
      return Promise.resolve();
    },
  };
}

function fileStore(path: string): DocumentStore {
  return {
    load: async () => {
      const text = await readSecretFile(path);
      if (text === null) return emptyDocument();
      const parsed = secretsDocumentSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new SecretsError('KEY_FILE_UNREADABLE', DEMO_SECRETS_FILE);
      return parsed.data;
    },
    save: (doc) => writeSecretFileAtomic(path, `${JSON.stringify(doc, null, 2)}\n`),
  };
}

export function createEnvSecretsProvider(options: EnvSecretsOptions): SecretsProvider {
  if (options.mode !== 'demo') throw new SecretsError('REFUSED_IN_PRODUCTION');
  const now = options.now ?? ((): Date => new Date());
  const startedAt = now().toISOString();
  const store =
    options.dataDir === undefined
      ? memoryStore()
      : fileStore(join(options.dataDir, DEMO_SECRETS_FILE));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  const fromEnv = (name: SecretName): StoredVersion[] => {
    const value = options.env[ENV_VARIABLES[name]];
    if (value === undefined || value === '') return [];
    decodeSecret(name, value); // INVALID_VALUE names the secret, never the value
    return [{ id: 'env', createdAt: startedAt, value }];
  };

  const append = (name: SecretName, value: string): Promise<StoredVersion> =>
    serial(async () => {
      const { document, version } = withVersion(await store.load(), name, value, now());
      await store.save(document);
      return version;
    });

  const read = async (name: SecretName): Promise<readonly StoredVersion[]> => {
    const versions = [...fromEnv(name), ...documentVersions(await store.load(), name)];
    if (versions.length > 0 || !isGenerated(name)) return versions;
    await serial(async () => {
      const doc = await store.load();
      if (documentVersions(doc, name).length > 0) return; // generated meanwhile
      await store.save(withVersion(doc, name, generateEncodedSecret(name), now()).document);
    });
    return documentVersions(await store.load(), name);
  };

  return createVersionedProvider({ kind: 'env', read, append }, { cacheTtlMs: 0 });
}
