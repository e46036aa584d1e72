import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKey, generateSigningKeyPair, ready } from '../crypto/index.js';
import { createAwsSecretsProvider } from './aws-secrets-manager.adapter.js';
import type { SecretsProvider } from './secrets.port.js';
import { isSecretsError } from './secrets-error.js';
import {
  startFakeSecretsManager,
  type FakeSecretsManager,
} from './testing/fake-secrets-manager.js';
import { base64, rejection, renderings } from './testing/secret-leaks.js';

const PREFIX = 'desk/test/';
const LWA = 'amzn1.oa2-cs.v1.aws-canary';
let fake: FakeSecretsManager;
let clock = 0;
const masterKey = new Uint8Array(32);
const providers: SecretsProvider[] = [];

const provider = (cacheTtlMs = 0): SecretsProvider => {
  const secrets = createAwsSecretsProvider({
    region: 'eu-west-1',
    prefix: PREFIX,
    endpoint: fake.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    cacheTtlMs,
    now: () => new Date(1_750_000_000_000 + clock),
  });
  providers.push(secrets);
  return secrets;
};

beforeAll(async () => {
  await ready();
  fake = await startFakeSecretsManager();
  masterKey.set(generateKey());
  fake.seed(`${PREFIX}masterKey`, { binary: masterKey });
  fake.seed(`${PREFIX}lwaClientSecret`, { string: LWA });
  fake.seed(`${PREFIX}csrfKey`, { string: base64(generateKey()) }); // base64 SecretString form
  fake.seed(`${PREFIX}auditSigningKey`, { binary: generateSigningKeyPair().secretKey });
});
beforeEach(() => {
  fake.requests.length = 0;
});
afterAll(async () => {
  for (const p of providers) p.close();
  await fake.close();
});

describe('aws-secrets-manager provider (against a local JSON 1.1 endpoint)', () => {
  it('reads SecretBinary keys, base64 SecretString keys and the LWA SecretString', async () => {
    const secrets = provider();
    expect(await secrets.get('masterKey')).toEqual(masterKey);
    expect(await secrets.get('csrfKey')).toHaveLength(32);
    expect(await secrets.get('lwaClientSecret')).toBe(LWA);
    const first = fake.requests[0];
    expect(first?.target).toBe('secretsmanager.GetSecretValue');
    expect(first?.body).toEqual({ SecretId: `${PREFIX}masterKey`, VersionStage: 'AWSCURRENT' });
    expect(fake.requests.every((r) => r.signed)).toBe(true);
  });

  it('a missing secret is NOT_FOUND; an AWS error is BACKEND_FAILED with its name only', async () => {
    const secrets = provider();
    expect(isSecretsError(await rejection(secrets.get('sealerKey')), 'NOT_FOUND')).toBe(true);
    fake.failNext('AccessDeniedException');
    const error = await rejection(secrets.get('masterKey'));
    expect(error).toMatchObject({ code: 'BACKEND_FAILED', upstream: 'AccessDeniedException' });
    expect((error as Error).message).not.toContain('denied');
  });

  it('rotates with PutSecretValue: AWSCURRENT is new, AWSPREVIOUS stays readable', async () => {
    const secrets = provider();
    const before = await secrets.get('auditSigningKey');
    const [old] = await secrets.versions('auditSigningKey');
    const id = await secrets.rotate('auditSigningKey');
    const put = fake.requests.find((r) => r.target === 'secretsmanager.PutSecretValue');
    expect(put?.body).toMatchObject({
      SecretId: `${PREFIX}auditSigningKey`,
      ClientRequestToken: id,
    });
    expect(typeof put?.body.SecretBinary).toBe('string');
    const after = await secrets.get('auditSigningKey');
    expect(after).toHaveLength(64);
    expect(after).not.toEqual(before);
    expect((await secrets.versions('auditSigningKey')).map((v) => [v.id, v.current])).toEqual([
      [old?.id, false],
      [id, true],
    ]);
    expect(await secrets.getVersion('auditSigningKey', old?.id ?? '')).toEqual(before);
    await secrets.put('lwaClientSecret', 'amzn1.oa2-cs.v1.next');
    expect(await secrets.get('lwaClientSecret')).toBe('amzn1.oa2-cs.v1.next');
    await secrets.put('lwaClientSecret', LWA);
  });

  it('caches for the TTL and refetches after it', async () => {
    const secrets = provider(60_000);
    await secrets.get('masterKey');
    await secrets.get('masterKey');
    const calls = (): number => fake.requests.length;
    const afterTwo = calls();
    expect(afterTwo).toBe(2); // AWSCURRENT + AWSPREVIOUS, once
    clock += 60_001;
    await secrets.get('masterKey');
    expect(calls()).toBe(4);
  });

  it('never shows values in JSON, inspect or errors', async () => {
    const secrets = provider(60_000);
    await secrets.get('lwaClientSecret');
    await secrets.get('masterKey');
    const text = renderings(secrets, await rejection(secrets.get('sealerKey')));
    expect(text).not.toContain(LWA);
    expect(text).not.toContain(base64(masterKey));
    expect(JSON.stringify(secrets)).toBe('{"kind":"aws-secrets-manager","secrets":"[redacted]"}');
  });
});
