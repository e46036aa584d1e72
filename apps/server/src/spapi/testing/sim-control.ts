/** The simulator's control API (`/_sim`), as tests and the benchmark use it. */

export interface SimCalls {
  /** Calls per metering key (`getOrders`, `ordersV0.getOrder`, …), refused ones included. */
  readonly calls: Readonly<Record<string, number>>;
  /** Responses per `"<key> <status>"`; status 0 is a connection reset. */
  readonly responses: Readonly<Record<string, number>>;
}

export interface SimControl {
  calls(): Promise<SimCalls>;
  resetCalls(): Promise<void>;
  /** 429 answers, per metering key, since the last reset. */
  throttled(): Promise<Readonly<Record<string, number>>>;
  setFaults(faults: Readonly<Record<string, unknown>>): Promise<void>;
  setRate(
    sellerId: string,
    plan: { operationId: string; rate: number; burst: number },
  ): Promise<void>;
  clearRate(sellerId: string, operationId: string): Promise<void>;
  advanceClock(seconds: number): Promise<void>;
  revoke(sellerId: string, clientId: string): Promise<void>;
  addOrder(
    sellerId: string,
    order: Readonly<Record<string, unknown>>,
  ): Promise<{ amazonOrderId: string }>;
}

export function simControl(controlUrl: string | undefined): SimControl {
  if (controlUrl === undefined) throw new Error('start the simulator with controlApi: true');
  const send = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${controlUrl}/_sim${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (res.status >= 300)
      throw new Error(`control ${method} ${path} answered ${String(res.status)}`);
    return res.status === 204 ? undefined : await res.json();
  };
  const calls = async (): Promise<SimCalls> => (await send('GET', '/calls')) as SimCalls;
  return {
    calls,
    resetCalls: async () => {
      await send('POST', '/calls/reset');
    },
    throttled: async () => {
      const { responses } = await calls();
      const out: Record<string, number> = {};
      for (const [key, count] of Object.entries(responses)) {
        const [operation, status] = key.split(' ');
        if (status === '429' && operation !== undefined) out[operation] = count;
      }
      return out;
    },
    setFaults: async (faults) => {
      await send('PUT', '/faults', faults);
    },
    setRate: async (sellerId, plan) => {
      await send('PUT', `/sellers/${sellerId}/rates`, plan);
    },
    clearRate: async (sellerId, operationId) => {
      await send('DELETE', `/sellers/${sellerId}/rates/${operationId}`);
    },
    advanceClock: async (seconds) => {
      await send('POST', '/clock/advance', { seconds });
    },
    revoke: async (sellerId, clientId) => {
      await send('POST', `/sellers/${sellerId}/revoke`, { clientId });
    },
    addOrder: async (sellerId, order) =>
      (await send('POST', `/sellers/${sellerId}/orders`, order)) as { amazonOrderId: string },
  };
}
