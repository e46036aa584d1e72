/**
 * `parcel-admin`: the admin CLI's dispatcher. `runCli(argv, io)` returns the exit code, so tests
 * call it in-process. Each command: parse options, load config, open storage, run, close.
 * Errors print a code (and the config problems' names), never a value or a stack.
 */
import { parseArgs } from 'node:util';
import { isAppError } from '@spapi/shared';
import { ConfigError } from '../config/index.js';
import { isSecretsError } from '../secrets/index.js';
import { UsageError, type Command, type OptionValues } from './cli-command.js';
import { openCliContext } from './cli-context.js';
import { CliExit, writeLine, type CliIo } from './cli-io.js';
import { COMMANDS } from './commands/index.js';

export const PROGRAM = 'parcel-admin';

export function usage(): string {
  const lines = COMMANDS.map((command) => `  ${PROGRAM} ${command.name} ${command.synopsis}`);
  return [
    `Usage:`,
    ...lines.map((line) => line.trimEnd()),
    '',
    'Configuration comes from the environment, as for the server (SERVER_MODE, DATA_DIR, …).',
    'Exit codes: 0 done, 1 failed (not found, conflict, tampering), 2 usage or setup error.',
  ].join('\n');
}

function findCommand(argv: readonly string[]): Command | undefined {
  const [group, action] = argv;
  return COMMANDS.find((command) => command.name === `${group ?? ''} ${action ?? ''}`);
}

function parseOptions(command: Command, args: string[]): OptionValues {
  try {
    const { values } = parseArgs({ args, options: command.options, strict: true });
    const result: Record<string, string | boolean | undefined> = {};
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'string' && typeof value !== 'boolean') {
        throw new UsageError(`--${key} is given more than once`);
      }
      result[key] = value;
    }
    command.check?.(result);
    return result;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs' messages quote the offending argument, which may be a value: name none.
    throw new UsageError('unknown option, missing value or extra argument');
  }
}

/** A short code for an error: never its message (which may quote a value) or stack. */
function errorCode(error: unknown): string {
  if (isAppError(error) || isSecretsError(error)) return error.code;
  return 'INTERNAL';
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const command = findCommand(argv);
  if (command === undefined) {
    const help = argv.length === 0 || argv[0] === 'help' || argv[0] === '--help';
    writeLine(help ? io.stdout : io.stderr, usage());
    return help && argv.length <= 1 ? CliExit.OK : CliExit.USAGE;
  }
  let values: OptionValues;
  try {
    values = parseOptions(command, argv.slice(2));
  } catch (error) {
    const message = error instanceof UsageError ? error.message : 'bad arguments';
    writeLine(io.stderr, `${PROGRAM} ${command.name}: ${message}`);
    writeLine(io.stderr, `usage: ${PROGRAM} ${command.name} ${command.synopsis}`.trimEnd());
    return CliExit.USAGE;
  }
  let context;
  try {
    context = await openCliContext(io);
  } catch (error) {
    // ConfigError messages list variable names and constant texts, never values.
    const detail = error instanceof ConfigError ? error.message : `error ${errorCode(error)}`;
    writeLine(io.stderr, `${PROGRAM}: cannot start: ${detail}`);
    return CliExit.USAGE;
  }
  try {
    return await command.run({ context, values, stdout: io.stdout, stderr: io.stderr });
  } catch (error) {
    writeLine(io.stderr, `${PROGRAM} ${command.name}: failed: ${errorCode(error)}`);
    return CliExit.FAILED;
  } finally {
    await context.close();
  }
}
