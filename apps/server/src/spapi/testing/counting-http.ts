/** An Amazon http client (as production builds it) that counts the requests it sends. */
import type { AxiosInstance } from 'axios';
import { createHttpClient } from '../http-transport.js';
import { LWA_TOKEN_PATH } from '../lwa/lwa-client.js';
import { userAgent } from '../user-agent.js';

export interface CountingHttp {
  readonly http: AxiosInstance;
  /** Token endpoint requests. */
  lwaCalls(): number;
  /** Every other request (the SP-API). */
  spapiCalls(): number;
}

export function countingHttp(timeoutMs?: number): CountingHttp {
  const http = createHttpClient({
    userAgent: userAgent(),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  let lwa = 0;
  let spapi = 0;
  http.interceptors.request.use((config) => {
    if (config.url?.endsWith(LWA_TOKEN_PATH) === true) lwa += 1;
    else spapi += 1;
    return config;
  });
  return { http, lwaCalls: () => lwa, spapiCalls: () => spapi };
}
