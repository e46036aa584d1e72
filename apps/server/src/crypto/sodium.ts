// With password.worker.js, the only file in the repository that imports libsodium (STYLE.md
// rule 7). eslint.config.js is to forbid it everywhere else (apps/server/README.md, "Crypto").
import libsodium from 'libsodium-wrappers-sumo';
import { CryptoError } from './crypto-error.js';

export type Sodium = typeof libsodium;

let loaded: Sodium | undefined;
let loading: Promise<void> | undefined;

/** Loads libsodium's WebAssembly once per process. Await it at start-up before any crypto call. */
export function ready(): Promise<void> {
  loading ??= libsodium.ready.then(() => {
    loaded = libsodium;
  });
  return loading;
}

/** The loaded library; throws `NOT_READY` if `ready()` has not completed. */
export function sodium(): Sodium {
  if (loaded === undefined) throw new CryptoError('NOT_READY');
  return loaded;
}
