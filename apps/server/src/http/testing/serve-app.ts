/** For the http/ tests: serve an Express app on a free port and close it afterwards. */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { ServerConfig } from '../../config/config.types.js';
import type { HardeningConfig } from '../hardening.js';

export interface ServedApp {
  readonly base: string;
  close(): Promise<void>;
}

export async function serveApp(app: Express): Promise<ServedApp> {
  const server: Server = createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${String(port)}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export const SELLER_CENTRAL_URLS: ServerConfig['amazon']['sellerCentralUrls'] = {
  na: 'https://sellercentral.amazon.com',
  eu: 'https://sellercentral-europe.amazon.com/apps/authorize/consent',
  fe: 'https://sellercentral.amazon.co.jp',
};

export function hardeningConfig(overrides: Partial<HardeningConfig> = {}): HardeningConfig {
  return {
    mode: 'production',
    publicUrl: 'https://desk.example.com',
    http: { trustProxy: false, corsOrigins: ['https://partner.example.com'] },
    amazon: {
      lwaBaseUrl: 'https://api.amazon.com',
      sellerCentralUrls: SELLER_CENTRAL_URLS,
      spapiBaseUrls: {
        na: 'https://sellingpartnerapi-na.amazon.com',
        eu: 'https://sellingpartnerapi-eu.amazon.com',
        fe: 'https://sellingpartnerapi-fe.amazon.com',
      },
      sandbox: false,
      draftApplication: false,
      lwaClientId: null,
      applicationId: null,
    },
    ...overrides,
  };
}
