import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, ready } from '../crypto/index.js';
import { createEnvSecretsProvider, DEMO_SECRETS_FILE } from './env.adapter.js';
import { isSecretsError } from './secrets-error.js';
import { base64, rejection, renderings } from './testing/secret-leaks.js';

beforeAll(ready);

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('env secrets provider (demo only)', () => {
  it('is refused in production mode', () => {
    expect(() => createEnvSecretsProvider({ mode: 'production', env: {} })).toThrow(
      expect.objectContaining({ code: 'REFUSED_IN_PRODUCTION' }) as Error,
    );
  });

  it('reads base64 keys and the LWA secret from the environment', async () => {
    const masterKey = generateKey();
    const secrets = createEnvSecretsProvider({
      mode: 'demo',
      env: {
        SECRET_MASTER_KEY: base64(masterKey),
        SECRET_LWA_CLIENT_SECRET: 'amzn1.oa2-cs.v1.xyz',
      },
    });
    expect(await secrets.get('masterKey')).toEqual(masterKey);
    expect(await secrets.get('lwaClientSecret')).toBe('amzn1.oa2-cs.v1.xyz');
    expect(await secrets.versions('masterKey')).toEqual([
      expect.objectContaining({ id: 'env', current: true }),
    ]);
  });

  it('refuses a malformed variable without echoing it', async () => {
    const bad = 'c2hvcnQta2V5LXZhbHVl'; // base64 of 16 bytes: wrong length
    const secrets = createEnvSecretsProvider({ mode: 'demo', env: { SECRET_CSRF_KEY: bad } });
    const error = await rejection(secrets.get('csrfKey'));
    expect(isSecretsError(error, 'INVALID_VALUE')).toBe(true);
    expect(renderings(error)).not.toContain(bad);
  });

  it('generates missing keys in memory, rotates them and keeps old versions', async () => {
    const secrets = createEnvSecretsProvider({ mode: 'demo', env: {} });
    const first = await secrets.get('sealerKey');
    expect(first).toHaveLength(32);
    expect(await secrets.get('sealerKey')).toEqual(first);
    expect(await secrets.get('auditSigningKey')).toHaveLength(64);
    const [v1] = await secrets.versions('sealerKey');
    const v2 = await secrets.rotate('sealerKey');
    expect(await secrets.get('sealerKey')).not.toEqual(first);
    expect(await secrets.getVersion('sealerKey', v1?.id ?? '')).toEqual(first);
    expect((await secrets.versions('sealerKey')).map((v) => [v.id, v.current])).toEqual([
      [v1?.id, false],
      [v2, true],
    ]);
    expect(isSecretsError(await rejection(secrets.get('lwaClientSecret')), 'NOT_FOUND')).toBe(true);
    await expect(secrets.rotate('lwaClientSecret' as 'csrfKey')).rejects.toMatchObject({
      code: 'NOT_ROTATABLE',
    });
  });

  it('with a data dir, persists generated keys to a 0600 file that survives a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'env-secrets-'));
    dirs.push(dataDir);
    const first = createEnvSecretsProvider({ mode: 'demo', env: {}, dataDir });
    const key = await first.get('csrfKey');
    const info = await stat(join(dataDir, DEMO_SECRETS_FILE));
    expect(info.mode & 0o777).toBe(0o600);
    const again = createEnvSecretsProvider({ mode: 'demo', env: {}, dataDir });
    expect(await again.get('csrfKey')).toEqual(key);
    expect(await readdir(dataDir)).toEqual([DEMO_SECRETS_FILE]); // no temporary files left
  });

  it('never shows values in JSON, inspect or String', async () => {
    const masterKey = generateKey();
    const secrets = createEnvSecretsProvider({
      mode: 'demo',
      env: { SECRET_MASTER_KEY: base64(masterKey), SECRET_LWA_CLIENT_SECRET: 'lwa-canary-secret' },
    });
    await secrets.get('masterKey');
    await secrets.get('lwaClientSecret');
    const text = renderings(secrets, { secrets });
    expect(text).not.toContain(base64(masterKey));
    expect(text).not.toContain('lwa-canary-secret');
    expect(JSON.stringify(secrets)).toBe('{"kind":"env","secrets":"[redacted]"}');
  });
});
