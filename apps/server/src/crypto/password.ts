/**
 * Password hashing with Argon2id (`crypto_pwhash_str`), run in a worker thread so a sign-in never
 * stalls the event loop. Hashes are libsodium's encoded strings (`$argon2id$v=19$m=…,t=…,p=1$…`),
 * which carry their own salt and cost, so old hashes keep verifying after the profile changes;
 * {@link PasswordHasher.needsRehash} says when to re-hash at the next successful sign-in.
 *
 * Passwords are NFKC-normalised before hashing (NIST SP 800-63B §5.1.1.2), so the same password
 * typed on different keyboards matches. Length rules belong to the sign-up use case; here only
 * an upper bound of 4 KiB guards the worker.
 */
import { AppError, ErrorCode } from '@spapi/shared';
import { randomBytes, utf8 } from './bytes.js';
import { CryptoError } from './crypto-error.js';
import { PasswordWorkerClient, type WorkerRequest } from './password-worker-client.js';
import { sodium } from './sodium.js';

const KIB = 1024;
const MIB = 1024 * KIB;
const MAX_PASSWORD_BYTES = 4 * KIB;
const DEFAULT_MAX_PENDING = 32;
/** Retry-After for a full queue: a `standard` hash takes ≈0.45 s; each second frees ≈2 slots. */
const BUSY_RETRY_AFTER_SECONDS = 1;

export interface Argon2idCost {
  /** Passes over memory (`t`). */
  readonly opslimit: number;
  /** Memory in bytes (`m`). */
  readonly memlimit: number;
}

/**
 * - `standard` (default): t=3 and 128 MiB, between libsodium's INTERACTIVE and MODERATE;
 *   ≈0.45 s on the build machine, so one worker serves ≈2 sign-ins per second.
 * - `interactive`: libsodium's INTERACTIVE (t=2, 64 MiB), the floor in production.
 * - `test`: libsodium's minimum (t=1, 8 KiB). Microseconds, still real Argon2id strings.
 *   Refused when `production` is true.
 */
export const PASSWORD_PROFILES = {
  standard: { opslimit: 3, memlimit: 128 * MIB },
  interactive: { opslimit: 2, memlimit: 64 * MIB },
  test: { opslimit: 1, memlimit: 8 * KIB },
} as const satisfies Record<string, Argon2idCost>;

export type PasswordProfileName = keyof typeof PASSWORD_PROFILES;

const PRODUCTION_FLOOR = PASSWORD_PROFILES.interactive;

export interface PasswordHasherOptions {
  /** True in production mode: any cost below libsodium's INTERACTIVE is refused. */
  readonly production: boolean;
  readonly profile?: PasswordProfileName;
  /**
   * Requests queued for the worker; beyond that, calls reject at once with
   * AppError(SERVICE_UNAVAILABLE) carrying `retryAfterSeconds` (503 + Retry-After). Default 32.
   */
  readonly maxPending?: number;
}

/** Methods are plain functions (no `this`), so they can be passed around unbound. */
export interface PasswordHasher {
  readonly cost: Argon2idCost;
  /** An Argon2id string (`$argon2id$…`) to store. */
  readonly hashPassword: (password: string) => Promise<string>;
  /**
   * True if `password` matches `hash`. With `hash` null (no such user) it does the same work
   * against a dummy hash and returns false, so timing does not reveal which accounts exist.
   * A malformed stored hash returns false.
   */
  readonly verifyPassword: (hash: string | null, password: string) => Promise<boolean>;
  /** True if `hash` was made with another cost or algorithm than the current profile. */
  readonly needsRehash: (hash: string) => boolean;
  /** Stops the worker; later calls fail with `HASHER_FAILED`. */
  readonly close: () => Promise<void>;
}

function passwordBytes(password: string): Uint8Array | undefined {
  const bytes = utf8(password.normalize('NFKC'));
  return bytes.length <= MAX_PASSWORD_BYTES ? bytes : undefined;
}

/** Resolves the profile, refusing a weak one in production. */
export function passwordCost(options: PasswordHasherOptions): Argon2idCost {
  const cost = PASSWORD_PROFILES[options.profile ?? 'standard'];
  const weak =
    cost.opslimit < PRODUCTION_FLOOR.opslimit || cost.memlimit < PRODUCTION_FLOOR.memlimit;
  if (options.production && weak) throw new CryptoError('WEAK_PROFILE');
  return cost;
}

/**
 * A full queue is load, not a fault: the caller should retry shortly. This is the one place
 * the worker's `HASHER_BUSY` becomes the product's error (503 with Retry-After at HTTP).
 */
function busy(cause: CryptoError): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, {
    message: 'password hasher busy',
    details: { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
    cause,
  });
}

/** Needs `ready()` (for `needsRehash`). One hasher per process; close it on shutdown. */
export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const cost = passwordCost(options);
  const client = new PasswordWorkerClient(options.maxPending ?? DEFAULT_MAX_PENDING);
  let dummyHash: Promise<string> | undefined;

  const run = (request: WorkerRequest): Promise<unknown> =>
    client.run(request).catch((error: unknown) => {
      throw error instanceof CryptoError && error.code === 'HASHER_BUSY' ? busy(error) : error;
    });
  const hash = async (password: Uint8Array): Promise<string> => {
    const value = await run({ op: 'hash', password, ...cost });
    if (typeof value !== 'string') throw new CryptoError('HASHER_FAILED', 'bad reply');
    return value;
  };
  /** Hashed once, on first need; a failure is not cached. */
  const dummy = (): Promise<string> => {
    dummyHash ??= hash(randomBytes(32)).catch((error: unknown) => {
      dummyHash = undefined;
      throw error;
    });
    return dummyHash;
  };
  const check = async (stored: string, password: Uint8Array): Promise<boolean> =>
    (await run({ op: 'verify', hash: stored, password })) === true;

  return {
    cost,
    hashPassword: async (password) => {
      const bytes = passwordBytes(password);
      if (!bytes) throw new CryptoError('INVALID_INPUT', 'password longer than 4 KiB');
      return hash(bytes);
    },
    verifyPassword: async (stored, password) => {
      const bytes = passwordBytes(password);
      if (stored === null || bytes === undefined) {
        await check(await dummy(), bytes ?? utf8('-'));
        return false;
      }
      return check(stored, bytes);
    },
    needsRehash: (stored) => {
      if (!stored.startsWith('$argon2id$')) return true;
      try {
        return sodium().crypto_pwhash_str_needs_rehash(stored, cost.opslimit, cost.memlimit);
      } catch (error) {
        if (error instanceof CryptoError) throw error;
        return true;
      }
    },
    close: () => client.close(),
  };
}
