import { AppError } from '@spapi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CryptoError } from './crypto-error.js';
import { createPasswordHasher, PASSWORD_PROFILES, passwordCost } from './password.js';
import { ready, sodium } from './sodium.js';

const PASSWORD = 'correct horse battery staple';
/** A full queue: the product's 503 with a retry hint, not a crypto failure. */
const BUSY = { code: 'SERVICE_UNAVAILABLE', status: 503, details: { retryAfterSeconds: 1 } };
const hasher = createPasswordHasher({ production: false, profile: 'test' });

beforeAll(ready);
afterAll(() => hasher.close());

describe('password hashing (Argon2id in a worker)', () => {
  it('hashes to an Argon2id string that verifies the password and nothing else', async () => {
    const hash = await hasher.hashPassword(PASSWORD);
    expect(hash.startsWith('$argon2id$v=19$')).toBe(true);
    expect(hash).not.toContain(PASSWORD);
    expect(await hasher.verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await hasher.verifyPassword(hash, `${PASSWORD} `)).toBe(false);
    expect(await hasher.verifyPassword(hash, '')).toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hasher.hashPassword(PASSWORD)).not.toBe(await hasher.hashPassword(PASSWORD));
  });

  it('normalises Unicode (NFKC) so composed and decomposed forms match', async () => {
    const hash = await hasher.hashPassword('Jürgen-passwort-1');
    expect(await hasher.verifyPassword(hash, 'Ju\u0308rgen-passwort-1')).toBe(true);
  });

  it('answers false for unknown users, malformed hashes and oversized passwords', async () => {
    expect(await hasher.verifyPassword(null, PASSWORD)).toBe(false);
    expect(await hasher.verifyPassword('not-a-hash', PASSWORD)).toBe(false);
    const hash = await hasher.hashPassword(PASSWORD);
    expect(await hasher.verifyPassword(hash, 'x'.repeat(5000))).toBe(false);
    await expect(hasher.hashPassword('x'.repeat(5000))).rejects.toThrow(CryptoError);
  });

  it('says when a hash needs re-hashing', async () => {
    const hash = await hasher.hashPassword(PASSWORD);
    expect(hasher.needsRehash(hash)).toBe(false);
    const standard = createPasswordHasher({ production: true });
    expect(standard.needsRehash(hash)).toBe(true);
    expect(standard.needsRehash('$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(standard.needsRehash('garbage')).toBe(true);
    await standard.close();
  });

  it('refuses the test profile in production; INTERACTIVE is the floor', () => {
    expect(() => createPasswordHasher({ production: true, profile: 'test' })).toThrow(
      expect.objectContaining({ code: 'WEAK_PROFILE' }),
    );
    expect(passwordCost({ production: true, profile: 'interactive' })).toEqual({
      opslimit: sodium().crypto_pwhash_OPSLIMIT_INTERACTIVE,
      memlimit: sodium().crypto_pwhash_MEMLIMIT_INTERACTIVE,
    });
    expect(passwordCost({ production: true })).toBe(PASSWORD_PROFILES.standard);
    expect(PASSWORD_PROFILES.standard.memlimit).toBeGreaterThan(
      sodium().crypto_pwhash_MEMLIMIT_INTERACTIVE,
    );
  });

  it('bounds the queue with SERVICE_UNAVAILABLE and fails pending work on close', async () => {
    const small = createPasswordHasher({ production: false, profile: 'test', maxPending: 2 });
    const work = [1, 2, 3].map(() => small.hashPassword(PASSWORD));
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results[2]).toMatchObject({ status: 'rejected', reason: BUSY });
    await small.close();
    await expect(small.hashPassword(PASSWORD)).rejects.toMatchObject({ code: 'HASHER_FAILED' });
  });

  it('answers verifications beyond maxPending with a retryable SERVICE_UNAVAILABLE', async () => {
    const stored = await hasher.hashPassword(PASSWORD);
    const single = createPasswordHasher({ production: false, profile: 'test', maxPending: 1 });
    try {
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map(() => single.verifyPassword(stored, PASSWORD)),
      );
      expect(results[0]).toEqual({ status: 'fulfilled', value: true });
      for (const extra of results.slice(1)) {
        expect(extra).toMatchObject({ status: 'rejected', reason: BUSY });
        const reason: unknown = extra.status === 'rejected' ? extra.reason : undefined;
        expect(reason).toBeInstanceOf(AppError);
        expect((reason as AppError).cause).toMatchObject({ code: 'HASHER_BUSY' });
      }
      // Unknown accounts take the same path (the dummy hash is not cached as a failure).
      const unknown = await Promise.allSettled(
        [1, 2].map(() => single.verifyPassword(null, PASSWORD)),
      );
      expect(unknown[1]).toMatchObject({ status: 'rejected', reason: BUSY });
      expect(await single.verifyPassword(stored, PASSWORD)).toBe(true);
      expect(await single.verifyPassword(null, PASSWORD)).toBe(false);
    } finally {
      await single.close();
    }
  });

  it('does not block the event loop while hashing', async () => {
    const slow = createPasswordHasher({ production: true, profile: 'interactive' });
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const hash = await slow.hashPassword(PASSWORD);
    clearInterval(timer);
    expect(hash).toContain('$m=65536,t=2,');
    expect(ticks).toBeGreaterThan(3);
    await slow.close();
  });
});
