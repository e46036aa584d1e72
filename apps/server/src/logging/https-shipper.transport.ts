/**
 * Ships already-masked JSON lines to a central collector: batches POSTed over HTTPS as NDJSON
 * with a bearer token. Best effort by design: the local rotated file is the record; shipping
 * never blocks a request (log() returns at once), holds at most `maxQueue` lines (more are
 * dropped and counted), sends one batch at a time, follows no redirects (the token goes only
 * to the configured origin), and counts a failed batch instead of retrying it. After a loss, the
 * next batch starts with a line saying how many lines were lost.
 */
import { Agent, request } from 'node:https';
import Transport from 'winston-transport';

const MESSAGE = Symbol.for('message');

export interface ShippingOptions {
  /** https:// URL of the collector's ingest endpoint. */
  readonly url: string;
  /** Sent as `Authorization: Bearer …`; never logged. Omit if the URL carries a credential. */
  readonly token?: string | undefined;
  /** Lines per POST. Default 200. */
  readonly batchSize?: number | undefined;
  /** Longest a line waits before its batch is sent. Default 2000 ms. */
  readonly flushIntervalMs?: number | undefined;
  /** Lines held while the collector is slow or down. Default 10 000. */
  readonly maxQueue?: number | undefined;
  /** Per request, and for the final flush on close. Default 5000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Extra trusted CA certificates (PEM), for a private collector or tests. */
  readonly ca?: string | undefined;
}

export interface ShippingStats {
  readonly queued: number;
  readonly shipped: number;
  /** Lines dropped because the queue was full. */
  readonly dropped: number;
  /** Lines in batches the collector did not accept (network error, timeout, non-2xx). */
  readonly failed: number;
}

export class HttpsShipperTransport extends Transport {
  readonly #url: URL;
  readonly #authorization: Record<string, string>;
  readonly #batchSize: number;
  readonly #flushIntervalMs: number;
  readonly #maxQueue: number;
  readonly #timeoutMs: number;
  readonly #agent: Agent;
  #queue: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #shipped = 0;
  #dropped = 0;
  #failed = 0;
  #lostReported = 0;
  #closing = false;

  constructor(options: ShippingOptions) {
    super();
    this.#url = new URL(options.url);
    if (this.#url.protocol !== 'https:' || this.#url.username !== '' || this.#url.password !== '') {
      throw new Error('log shipping: the URL must be https, without credentials');
    }
    this.#authorization =
      options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
    this.#batchSize = options.batchSize ?? 200;
    this.#flushIntervalMs = options.flushIntervalMs ?? 2000;
    this.#maxQueue = options.maxQueue ?? 10_000;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#agent = new Agent({
      keepAlive: true,
      maxSockets: 1,
      minVersion: 'TLSv1.2',
      ...(options.ca === undefined ? {} : { ca: options.ca }),
    });
  }

  stats(): ShippingStats {
    return {
      queued: this.#queue.length,
      shipped: this.#shipped,
      dropped: this.#dropped,
      failed: this.#failed,
    };
  }

  override log(info: Record<PropertyKey, unknown>, next: () => void): void {
    const line = info[MESSAGE];
    if (typeof line === 'string') this.#enqueue(line);
    next();
  }

  override _final(callback: (error?: Error | null) => void): void {
    const deadline = Date.now() + this.#timeoutMs;
    const drain = async (): Promise<void> => {
      while ((this.#queue.length > 0 || this.#inFlight) && Date.now() < deadline) {
        await (this.#inFlight ?? this.#send());
      }
    };
    this.#closing = true;
    clearTimeout(this.#timer);
    drain()
      .catch(() => undefined)
      .finally(() => {
        this.#agent.destroy();
        callback();
      });
  }

  #enqueue(line: string): void {
    if (this.#closing || this.#queue.length >= this.#maxQueue) {
      this.#dropped += 1;
      return;
    }
    this.#queue.push(line);
    this.#schedule();
  }

  /** A full batch goes now; a partial one when the flush interval has passed. */
  #schedule(): void {
    if (this.#queue.length >= this.#batchSize) {
      this.#kick();
      return;
    }
    if (this.#queue.length === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#kick();
    }, this.#flushIntervalMs).unref();
  }

  #kick(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#closing || this.#inFlight || this.#queue.length === 0) return;
    void this.#send().then(() => {
      this.#schedule();
    });
  }

  #send(): Promise<void> {
    const batch = this.#queue.splice(0, this.#batchSize);
    const lost = this.#dropped + this.#failed - this.#lostReported;
    const lines = lost > 0 ? [this.#lossLine(lost), ...batch] : batch;
    this.#inFlight = this.#post(`${lines.join('\n')}\n`)
      .then((ok) => {
        if (ok) {
          this.#shipped += batch.length;
          this.#lostReported += lost;
        } else {
          this.#failed += batch.length;
        }
      })
      .finally(() => {
        this.#inFlight = undefined;
      });
    return this.#inFlight;
  }

  #lossLine(lost: number): string {
    return JSON.stringify({
      time: new Date().toISOString(),
      level: 'warn',
      message: 'log shipping lost lines',
      fields: { lost },
    });
  }

  /** Resolves true on a 2xx answer; never rejects. */
  #post(body: string): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request(this.#url, {
        method: 'POST',
        agent: this.#agent,
        timeout: this.#timeoutMs,
        headers: {
          ...this.#authorization,
          'content-type': 'application/x-ndjson',
          'content-length': Buffer.byteLength(body),
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300);
        });
        res.on('error', () => {
          resolve(false);
        });
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => {
        resolve(false);
      });
      req.end(body);
    });
  }
}
