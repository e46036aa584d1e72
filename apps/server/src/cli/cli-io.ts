/** What a command may touch outside the process: the environment and two output streams. */
export interface CliStream {
  write(chunk: string): unknown;
}

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Base for relative paths in the configuration. Default: `process.cwd()`. */
  readonly cwd?: string;
}

/** Exit codes: 0 done, 1 the operation failed (not found, conflict, tampering), 2 usage or setup. */
export const CliExit = { OK: 0, FAILED: 1, USAGE: 2 } as const;
export type CliExit = (typeof CliExit)[keyof typeof CliExit];

export function writeLine(stream: CliStream, line: string): void {
  stream.write(`${line}\n`);
}
