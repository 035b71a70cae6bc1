import type { ParseArgsConfig } from 'node:util';
import type { AppServices } from '../app/services';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Whether a person is at the keyboard (destructive actions refuse to run without --yes otherwise). */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  io: CliIo;
  json: boolean;
  dataDir: string;
  /** Opens the services on first use (so `--help` never touches the data directory). */
  services(): AppServices;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface CliCommand {
  /** One or two words: `serve`, `hosts list`. */
  name: string;
  summary: string;
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Resolves with the process exit code. */
  run(ctx: CliContext, args: ParsedArgs): Promise<number>;
}

/** A failure already explained to the user on stderr; carries the exit code. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
