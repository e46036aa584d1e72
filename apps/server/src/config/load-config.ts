import { ConfigError, ProblemList } from './config-error.js';
import { checkCommonPolicy, checkProductionPolicy } from './config-policy.js';
import type { ServerConfig } from './config.types.js';
import { buildConfig } from './build-config.js';
import { parseEnv, type Environment } from './parse-env.js';

export interface LoadConfigOptions {
  /** Base for relative paths (DATA_DIR, TLS_CERT_FILE, …). Default: `process.cwd()`. */
  readonly cwd?: string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Reads the server's configuration from environment variables. Pure apart from `cwd`: no file
 * system or network access (the TLS and secrets modules check that their files exist).
 *
 * @throws ConfigError listing every problem (names and constant messages, never values).
 */
export function loadConfig(env: Environment, options: LoadConfigOptions = {}): ServerConfig {
  const problems = new ProblemList();
  const parsed = parseEnv(env, problems);
  // Without a mode there are no defaults to build on: report what was found so far.
  if (problems.has('SERVER_MODE')) throw new ConfigError(problems.toArray());
  const mode = parsed.SERVER_MODE;

  const config = buildConfig(parsed, mode, options.cwd ?? process.cwd(), problems);
  checkCommonPolicy(parsed, config, problems);
  if (mode === 'production') checkProductionPolicy(parsed, config, problems);
  if (problems.size > 0) throw new ConfigError(problems.toArray());
  return deepFreeze(config);
}
