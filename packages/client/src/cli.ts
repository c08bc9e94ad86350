/**
 * The `tapheal` command line. This file and bin/tapheal.js are the process: argument parsing, the
 * environment, exit codes. Everything they call is a function of its inputs.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { anonymiseLines } from './commands/anonymise.js';
import { CHECK_USAGE, runCheck } from './commands/check.js';
import { createSecretPrompt } from './commands/prompt-secret.js';
import { defaultLoginPath } from './heal/edge/gather-facts.js';
import { DEFAULT_CONNECT_TIMEOUT_MS } from './mcp/test-connection.js';
import { closeAllConnections, killAllConnectionsNow } from './mcp/live-connections.js';
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
/** Ctrl-C: the shell's convention, 128 + SIGINT. */
export const EXIT_INTERRUPTED = 130;

const USAGE = `Usage: tapheal <command> [options]

Commands:
  classify   Read JSON Lines {"id"?, "message"} on stdin; write one diagnosis per line:
             {"id", "category", "confidence", "ruleId", "fix"}.
               --pack FILE        classify with this signed pack instead of the best one held
               --trust-key FILE   trust this ed25519 public key (PEM) for --pack; repeatable
  anonymise  Read JSON Lines on stdin; write the same lines with "message" anonymised.
${CHECK_USAGE}
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

Exit codes: 0 done (bad input lines get an error object on their output line), 1 failure
(check: a server still fails), 2 usage error, 3 pack or key refused, 130 interrupted.
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
      case 'check':
        return await runCheckCommand(rest, env, io);
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

async function runCheckCommand(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const { values } = parse(args, {
    config: { type: 'string' },
    heal: { type: 'boolean' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    'env-file': { type: 'string', multiple: true },
  });
  const timeoutMs = values.timeout === undefined ? DEFAULT_CONNECT_TIMEOUT_MS : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new TaphealError('USAGE', '--timeout must be a positive number of milliseconds');
  const home = env.TAPHEAL_HOME || join(homedir(), '.tapheal');
  const active = await loadActivePack(home, { trustedKeys: await readTrustedKeys(await listHomeKeyFiles(home)), now: new Date() });
  const json = values.json === true;
  const heal = values.heal === true;
  const say = (line: string) => io.stderr.write(`tapheal: ${line}\n`);
  if (active.fallbackReason) say(`using the built-in pack: the held pack was passed over: ${active.fallbackReason}`);
  // Hidden prompts only where a person types, and only when the value will be kept (--heal).
  const stdin = io.stdin as Partial<import('node:tty').ReadStream>;
  const interactive = heal && !json && stdin.isTTY === true && typeof stdin.setRawMode === 'function' && (io.stderr as Partial<import('node:tty').WriteStream>).isTTY === true;
  const telemetry = createTelemetry({ home, env, endpoint: env.TAPHEAL_ENDPOINT || DEFAULT_ENDPOINT });

  // Servers run in their own process groups: Ctrl-C must end them here, or they would outlive us.
  const controller = new AbortController();
  const onInterrupt = () => {
    say('interrupted: ending the servers it started');
    controller.abort(new Error('interrupted'));
    void closeAllConnections();
  };
  process.once('SIGINT', onInterrupt);
  process.once('SIGTERM', onInterrupt);
  process.once('exit', killAllConnectionsNow);
  try {
    const outcome = await runCheck({
      ...(typeof values.config === 'string' ? { configFile: values.config } : {}),
      heal,
      json,
      timeoutMs,
      matcher: active.matcher,
      sources: {
        platform: process.platform,
        home: env.HOME || homedir(),
        env,
        envFiles: (values['env-file'] as string[] | undefined) ?? [],
        loginPath: defaultLoginPath(env),
        ...(interactive ? { prompt: createSecretPrompt(io.stdin as import('node:tty').ReadStream, io.stderr) } : {}),
      },
      cwd: process.cwd(),
      signal: controller.signal,
      stdout: io.stdout,
      progress: json ? () => {} : say,
      telemetry,
    });
    // Reports of what failed go now when telemetry is on; what cannot go stays queued for later.
    if ((await telemetry.status()).enabled) await telemetry.flush(3_000).catch(() => false);
    if (controller.signal.aborted) return EXIT_INTERRUPTED;
    return outcome === 'ok' ? EXIT_OK : EXIT_FAILURE;
  } finally {
    telemetry.close();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
    process.off('exit', killAllConnectionsNow);
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
