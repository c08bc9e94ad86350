/**
 * `tapheal check`: find (or take) the client configs, run the heal loop on every server, print the
 * report, and with `--heal` write the healed servers back. The CLI wires the process (signals, the
 * terminal) around this.
 */
import type { Writable } from 'node:stream';
import type { Matcher } from '@tapheal/rules';
import { findClientConfigs, type ConfigCandidate } from '../config/find-client-configs.js';
import type { ConfigFile, ConfigFormat } from '../config/mcp-server-config.js';
import { readConfigFile } from '../config/read-config-file.js';
import { TaphealError } from '../errors.js';
import { checkConfig, type ConfigOutcome } from '../heal/check-config.js';
import type { FactSources } from '../heal/edge/gather-facts.js';
import { checkSucceeded, renderJson, renderText } from '../heal/render-report.js';
import type { Failure } from '../telemetry/report-builder.js';

export const CHECK_USAGE = `  check      Test every MCP server of your clients' configs, heal what fails, print what was tried.
               --config FILE      check this config file only (Claude Desktop, Claude Code, Cursor or VS Code)
               --heal             write the healed servers back (the original is kept as FILE.bak)
               --json             print one JSON object: {"servers": [...], "configs": [...]}
               --timeout MS       wall time of one connection attempt (default 10000)
               --env-file FILE    a .env file to take missing variables from; repeatable
             Exit 0 when every server works as its file stands, 1 otherwise.`;

export interface CheckCommandOptions {
  configFile?: string;
  heal: boolean;
  json: boolean;
  timeoutMs: number;
  matcher: Matcher;
  sources: FactSources;
  cwd: string;
  signal: AbortSignal;
  stdout: Writable;
  /** Progress and the configs read go here (stderr), never into the JSON. */
  progress: (line: string) => void;
  telemetry?: { report(failure: Failure): Promise<unknown> };
}

export async function runCheck(options: CheckCommandOptions): Promise<'ok' | 'failing'> {
  const configs = await readConfigs(options);
  const outcomes: ConfigOutcome[] = [];
  for (const config of configs) {
    if (options.signal.aborted) break;
    options.progress(`checking ${config.servers.length} server${config.servers.length === 1 ? '' : 's'} in ${config.file} (${config.format})`);
    outcomes.push(
      await checkConfig(config, {
        matcher: options.matcher,
        timeoutMs: options.timeoutMs,
        sources: options.sources,
        signal: options.signal,
        write: options.heal,
        ...(options.telemetry ? { telemetry: options.telemetry } : {}),
        onAttempt: ({ server, attempt, changes }) => {
          if (attempt > 0) options.progress(`  ${server}: fix ${attempt}: ${changes.map((change) => change.description).join('; ') || 'trying again'}`);
        },
        onServer: (outcome) => options.progress(`  ${outcome.name}: ${outcome.ok ? (outcome.healed ? 'healed' : 'works') : `fails (${outcome.category})`}`),
      }),
    );
  }
  options.stdout.write(options.json ? renderJson(outcomes) : renderText(outcomes, { heal: options.heal }));
  return checkSucceeded(outcomes) && !options.signal.aborted ? 'ok' : 'failing';
}

async function readConfigs(options: CheckCommandOptions): Promise<ConfigFile[]> {
  if (options.configFile !== undefined) {
    const read = await readConfigFile(options.configFile);
    if (!read.ok) throw new TaphealError('CONFIG_UNREADABLE', read.detail);
    return [read.value];
  }
  const { found, searched } = await findClientConfigs({ home: options.sources.home, platform: options.sources.platform, cwd: options.cwd, env: options.sources.env });
  if (found.length === 0) {
    throw new TaphealError('NO_CONFIG', `no MCP client config found; looked at:\n${searched.map((candidate) => `  ${candidate.path}`).join('\n')}\nPass one with --config FILE.`);
  }
  const configs: ConfigFile[] = [];
  for (const candidate of found) {
    const read = await readConfigFile(candidate.path, readOptions(candidate));
    if (read.ok) {
      options.progress(`read ${candidate.path} (${describe(candidate)})`);
      if (read.value.servers.length > 0 || read.value.invalid.length > 0) configs.push(read.value);
    } else {
      options.progress(`skipped ${candidate.path}: ${read.detail}`);
    }
  }
  return configs;
}

function readOptions(candidate: ConfigCandidate): { format: ConfigFormat; projectDir?: string } {
  return { format: candidate.client, ...(candidate.projectDir === undefined ? {} : { projectDir: candidate.projectDir }) };
}

function describe(candidate: ConfigCandidate): string {
  const client = { 'claude-desktop': 'Claude Desktop', 'claude-code': 'Claude Code', cursor: 'Cursor', vscode: 'VS Code' }[candidate.client];
  return `${client}, ${candidate.scope} scope`;
}
