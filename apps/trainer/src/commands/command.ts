/**
 * What a `tapheal-trainer` subcommand is: its usage text and a function from arguments and standard
 * streams to an exit code. cli.ts dispatches on the name; adding a subcommand is one entry there.
 */
import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT_OK = 0;
/** A runtime failure: an input that is missing or unreadable, an output that went away. */
export const EXIT_FAILURE = 1;
/** Bad usage: an unknown command or option, a missing required option. */
export const EXIT_USAGE = 2;

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  /** `isTTY` decides whether progress is shown. */
  stderr: Writable & { isTTY?: boolean };
}

export interface Command {
  /** The command's lines in `--help`, each indented by two spaces. */
  usage: string;
  run(args: readonly string[], io: CliIo, env: Readonly<Record<string, string | undefined>>): Promise<number>;
}

/** A failure the CLI reports as one line on stderr and exits with `exitCode`. */
export class CommandError extends Error {
  constructor(
    readonly exitCode: typeof EXIT_FAILURE | typeof EXIT_USAGE,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CommandError';
  }
}

export const usageError = (message: string): CommandError => new CommandError(EXIT_USAGE, message);

/** parseArgs with no positionals, whose errors are usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(command: string, args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true });
  } catch (error) {
    throw usageError(`${command}: ${(error as Error).message}`);
  }
}
