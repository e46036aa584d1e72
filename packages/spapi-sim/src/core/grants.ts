import type { Region } from './regions.js';

/** An application registered with the simulated Amazon (from configuration). */
export interface SimApplication {
  applicationId: string;
  clientId: string;
  clientSecret: string;
  name: string;
  /** Draft applications can only be authorized with `version=beta`. */
  status: 'draft' | 'published';
  redirectUris: string[];
  /** Restricted roles granted to the application, e.g. `DirectToConsumerShipping`. */
  restrictedRoles: string[];
}

export interface SimSeller {
  sellingPartnerId: string;
  name: string;
  region: Region;
  marketplaceIds: string[];
}

export interface AuthCodeGrant {
  code: string;
  clientId: string;
  applicationId: string;
  sellingPartnerId: string;
  region: Region;
  redirectUri: string | undefined;
  expiresAt: number;
  used: boolean;
}

export interface RefreshTokenGrant {
  token: string;
  clientId: string;
  sellingPartnerId: string;
  region: Region;
  issuedAt: number;
  revoked: boolean;
}

export interface AccessTokenGrant {
  token: string;
  clientId: string;
  /** null for grantless (client_credentials) tokens. */
  sellingPartnerId: string | null;
  /** null for grantless tokens, which are not bound to a region. */
  region: Region | null;
  scope: string | null;
  expiresAt: number;
}

export interface RestrictedResource {
  method: string;
  path: string;
  dataElements?: string[];
}

export interface RestrictedDataTokenGrant {
  token: string;
  clientId: string;
  sellingPartnerId: string;
  region: Region;
  resources: RestrictedResource[];
  expiresAt: number;
}

/** Who is calling an SP-API operation, after the access token was checked. */
export interface Caller {
  kind: 'access' | 'rdt';
  application: SimApplication;
  sellingPartnerId: string;
  region: Region;
  /** Present when kind is 'rdt'. */
  rdt?: RestrictedDataTokenGrant;
  /** The RDT resource that covers this request, when kind is 'rdt'. */
  coveringResource?: RestrictedResource;
}
