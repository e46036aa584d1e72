/**
 * A Restricted Data Token as the rest of the server holds it: an opaque handle. The token text
 * sits in a private field and comes out only as the `CallContext` of an SP-API call; printing,
 * logging or serialising the handle shows `[RDT redacted]` and its non-secret facts.
 */
import { inspect } from 'node:util';
import type { CallContext } from '../spapi/index.js';
import type { RestrictedResource } from '../spapi/index.js';

export interface RdtConnection {
  /** Our connection id: whose refresh token signs the createRestrictedDataToken call. */
  readonly id: string;
  readonly organizationId: string;
  readonly sellingPartnerId: string;
  readonly region: CallContext['region'];
}

export class RestrictedDataToken {
  readonly #token: string;
  readonly #connection: RdtConnection;
  /** What the token covers. */
  readonly resources: readonly RestrictedResource[];
  /** On the service's clock (milliseconds). Amazon's own expiry, without the renewal margin. */
  readonly expiresAt: number;

  constructor(
    token: string,
    connection: RdtConnection,
    resources: readonly RestrictedResource[],
    expiresAt: number,
  ) {
    this.#token = token;
    this.#connection = connection;
    this.resources = resources;
    this.expiresAt = expiresAt;
  }

  /** The context for `client.call(…)` of a restricted operation this token covers. */
  callContext(signal?: AbortSignal): CallContext {
    const { sellingPartnerId, region, id } = this.#connection;
    return {
      sellerId: sellingPartnerId,
      region,
      connectionId: id,
      restrictedDataToken: this.#token,
      ...(signal === undefined ? {} : { signal }),
    };
  }

  /** Same token (for tests and the cache: compare handles without reading the text). */
  sameTokenAs(other: RestrictedDataToken): boolean {
    return this.#token === other.#token;
  }

  toJSON(): Record<string, unknown> {
    return { token: '[RDT redacted]', resources: this.resources.length, expiresAt: this.expiresAt };
  }

  toString(): string {
    return '[RDT redacted]';
  }

  [inspect.custom](): string {
    return `RestrictedDataToken([RDT redacted], ${String(this.resources.length)} resource(s))`;
  }
}
