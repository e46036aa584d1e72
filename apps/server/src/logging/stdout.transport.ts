import Transport from 'winston-transport';

const MESSAGE = Symbol.for('message');

/**
 * The console output for demo and development: the same masked JSON line as every other
 * transport, on stdout. (winston's own Console transport is typed as an interface, which
 * typescript-eslint cannot accept where a transport class instance is expected.)
 */
export class StdoutTransport extends Transport {
  override log(info: Record<PropertyKey, unknown>, next: () => void): void {
    const line = info[MESSAGE];
    if (typeof line === 'string') process.stdout.write(`${line}\n`);
    next();
  }
}
