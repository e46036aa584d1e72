/** Test helper: renders a provider and an error every way a log line could, to look for values. */
import { inspect } from 'node:util';

export function renderings(...values: unknown[]): string {
  return values
    .map((value) => {
      const error = value instanceof Error ? `${value.message} ${String(value.stack)}` : '';
      return `${JSON.stringify(value)} ${inspect(value, { depth: 10, showHidden: true })} ${String(value)} ${error}`;
    })
    .join('\n');
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export async function rejection(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
