/**
 * A CLI command: two words (`user create`), its `parseArgs` options, and a `run` that gets an
 * open context. Commands print ids and statuses; they never print a secret or a key.
 */
import type { ParseArgsConfig } from 'node:util';
import { AppError, ErrorCode } from '@spapi/shared';
import type { CliContext } from './cli-context.js';
import type { CliStream } from './cli-io.js';

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface CommandRun {
  readonly context: CliContext;
  readonly values: OptionValues;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
}

export interface Command {
  /** `group action`, e.g. `user create`. */
  readonly name: string;
  /** Options after the name, e.g. `--org <id> --email <e>`. */
  readonly synopsis: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Checks the options before anything is opened; throws UsageError. */
  readonly check?: (values: OptionValues) => void;
  /** Returns the exit code. */
  readonly run: (run: CommandRun) => Promise<number>;
}

/** Wrong words or options: usage and exit code 2. The message names options, never values. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function requiredString(values: OptionValues, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new UsageError(`--${name} is required`);
  }
  return value.trim();
}

export function optionalString(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function oneOf<T extends string>(
  values: OptionValues,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = optionalString(values, name) ?? fallback;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return match;
}

export function notFound(): AppError {
  return new AppError(ErrorCode.NOT_FOUND);
}

/** Ids go into audit entries: the audit trail's id shape (no spaces, no `@`). */
const ID_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function idOption(values: OptionValues, name: string): string | undefined {
  const value = optionalString(values, name);
  if (value !== undefined && !ID_SHAPE.test(value)) throw new UsageError(`--${name} is not an id`);
  return value;
}

export function requiredId(values: OptionValues, name: string): string {
  const value = idOption(values, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
