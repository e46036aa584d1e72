/**
 * The audit trail's `SigningKeyProvider` over the secrets provider. The key id of a checkpoint
 * is the version id of `auditSigningKey` that signed it; `publicKeys()` lists the public key of
 * every readable version, so checkpoints signed before a rotation still verify. The secret key
 * is copied for the callback and wiped after it (and after its promise, if it returns one).
 */
import type { AuditPublicKey, SigningKeyProvider } from '../audit/signing-key.provider.js';
import { signingPublicKey, wipe } from '../crypto/index.js';
import type { SecretsProvider } from './secrets.port.js';
import { SecretsError } from './secrets-error.js';

export function createSecretsSigningKeyProvider(secrets: SecretsProvider): SigningKeyProvider {
  return {
    withSigningKey: async (use) => {
      const current = (await secrets.versions('auditSigningKey')).at(-1);
      if (current === undefined) throw new SecretsError('NOT_FOUND', 'auditSigningKey');
      const secretKey = await secrets.getVersion('auditSigningKey', current.id);
      try {
        return await use({ keyId: current.id, secretKey });
      } finally {
        wipe(secretKey);
      }
    },
    publicKeys: async () => {
      const keys: AuditPublicKey[] = [];
      for (const { id } of await secrets.versions('auditSigningKey')) {
        const secretKey = await secrets.getVersion('auditSigningKey', id);
        try {
          keys.push({ keyId: id, publicKey: signingPublicKey(secretKey) });
        } finally {
          wipe(secretKey);
        }
      }
      return keys;
    },
  };
}
