/**
 * The `tapheal-trainer` command line. This file and bin/tapheal-trainer.js are the process: they hold
 * the dispatch, the one catch and the exit codes. Each subcommand is one entry of COMMANDS.
 */
import { CommandError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo, type Command } from './commands/command.js';
import { buildPackCommand, evalCommand, runCommand } from './commands/database-commands.js';
import { keygenCommand } from './commands/keygen.js';
import { templatesCommand } from './commands/templates.js';

export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliIo } from './commands/command.js';

const COMMANDS: Readonly<Record<string, Command>> = {
  templates: templatesCommand,
  run: runCommand,
  eval: evalCommand,
  'build-pack': buildPackCommand,
  keygen: keygenCommand,
};

const usage = (): string => `Usage: tapheal-trainer <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((command) => command.usage)
  .join('\n')}

Options:
  -h, --help   show this help
  --debug      add the stack to an error message

Environment:
  DATABASE_URL   the collector's Postgres (run, eval, build-pack); --data-dir DIR opens an embedded PGlite
                 data directory instead (only while no collector has it open)

Exit codes: 0 done, 1 failure (an input missing or unreadable, a run already going, a pack refused), 2 usage error.
`;

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...args] = argv.filter((arg) => arg !== '--debug');
  const say = (line: string) => io.stderr.write(`tapheal-trainer: ${line}\n`);
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    say(`unknown command "${name}" (try: tapheal-trainer --help)`);
    return EXIT_USAGE;
  }
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(`Usage: tapheal-trainer ${command.usage.trimStart()}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(args, io, env);
  } catch (error) {
    if (error instanceof CommandError) {
      say(debug && error.stack ? error.stack : error.message);
      return error.exitCode;
    }
    say(`unexpected failure: ${debug ? ((error as Error)?.stack ?? String(error)) : ((error as Error)?.message ?? String(error))}`);
    return EXIT_FAILURE;
  }
}
