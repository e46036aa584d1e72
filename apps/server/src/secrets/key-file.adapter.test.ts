import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_PROFILES, ready } from '../crypto/index.js';
import { initKeyFile, openKeyFileSecretsProvider, readPassphrase } from './key-file.adapter.js';
import { isSecretsError } from './secrets-error.js';
import { base64, rejection, renderings } from './testing/secret-leaks.js';

const PASSPHRASE = 'correct horse battery staple 42';
const LWA = 'amzn1.oa2-cs.v1.canary-secret';
let dir = '';
let n = 0;

beforeAll(async () => {
  await ready();
  dir = await mkdtemp(join(tmpdir(), 'key-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const fresh = async (): Promise<string> => {
  n += 1;
  const path = join(dir, `secrets-${String(n)}.json`);
  const secrets = await initKeyFile({
    path,
    passphrase: PASSPHRASE,
    production: false,
    cost: PASSWORD_PROFILES.test,
    lwaClientSecret: LWA,
  });
  secrets.close();
  return path;
};

const open = (path: string, passphrase = PASSPHRASE, production = false) =>
  openKeyFileSecretsProvider({ path, passphrase, production, cacheTtlMs: 0 });

const code = async (work: Promise<unknown>): Promise<string | undefined> => {
  const error = await rejection(work);
  return isSecretsError(error) ? error.code : 'other';
};

describe('key-file secrets provider', () => {
  it('init writes a 0600 file holding every secret; open reads them back', async () => {
    const path = await fresh();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const secrets = await open(path);
    expect(await secrets.get('masterKey')).toHaveLength(32);
    expect(await secrets.get('csrfKey')).toHaveLength(32);
    expect(await secrets.get('sealerKey')).toHaveLength(32);
    expect(await secrets.get('auditSigningKey')).toHaveLength(64);
    expect(await secrets.get('lwaClientSecret')).toBe(LWA);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(LWA);
    expect(text).not.toContain(base64(await secrets.get('masterKey')));
    secrets.close();
  });

  it('rotation keeps earlier versions readable, across a reopen, with atomic writes', async () => {
    const path = await fresh();
    const secrets = await open(path);
    const old = await secrets.get('masterKey');
    const [v1] = await secrets.versions('masterKey');
    const v2 = await secrets.rotate('masterKey');
    const v3 = await secrets.put('lwaClientSecret', 'amzn1.oa2-cs.v1.rotated');
    secrets.close();
    const reopened = await open(path);
    expect(await reopened.get('masterKey')).not.toEqual(old);
    expect(await reopened.getVersion('masterKey', v1?.id ?? '')).toEqual(old);
    expect((await reopened.versions('masterKey')).map((v) => v.id)).toEqual([v1?.id, v2]);
    expect(await reopened.get('lwaClientSecret')).toBe('amzn1.oa2-cs.v1.rotated');
    expect((await reopened.versions('lwaClientSecret')).at(-1)?.id).toBe(v3);
    expect(await code(reopened.getVersion('masterKey', 'nope'))).toBe('UNKNOWN_VERSION');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    reopened.close();
    expect(await code(reopened.get('masterKey'))).toBe('CLOSED');
  });

  it('refuses a wrong passphrase', async () => {
    const path = await fresh();
    expect(await code(open(path, 'not the passphrase'))).toBe('KEY_FILE_REJECTED');
  });

  it('refuses a tampered ciphertext and a tampered header', async () => {
    const path = await fresh();
    const original = JSON.parse(await readFile(path, 'utf8')) as {
      kdf: { opslimit: number };
      ciphertext: string;
    };
    const bytes = Buffer.from(original.ciphertext, 'base64');
    bytes[40] = (bytes[40] ?? 0) ^ 1;
    await writeFile(path, JSON.stringify({ ...original, ciphertext: bytes.toString('base64') }));
    expect(await code(open(path))).toBe('KEY_FILE_REJECTED');
    const header = { ...original, kdf: { ...original.kdf, opslimit: original.kdf.opslimit + 1 } };
    await writeFile(path, JSON.stringify(header));
    expect(await code(open(path))).toBe('KEY_FILE_REJECTED');
    await writeFile(path, '{"format":"something else"}');
    expect(await code(open(path))).toBe('KEY_FILE_UNREADABLE');
  });

  it('refuses a file readable by group or others, and a missing file', async () => {
    const path = await fresh();
    await chmod(path, 0o644);
    expect(await code(open(path))).toBe('KEY_FILE_INSECURE');
    expect(await code(open(join(dir, 'missing.json')))).toBe('KEY_FILE_UNREADABLE');
  });

  it('init never overwrites; production refuses a test-strength Argon2id cost', async () => {
    const path = await fresh();
    const again = initKeyFile({ path, passphrase: PASSPHRASE, production: false });
    expect(await code(again)).toBe('KEY_FILE_EXISTS');
    expect(await code(open(path, PASSPHRASE, true))).toBe('KEY_FILE_REJECTED');
  });

  it('keeps the passphrase and values out of JSON, inspect and errors', async () => {
    const path = await fresh();
    const secrets = await open(path);
    const key = base64(await secrets.get('sealerKey'));
    const wrong = await rejection(open(path, 'wrong-passphrase-canary'));
    const text = renderings(secrets, wrong, await rejection(secrets.getVersion('csrfKey', 'x')));
    for (const value of [PASSPHRASE, 'wrong-passphrase-canary', LWA, key]) {
      expect(text).not.toContain(value);
    }
    secrets.close();
  });

  it('reads the passphrase from a file (one trailing newline dropped) or the environment', async () => {
    const file = join(dir, 'passphrase');
    await writeFile(file, `${PASSPHRASE}\n`, { mode: 0o600 });
    expect(await readPassphrase({ SECRETS_PASSPHRASE_FILE: file })).toBe(PASSPHRASE);
    expect(await readPassphrase({ SECRETS_PASSPHRASE: 'direct' })).toBe('direct');
    expect(await code(readPassphrase({}))).toBe('PASSPHRASE_MISSING');
  });
});
