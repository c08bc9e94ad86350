/**
 * Checks every server of one client config with the heal loop, a few at a time, and with `write`
 * saves the healed servers back into the file (the original kept as `<file>.bak`). Failures are
 * handed to telemetry, which queues them only when the person has turned it on. Never throws.
 */
import type { ConfigFile, InvalidEntry, McpServerConfig } from '../config/mcp-server-config.js';
import { writeConfig, type ConfigWritten } from '../config/write-config.js';
import type { Failure } from '../telemetry/report-builder.js';
import { launcherName } from './launcher-name.js';
import { healServer, type HealOptions, type ServerOutcome } from './heal-server.js';

/** Servers tested at once: enough to overlap slow starts, few enough to keep a laptop responsive. */
export const CHECK_CONCURRENCY = 4;
/** Lines of a server's stderr sent with a report, after the error message (anonymised like it). */
export const REPORTED_STDERR_LINES = 20;

export interface CheckConfigOptions extends Omit<HealOptions, 'format' | 'configFile'> {
  /** Write the healed servers back into the file. */
  write: boolean;
  concurrency?: number;
  /** Where failures go; `report` drops them when telemetry is off. */
  telemetry?: { report(failure: Failure): Promise<unknown> };
  /** Told as each server's outcome is known (in completion order). */
  onServer?: (outcome: ServerOutcome) => void;
}

export interface ConfigOutcome {
  file: string;
  format: ConfigFile['format'];
  /** In the order of the file. */
  servers: ServerOutcome[];
  /** Entries that are not servers tapheal can read; left as they are. */
  invalid: InvalidEntry[];
  /** The servers whose entries a write changes (or would change, without `write`). */
  changed: string[];
  written: ConfigWritten | null;
  /** Why writing failed; the original file is then as it was. */
  writeError: string | null;
}

export async function checkConfig(config: ConfigFile, options: CheckConfigOptions): Promise<ConfigOutcome> {
  const servers = await mapLimited(config.servers, options.concurrency ?? CHECK_CONCURRENCY, async (entry) => {
    const outcome = await healServer(entry.server, { ...options, format: config.format, configFile: config.file });
    options.onServer?.(outcome);
    if (outcome.firstFailure && options.telemetry) await options.telemetry.report(failureReport(outcome)).catch(() => undefined);
    return outcome;
  });
  const updates = config.servers.flatMap((entry, index) => (servers[index]!.healed ? [{ path: entry.path, server: servers[index]!.server }] : []));
  const changed = updates.map((update) => update.server.name);
  let written: ConfigWritten | null = null;
  let writeError: string | null = null;
  if (options.write && updates.length > 0) {
    const result = await writeConfig(config, updates);
    if (result.ok) written = result.value;
    else writeError = `${result.reason}: ${result.detail}`;
  }
  return { file: config.file, format: config.format, servers, invalid: config.invalid, changed, written, writeError };
}

/** The report of a server's first failure and what healing did; the builder anonymises it. */
export function failureReport(outcome: ServerOutcome): Failure {
  const failure = outcome.firstFailure!;
  const diagnosis = outcome.firstDiagnosis!;
  const stderr = failure.stderr.split(/\r?\n/).filter((line) => line.trim() !== '').slice(-REPORTED_STDERR_LINES);
  return {
    message: [failure.message, ...stderr].join('\n'),
    phase: 'connect',
    ...(failure.code === undefined ? {} : { code: String(failure.code) }),
    exitCode: failure.exitCode,
    signal: failure.signal,
    server: { name: publicNameOf(outcome.server), transport: outcome.server.transport },
    diagnosis: { packVersion: diagnosis.packVersion, category: diagnosis.category, ruleId: diagnosis.ruleId, confidence: diagnosis.confidence },
    healing: { healed: outcome.healed, attempts: outcome.attempts.map(({ category, ruleId, fix, outcome: result }) => ({ category, ruleId, fix, outcome: result })) },
  };
}

const LAUNCHERS = new Set(['npx', 'uvx', 'bunx', 'pnpx', 'docker']);

/**
 * What a server is, publicly: the package a launcher runs (`@modelcontextprotocol/server-github`), or
 * the command's name; never the key the person gave it in their config, which may name their company.
 */
export function publicNameOf(server: McpServerConfig): string {
  if (server.transport !== 'stdio') return `${server.transport} server`;
  const command = launcherName(server.command ?? '');
  if (LAUNCHERS.has(command)) {
    const words = (server.args ?? []).filter((arg) => !arg.startsWith('-') && arg !== 'run' && arg !== '/c');
    if (words[0]) return words[0];
  }
  return command || 'unknown';
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
