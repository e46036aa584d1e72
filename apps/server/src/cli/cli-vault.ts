/** The CLI's PII vault: over every encrypted column, as the server opens it, for one command. */
import { ALL_ENCRYPTED_COLUMNS } from '../pii-columns.js';
import {
  createEncryptedColumnRegistry,
  createPiiVault,
  type PiiVault,
} from '../pii-vault/index.js';
import type { CliContext } from './cli-context.js';

export async function withVault<T>(
  context: CliContext,
  work: (vault: PiiVault) => Promise<T>,
): Promise<T> {
  const vault = createPiiVault({
    db: context.db,
    secrets: context.secrets,
    audit: context.audit,
    columns: createEncryptedColumnRegistry(ALL_ENCRYPTED_COLUMNS),
    clock: context.clock,
  });
  try {
    return await work(vault);
  } finally {
    vault.close();
  }
}
