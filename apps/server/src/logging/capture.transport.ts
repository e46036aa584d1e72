import Transport from 'winston-transport';

const MESSAGE = Symbol.for('message');

/**
 * For tests: keeps every finished line in memory. Pass it in `createLogger({ transports })`; it
 * sees exactly what the file and the collector see. Server tests use it to assert that no
 * canary value reaches a log line.
 */
export class CaptureTransport extends Transport {
  readonly #lines: string[] = [];

  override log(info: Record<PropertyKey, unknown>, next: () => void): void {
    const line = info[MESSAGE];
    if (typeof line === 'string') this.#lines.push(line);
    next();
  }

  lines(): readonly string[] {
    return this.#lines;
  }

  /** Each line parsed; a line that is not one JSON object fails the test here. */
  records(): Record<string, unknown>[] {
    return this.#lines.map((line) => {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('log line is not a JSON object');
      }
      return parsed as Record<string, unknown>;
    });
  }

  clear(): void {
    this.#lines.length = 0;
  }
}
