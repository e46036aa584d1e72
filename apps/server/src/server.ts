import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
}

/** Starts the server. TLS, configuration and storage arrive with the security issue. */
export async function start({
  host = '127.0.0.1',
  port = 0,
}: StartOptions = {}): Promise<RunningServer> {
  const server: Server = createServer(createApp());
  server.listen(port, host);
  await once(server, 'listening');
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
