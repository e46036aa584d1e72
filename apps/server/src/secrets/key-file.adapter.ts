/**
 * `key-file` adapter: every secret, all versions, in one encrypted file (see key-file.format.ts).
 * The passphrase is used once to derive the file key, then dropped; the derived key stays in
 * memory to write new versions (rotation keeps the salt and cost; only `initKeyFile` makes new
 * ones). Each read re-reads and authenticates the file, so a rotation by the admin CLI is seen
 * after the cache TTL without a restart.
 */
import { readFile } from 'node:fs/promises';
import { PASSWORD_PROFILES, wipe, type Argon2idCost } from '../crypto/index.js';
import { fileExists, readSecretFile, writeSecretFileAtomic } from './atomic-file.js';
import {
  decryptKeyFile,
  encryptKeyFile,
  keyFileKeyFor,
  newKeyFileKey,
  type KeyFileKey,
} from './key-file.format.js';
import { generateEncodedSecret, SECRET_NAMES, isGenerated } from './secret-catalog.js';
import type { SecretsProvider, StoredVersion } from './secrets.port.js';
import {
  documentVersions,
  emptyDocument,
  withVersion,
  type SecretsDocument,
} from './secrets-document.js';
import { SecretsError } from './secrets-error.js';
import { createVersionedProvider } from './versioned-provider.js';

export interface KeyFileOptions {
  readonly path: string;
  readonly passphrase: string | Uint8Array;
  /** Production refuses a file whose Argon2id cost is below libsodium's INTERACTIVE. */
  readonly production: boolean;
  /** Default 60 s. */
  readonly cacheTtlMs?: number;
  readonly now?: () => Date;
}

export interface InitKeyFileOptions extends KeyFileOptions {
  /** The LWA client secret, if known now (later: `provider.put('lwaClientSecret', …)`). */
  readonly lwaClientSecret?: string;
  /** Default `PASSWORD_PROFILES.standard` (t=3, 128 MiB); tests pass `PASSWORD_PROFILES.test`. */
  readonly cost?: Argon2idCost;
}

async function readExisting(path: string): Promise<string> {
  const text = await readSecretFile(path);
  if (text === null) throw new SecretsError('KEY_FILE_UNREADABLE', 'no such file');
  return text;
}

function openWithKey(options: KeyFileOptions, fileKey: KeyFileKey): SecretsProvider {
  const now = options.now ?? ((): Date => new Date());
  let writes: Promise<unknown> = Promise.resolve();
  const load = async (): Promise<SecretsDocument> =>
    decryptKeyFile(fileKey, await readExisting(options.path));

  return createVersionedProvider(
    {
      kind: 'key-file',
      read: async (name) => documentVersions(await load(), name),
      append: (name, value) => {
        const next = writes.then(async (): Promise<StoredVersion> => {
          const { document, version } = withVersion(await load(), name, value, now());
          await writeSecretFileAtomic(options.path, encryptKeyFile(fileKey, document));
          return version;
        });
        writes = next.catch(() => undefined);
        return next;
      },
    },
    {
      cacheTtlMs: options.cacheTtlMs ?? 60_000,
      now: () => now().getTime(),
      onClose: () => {
        wipe(fileKey.key);
      },
    },
  );
}

/** Opens an existing key file: `KEY_FILE_REJECTED` for a wrong passphrase or any modified byte. */
export async function openKeyFileSecretsProvider(
  options: KeyFileOptions,
): Promise<SecretsProvider> {
  const text = await readExisting(options.path);
  const fileKey = keyFileKeyFor(text, options.passphrase, options.production);
  try {
    decryptKeyFile(fileKey, text);
  } catch (error) {
    wipe(fileKey.key);
    throw error;
  }
  return openWithKey(options, fileKey);
}

/** Creates a new key file with every generated secret (refuses to overwrite one). */
export async function initKeyFile(options: InitKeyFileOptions): Promise<SecretsProvider> {
  if (await fileExists(options.path)) throw new SecretsError('KEY_FILE_EXISTS');
  const now = options.now ?? ((): Date => new Date());
  let doc = emptyDocument();
  for (const name of SECRET_NAMES) {
    if (isGenerated(name))
      doc = withVersion(doc, name, generateEncodedSecret(name), now()).document;
  }
  if (options.lwaClientSecret !== undefined) {
    doc = withVersion(doc, 'lwaClientSecret', options.lwaClientSecret, now()).document;
  }
  const fileKey = newKeyFileKey(
    options.passphrase,
    options.cost ?? PASSWORD_PROFILES.standard,
    options.production,
  );
  await writeSecretFileAtomic(options.path, encryptKeyFile(fileKey, doc));
  return openWithKey(options, fileKey);
}

/**
 * The key-file passphrase from the environment: `SECRETS_PASSPHRASE_FILE` (a path, e.g. a
 * mounted secret or `/dev/fd/3`; one trailing newline is dropped) or else `SECRETS_PASSPHRASE`.
 */
export async function readPassphrase(env: NodeJS.ProcessEnv): Promise<string> {
  const file = env.SECRETS_PASSPHRASE_FILE;
  if (file !== undefined && file !== '') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new SecretsError('PASSPHRASE_MISSING', 'SECRETS_PASSPHRASE_FILE unreadable');
    }
    const passphrase = text.replace(/\r?\n$/, '');
    if (passphrase !== '') return passphrase;
  }
  const direct = env.SECRETS_PASSPHRASE;
  if (direct !== undefined && direct !== '') return direct;
  throw new SecretsError('PASSPHRASE_MISSING');
}
