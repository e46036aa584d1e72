export { startSimulator, type RunningSimulator, type SimulatorUrls } from './simulator.js';
export {
  SimConfigSchema,
  parseSimConfig,
  demoConfig,
  generateApplicationCredentials,
  type SimConfig,
  type SimConfigInput,
} from './config.js';
export { REGIONS, MARKETPLACES, type Region } from './core/regions.js';
export { FAULT_KINDS, type FaultConfig, type FaultKind } from './core/faults.js';
export type { SimState } from './core/state.js';
