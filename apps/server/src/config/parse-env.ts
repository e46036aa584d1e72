import type { ProblemList } from './config-error.js';
import { ENV_NAMES, ENV_SCHEMA, type EnvName, type ParsedEnv } from './env.schema.js';

/** What the caller passes: usually `process.env`. */
export type Environment = Readonly<Record<string, string | undefined>>;

function rawValue(env: Environment, name: EnvName): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

/**
 * Parses every variable on its own, so one bad value does not hide the others. A variable that
 * fails is reported and replaced by its default (or left unset) so later checks can still run;
 * they skip variables already reported.
 */
export function parseEnv(env: Environment, problems: ProblemList): ParsedEnv {
  const values: Partial<Record<EnvName, unknown>> = {};
  for (const name of ENV_NAMES) {
    const schema = ENV_SCHEMA[name];
    const raw = rawValue(env, name);
    const result = schema.safeParse(raw);
    if (result.success) {
      values[name] = result.data;
      continue;
    }
    const message = result.error.issues[0]?.message ?? 'is invalid';
    problems.add(name, raw === undefined ? `is required and ${message}` : message);
    const fallback = schema.safeParse(undefined);
    values[name] = fallback.success ? fallback.data : undefined;
  }
  // Each entry was produced by the schema of the same name (or its fallback): the shape holds,
  // except a missing SERVER_MODE, which `loadConfig` checks (problems.has) before going on.
  return values as ParsedEnv;
}
