import { beforeAll, describe, expect, it } from 'vitest';
import { ready, sign, verify } from '../crypto/index.js';
import { createSecretsSigningKeyProvider } from './audit-signing-key.provider.js';
import { createEnvSecretsProvider } from './env.adapter.js';
import { loadKeyRing, wipeKeyRing } from './key-ring.js';

beforeAll(ready);

describe('audit SigningKeyProvider over the secrets provider', () => {
  it('signs with the current version and lists public keys of every version', async () => {
    const secrets = createEnvSecretsProvider({ mode: 'demo', env: {} });
    const signing = createSecretsSigningKeyProvider(secrets);
    const first = await signing.withSigningKey((key) => ({
      keyId: key.keyId,
      signature: sign(key.secretKey, 'checkpoint-1'),
    }));
    await secrets.rotate('auditSigningKey');
    const second = await signing.withSigningKey((key) => ({
      keyId: key.keyId,
      signature: sign(key.secretKey, 'checkpoint-2'),
    }));
    expect(second.keyId).not.toBe(first.keyId);
    const keys = new Map((await signing.publicKeys()).map((k) => [k.keyId, k.publicKey]));
    expect(keys.size).toBe(2);
    const pk = (id: string): Uint8Array => keys.get(id) ?? new Uint8Array(32);
    expect(verify(pk(first.keyId), 'checkpoint-1', first.signature)).toBe(true);
    expect(verify(pk(second.keyId), 'checkpoint-2', second.signature)).toBe(true);
    expect(verify(pk(first.keyId), 'checkpoint-2', second.signature)).toBe(false);
  });

  it('wipes the lent secret key after the callback, also after an async one', async () => {
    const signing = createSecretsSigningKeyProvider(
      createEnvSecretsProvider({ mode: 'demo', env: {} }),
    );
    let lent: Uint8Array = new Uint8Array(0);
    await signing.withSigningKey(async (key) => {
      lent = key.secretKey;
      await Promise.resolve();
      expect(lent.some((b) => b !== 0)).toBe(true);
    });
    expect(lent.every((b) => b === 0)).toBe(true);
  });
});

describe('loadKeyRing', () => {
  it('gives the current sealer key and the earlier versions, with their ids', async () => {
    const secrets = createEnvSecretsProvider({ mode: 'demo', env: {} });
    const before = await secrets.get('sealerKey');
    const newId = await secrets.rotate('sealerKey');
    const ring = await loadKeyRing(secrets, 'sealerKey');
    expect(ring.current.keyId).toBe(newId);
    expect(ring.previous.map((k) => k.key)).toEqual([before]);
    wipeKeyRing(ring);
    expect(ring.current.key.every((b) => b === 0)).toBe(true);
  });
});
