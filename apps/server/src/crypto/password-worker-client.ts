/** Talks to password.worker.js: one worker thread, a bounded number of requests in flight. */
import { Worker } from 'node:worker_threads';
import { CryptoError } from './crypto-error.js';

export type WorkerRequest =
  | {
      readonly op: 'hash';
      readonly password: Uint8Array;
      readonly opslimit: number;
      readonly memlimit: number;
    }
  | { readonly op: 'verify'; readonly password: Uint8Array; readonly hash: string };

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: CryptoError) => void;
}

interface WorkerReply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
}

const isReply = (value: unknown): value is WorkerReply =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { id?: unknown }).id === 'number' &&
  typeof (value as { ok?: unknown }).ok === 'boolean';

/** A view that owns its whole buffer, so transferring it moves exactly these bytes. */
function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  if (
    buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === buffer.byteLength
  ) {
    return new Uint8Array(buffer);
  }
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  bytes.fill(0);
  return copy;
}

const WORKER_URL = new URL('./password.worker.js', import.meta.url);

export class PasswordWorkerClient {
  #worker: Worker | undefined;
  #nextId = 1;
  #closed = false;
  readonly #pending = new Map<number, Pending>();
  readonly #maxPending: number;

  constructor(maxPending: number) {
    this.#maxPending = maxPending;
  }

  /** Sends `request`; its password buffer is transferred to the worker (and wiped there). */
  run(request: WorkerRequest): Promise<unknown> {
    if (this.#closed) return Promise.reject(new CryptoError('HASHER_FAILED', 'closed'));
    if (this.#pending.size >= this.#maxPending) {
      return Promise.reject(new CryptoError('HASHER_BUSY'));
    }
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      const password = ownBuffer(request.password);
      worker.postMessage({ ...request, password, id }, [password.buffer]);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll('closed');
    if (worker) await worker.terminate();
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_URL);
    worker.unref();
    worker.on('message', (reply: unknown) => {
      this.#settle(reply);
    });
    worker.on('error', () => {
      this.#drop(worker, 'worker error');
    });
    worker.on('exit', () => {
      this.#drop(worker, 'worker exited');
    });
    this.#worker = worker;
    return worker;
  }

  #settle(reply: unknown): void {
    if (!isReply(reply)) return;
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(new CryptoError('HASHER_FAILED', 'operation failed'));
  }

  /** A dead worker fails what it held; the next request starts a fresh one. */
  #drop(worker: Worker, reason: string): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    this.#failAll(reason);
  }

  #failAll(reason: string): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const { reject } of pending) reject(new CryptoError('HASHER_FAILED', reason));
  }
}
