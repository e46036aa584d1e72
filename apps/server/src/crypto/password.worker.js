// Argon2id off the event loop. libsodium's crypto_pwhash is synchronous WebAssembly taking
// ~0.5 s at the standard profile, which must not stall the server. Plain JavaScript because
// worker threads load files with Node itself, not through the TypeScript loader. Spawned only by
// password.ts, which owns the protocol: { id, op: 'hash' | 'verify', password: Uint8Array, … }
// in, { id, ok, value } out. Never echoes a password; wipes each password buffer after use.
import { parentPort } from 'node:worker_threads';
import sodium from 'libsodium-wrappers-sumo';

await sodium.ready;

function run(request) {
  if (request.op === 'hash') {
    return sodium.crypto_pwhash_str(request.password, request.opslimit, request.memlimit);
  }
  if (request.op === 'verify') {
    try {
      return sodium.crypto_pwhash_str_verify(request.hash, request.password);
    } catch {
      return false; // a malformed stored hash verifies nothing
    }
  }
  throw new Error('unknown operation');
}

parentPort?.on('message', (request) => {
  let reply;
  try {
    reply = { id: request.id, ok: true, value: run(request) };
  } catch {
    reply = { id: request.id, ok: false };
  } finally {
    if (request.password instanceof Uint8Array) sodium.memzero(request.password);
  }
  parentPort?.postMessage(reply);
});
