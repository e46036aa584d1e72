/**
 * The CLI's composition root: configuration from the environment → crypto → storage (migrated)
 * → secrets → audit trail. Identity is built on first use (it needs the sealer and CSRF keys).
 * `close()` releases everything; call it in `finally`.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createAuditTrail, type AuditTrail, type SigningKeyProvider } from '../audit/index.js';
import { loadConfig, type ServerConfig } from '../config/index.js';
import { ready, wipe, type PasswordHasher } from '../crypto/index.js';
import {
  createAeadSecretSealer,
  createIdentity,
  createOutboxMailer,
  type Identity,
} from '../identity/index.js';
import {
  createSecretsProvider,
  createSecretsSigningKeyProvider,
  loadKeyRing,
  wipeKeyRing,
  type KeyRing,
  type SecretsProvider,
} from '../secrets/index.js';
import { createDatabase, migrateToLatest, type Database } from '../storage/index.js';
import { identityAuditSink } from './cli-audit.js';
import type { CliIo } from './cli-io.js';

export interface CliContext {
  readonly config: ServerConfig;
  readonly db: Kysely<Database>;
  readonly secrets: SecretsProvider;
  readonly signingKeys: SigningKeyProvider;
  readonly audit: AuditTrail;
  /** `cli-<uuid>`: the request id of every audit entry this invocation writes. */
  readonly requestId: string;
  readonly clock: () => number;
  identity(): Promise<Identity>;
  close(): Promise<void>;
}

/** The CLI never checks or sets a password: invitations let the user choose one. */
const noPasswords: Pick<PasswordHasher, 'verifyPassword' | 'hashPassword' | 'needsRehash'> = {
  verifyPassword: () => Promise.reject(new Error('the admin CLI does not verify passwords')),
  hashPassword: () => Promise.reject(new Error('the admin CLI does not set passwords')),
  needsRehash: () => false,
};

export async function openCliContext(io: CliIo): Promise<CliContext> {
  const config = loadConfig(io.env, io.cwd === undefined ? {} : { cwd: io.cwd });
  await ready();
  const database = createDatabase(config.database);
  let secrets: SecretsProvider | undefined;
  try {
    await migrateToLatest(database);
    secrets = await createSecretsProvider({
      mode: config.mode,
      source: config.secrets,
      dataDir: config.dataDir,
      env: io.env,
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const openSecrets = secrets;
  const clock = Date.now;
  const requestId = `cli-${randomUUID()}`;
  const signingKeys = createSecretsSigningKeyProvider(openSecrets);
  const audit = createAuditTrail({ db: database.db, signingKeys, clock });
  const rings: KeyRing[] = [];
  const keys: Uint8Array[] = [];
  let identity: Identity | undefined;

  const buildIdentity = async (): Promise<Identity> => {
    const sealerRing = await loadKeyRing(openSecrets, 'sealerKey');
    rings.push(sealerRing);
    const csrfKey = await openSecrets.get('csrfKey');
    keys.push(csrfKey);
    const sealer = createAeadSecretSealer(sealerRing.current, sealerRing.previous);
    return createIdentity({
      db: database.db,
      hasher: noPasswords,
      audit: identityAuditSink(audit, requestId),
      mail: createOutboxMailer(database.db, sealer, clock),
      sealer,
      csrfKey,
      publicUrl: config.publicUrl,
      clock,
    });
  };

  return {
    config,
    db: database.db,
    secrets: openSecrets,
    signingKeys,
    audit,
    requestId,
    clock,
    identity: async () => (identity ??= await buildIdentity()),
    close: async () => {
      for (const ring of rings) wipeKeyRing(ring);
      for (const key of keys) wipe(key);
      openSecrets.close();
      await database.close();
    },
  };
}
