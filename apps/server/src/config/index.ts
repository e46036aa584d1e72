export { loadConfig, type LoadConfigOptions } from './load-config.js';
export { describeConfig } from './config-summary.js';
export { ConfigError, type ConfigProblem } from './config-error.js';
export { ENV_NAMES, type EnvName } from './env.schema.js';
export type { Environment } from './parse-env.js';
export * from './config.types.js';
export { simulatorEnv, type SimulatorEndpoints } from './simulator-env.js';
