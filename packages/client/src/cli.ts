/**
 * The `tapheal` command line. This file and bin/tapheal.js are the process: argument parsing, the
 * environment, exit codes. Everything they call is a function of its inputs.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { anonymiseLines } from './commands/anonymise.js';
import { classifyLines } from './commands/classify.js';
import { PACK_USAGE, runPackCommand } from './commands/pack.js';
import { DEFAULT_FLUSH_TIMEOUT_MS, TELEMETRY_ACTIONS, isTelemetryAction, runTelemetryAction } from './commands/telemetry.js';
import { TaphealError } from './errors.js';
import type { JsonLinesSummary } from './json-lines.js';
import { listHomeKeyFiles, loadActivePack, readPackFile, readTrustedKeys } from './packs/read-pack.js';
import { createTelemetry, DEFAULT_ENDPOINT } from './telemetry/telemetry.js';
import { CLIENT_VERSION } from './version.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_PACK_REFUSED = 3;

const USAGE = `Usage: tapheal <command> [options]

Commands:
  classify   Read JSON Lines {"id"?, "message"} on stdin; write one diagnosis per line:
             {"id", "category", "confidence", "ruleId", "fix"}.
               --pack FILE        classify with this signed pack instead of the best one held
               --trust-key FILE   trust this ed25519 public key (PEM) for --pack; repeatable
  anonymise  Read JSON Lines on stdin; write the same lines with "message" anonymised.
${PACK_USAGE}
  telemetry status [--json]    whether telemetry is on and why, where reports go, what was sent
  telemetry enable | disable   give or withdraw consent (disable also deletes the queue)
  telemetry reset-id           give this install a new random id
  telemetry preview            print the queued reports exactly as they would be sent (JSON Lines)
  telemetry flush [--timeout MS] [--json]   send the queue now; exit 1 when some is left
               --endpoint URL     the collector (default $TAPHEAL_ENDPOINT or http://127.0.0.1:8787)

Options:
  -h, --help     show this help
  -v, --version  print the version

Environment:
  TAPHEAL_HOME      client state (held packs, trusted keys, telemetry); default ~/.tapheal
  TAPHEAL_ENDPOINT  the collector telemetry sends to and packs come from; default http://127.0.0.1:8787
  DO_NOT_TRACK, CI  when set, telemetry is off whatever was enabled

Exit codes: 0 done (bad input lines get an error object on their output line), 1 failure,
2 usage error, 3 pack or key refused.
`;

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const say = (line: string) => io.stderr.write(`tapheal: ${line}\n`);
  try {
    switch (command) {
      case 'classify':
        return report(await runClassify(rest, env, io, say), say);
      case 'pack': {
        const home = env.TAPHEAL_HOME || join(homedir(), '.tapheal');
        const outcome = await runPackCommand(rest, { home, endpoint: env.TAPHEAL_ENDPOINT || DEFAULT_ENDPOINT, stdout: io.stdout, say });
        return outcome === 'ok' ? EXIT_OK : outcome === 'refused' ? EXIT_PACK_REFUSED : EXIT_FAILURE;
      }
      case 'telemetry':
        return await runTelemetry(rest, env, io);
      case 'anonymise':
        parse(rest, {});
        return report(await anonymiseLines(io.stdin, io.stdout), say);
      case '-v':
      case '--version':
        io.stdout.write(`${CLIENT_VERSION}\n`);
        return EXIT_OK;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout.write(USAGE);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      default:
        throw new TaphealError('USAGE', `unknown command "${command}" (try: tapheal --help)`);
    }
  } catch (error) {
    return fail(error, say);
  }
}

async function runClassify(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo, say: (line: string) => void) {
  const { values } = parse(args, {
    pack: { type: 'string' },
    'trust-key': { type: 'string', multiple: true },
  });
  const home = env.TAPHEAL_HOME || join(homedir(), '.tapheal');
  const keyFiles = [...((values['trust-key'] as string[] | undefined) ?? []), ...(await listHomeKeyFiles(home))];
  const trustedKeys = await readTrustedKeys(keyFiles);
  const now = new Date();
  if (typeof values.pack === 'string') {
    return classifyLines(io.stdin, io.stdout, (await readPackFile(values.pack, { trustedKeys, now })).matcher);
  }
  const active = await loadActivePack(home, { trustedKeys, now });
  if (active.fallbackReason) say(`using the built-in pack: the held pack was passed over: ${active.fallbackReason}`);
  return classifyLines(io.stdin, io.stdout, active.matcher);
}

async function runTelemetry(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [action, ...rest] = args;
  if (!isTelemetryAction(action)) throw new TaphealError('USAGE', `telemetry needs one of: ${TELEMETRY_ACTIONS.join(', ')}`);
  const { values } = parse(rest, { json: { type: 'boolean' }, endpoint: { type: 'string' }, timeout: { type: 'string' } });
  const timeoutMs = values.timeout === undefined ? DEFAULT_FLUSH_TIMEOUT_MS : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new TaphealError('USAGE', '--timeout must be a positive number of milliseconds');
  const endpoint = (values.endpoint as string | undefined) ?? (env.TAPHEAL_ENDPOINT || DEFAULT_ENDPOINT);
  if (!/^https?:\/\//.test(endpoint)) throw new TaphealError('USAGE', `the endpoint must be an http:// or https:// URL, not "${endpoint}"`);
  const telemetry = createTelemetry({ home: env.TAPHEAL_HOME || join(homedir(), '.tapheal'), env, endpoint });
  try {
    return await runTelemetryAction(action, telemetry, io, { json: values.json === true, timeoutMs });
  } finally {
    telemetry.close();
  }
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new TaphealError('USAGE', (error as Error).message);
  }
}

function report(summary: JsonLinesSummary, say: (line: string) => void): number {
  if (summary.errors > 0) say(`${summary.errors} of ${summary.lines} lines had errors (see their "error" objects)`);
  return EXIT_OK;
}

function fail(error: unknown, say: (line: string) => void): number {
  if (error instanceof TaphealError) {
    say(error.message);
    if (error.code === 'USAGE') return EXIT_USAGE;
    return error.code === 'PACK_REFUSED' || error.code === 'KEY_UNREADABLE' ? EXIT_PACK_REFUSED : EXIT_FAILURE;
  }
  say(`unexpected failure: ${(error as Error)?.stack ?? String(error)}`);
  return EXIT_FAILURE;
}
