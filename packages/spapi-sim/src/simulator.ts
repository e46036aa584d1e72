import { parseSimConfig, type SimConfig, type SimConfigInput } from './config.js';
import { REGIONS, type Region } from './core/regions.js';
import { SimState } from './core/state.js';
import { rngFromSeed } from './data/prng.js';
import { generateSellerOrders } from './data/order-generator.js';
import {
  close,
  createControlApp,
  createLwaApp,
  createSellerCentralApp,
  createSpapiApp,
  listen,
  type Listener,
} from './server.js';

export interface SimulatorUrls {
  /** Stands in for https://api.amazon.com (token endpoint at /auth/o2/token). */
  lwa: string;
  /** Stands in for each region's Seller Central host (consent page). */
  sellerCentral: Record<Region, string>;
  /** Stands in for https://sellingpartnerapi-{na,eu,fe}.amazon.com. */
  spapi: Record<Region, string>;
  /** The control API, when enabled. */
  control: string | undefined;
}

export interface RunningSimulator {
  urls: SimulatorUrls;
  config: SimConfig;
  /** In-process access for tests in this package. Other processes use the control API. */
  state: SimState;
  stop(): Promise<void>;
}

function seedSellers(state: SimState, config: SimConfig): void {
  const now = state.clock.now();
  for (const seller of config.sellers) {
    const records = generateSellerOrders({
      sellingPartnerId: seller.sellingPartnerId,
      marketplaceIds: seller.marketplaceIds,
      seed: `${config.seed}:${seller.sellingPartnerId}`,
      count: seller.orderCount,
      now,
      historyDays: seller.historyDays,
      futureDays: seller.futureDays,
    });
    state.orders.seed(seller.sellingPartnerId, records);
  }
}

/** Starts the simulated Amazon: LWA, Seller Central per region, SP-API per region. */
export async function startSimulator(input: SimConfigInput): Promise<RunningSimulator> {
  const config = parseSimConfig(input);
  const state = new SimState({
    applications: config.applications,
    sellers: config.sellers.map(({ sellingPartnerId, name, region, marketplaceIds }) => ({
      sellingPartnerId,
      name,
      region,
      marketplaceIds,
    })),
    timeScale: config.timeScale,
    faults: config.faults,
    rngFromSeed,
    seed: config.seed,
  });
  seedSellers(state, config);

  const listeners: Listener[] = [];
  let nextPort = config.basePort;
  const port = (): number => (config.basePort === 0 ? 0 : nextPort++);
  try {
    const lwa = await listen(createLwaApp(state), config.host, port());
    listeners.push(lwa);
    const sellerCentral = {} as Record<Region, string>;
    const spapi = {} as Record<Region, string>;
    for (const region of REGIONS) {
      const sc = await listen(createSellerCentralApp(state, region), config.host, port());
      listeners.push(sc);
      sellerCentral[region] = sc.url;
    }
    for (const region of REGIONS) {
      const api = await listen(createSpapiApp(state, region, config), config.host, port());
      listeners.push(api);
      spapi[region] = api.url;
    }
    let control: string | undefined;
    if (config.controlApi) {
      const ctl = await listen(createControlApp(state), config.host, port());
      listeners.push(ctl);
      control = ctl.url;
    }
    return {
      urls: { lwa: lwa.url, sellerCentral, spapi, control },
      config,
      state,
      stop: async () => {
        await Promise.all(listeners.map(close));
      },
    };
  } catch (error: unknown) {
    await Promise.all(listeners.map(close));
    throw error;
  }
}
