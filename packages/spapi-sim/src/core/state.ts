import { randomBytes } from 'node:crypto';
import { SimClock } from './clock.js';
import type {
  AccessTokenGrant,
  AuthCodeGrant,
  RefreshTokenGrant,
  RestrictedDataTokenGrant,
  SimApplication,
  SimSeller,
} from './grants.js';
import { FaultInjector, type FaultConfig } from './faults.js';
import { RateLimiter } from './rate-limit.js';
import { OrderStore } from '../data/order-store.js';
import { ReportStore } from '../data/report-store.js';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const RDT_TTL_SECONDS = 3600;
export const AUTH_CODE_TTL_MS = 5 * 60 * 1000;

/** Opaque token in Amazon's style, e.g. `Atza|` + 300 url-safe characters. */
export function mintToken(prefix: string, bytes = 96): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export interface SimStateOptions {
  applications: SimApplication[];
  sellers: SimSeller[];
  timeScale: number;
  faults: FaultConfig;
  rngFromSeed: (seed: number) => () => number;
  /** Seed for data the simulator generates later (orders added through the control API). */
  seed?: number;
}

/** Everything the simulated Amazon knows, shared by all listeners of one simulator. */
export class SimState {
  readonly clock = new SimClock();
  readonly applications = new Map<string, SimApplication>();
  readonly sellers = new Map<string, SimSeller>();
  readonly authCodes = new Map<string, AuthCodeGrant>();
  readonly refreshTokens = new Map<string, RefreshTokenGrant>();
  readonly accessTokens = new Map<string, AccessTokenGrant>();
  readonly restrictedDataTokens = new Map<string, RestrictedDataTokenGrant>();
  readonly orders: OrderStore;
  readonly reports = new ReportStore();
  readonly rateLimiter: RateLimiter;
  readonly faults: FaultInjector;
  /** Calls per operationId, including refused ones (403/429/faults). */
  readonly callCounts = new Map<string, number>();
  /** Responses per `${operationId} ${status}`. */
  readonly responseCounts = new Map<string, number>();

  constructor(options: SimStateOptions) {
    for (const app of options.applications) this.applications.set(app.clientId, app);
    for (const seller of options.sellers) this.sellers.set(seller.sellingPartnerId, seller);
    this.orders = new OrderStore({ seed: options.seed ?? 0, now: () => this.clock.now() });
    this.rateLimiter = new RateLimiter(options.timeScale);
    this.faults = new FaultInjector(options.faults, options.rngFromSeed);
  }

  applicationById(applicationId: string): SimApplication | undefined {
    for (const app of this.applications.values())
      if (app.applicationId === applicationId) return app;
    return undefined;
  }

  countCall(operationId: string): void {
    this.callCounts.set(operationId, (this.callCounts.get(operationId) ?? 0) + 1);
  }

  countResponse(operationId: string, status: number): void {
    const key = `${operationId} ${status}`;
    this.responseCounts.set(key, (this.responseCounts.get(key) ?? 0) + 1);
  }

  /** Revokes every refresh and access token a seller granted an application (seller revoked). */
  revokeSellerAuthorization(sellingPartnerId: string, clientId: string): number {
    let revoked = 0;
    for (const grant of this.refreshTokens.values()) {
      if (
        grant.sellingPartnerId === sellingPartnerId &&
        grant.clientId === clientId &&
        !grant.revoked
      ) {
        grant.revoked = true;
        revoked += 1;
      }
    }
    for (const [token, grant] of this.accessTokens) {
      if (grant.sellingPartnerId === sellingPartnerId && grant.clientId === clientId)
        this.accessTokens.delete(token);
    }
    return revoked;
  }
}
