/**
 * What `tapheal check` prints: a readable block per server (status, what was tried, the evidence, the
 * next step), or with `--json` the one object DESIGN.md specifies, with a few more fields. Pure.
 */
import type { ConfigOutcome } from './check-config.js';
import type { ServerOutcome } from './heal-server.js';

export interface RenderOptions {
  /** Whether `--heal` was given (changes were to be written). */
  heal: boolean;
}

/** True when a server works as its file now stands: at once, or healed and written. */
export function worksOnDisk(outcome: ServerOutcome, config: ConfigOutcome): boolean {
  return outcome.ok && (!outcome.healed || (config.written?.changed.includes(outcome.name) ?? false));
}

export function checkSucceeded(configs: readonly ConfigOutcome[]): boolean {
  return configs.every((config) => config.servers.every((server) => worksOnDisk(server, config)));
}

export function renderJson(configs: readonly ConfigOutcome[]): string {
  const servers = configs.flatMap((config) =>
    config.servers.map((server) => ({
      name: server.name,
      ok: server.ok,
      healed: server.healed,
      category: server.category,
      attempts: server.attempts.map(({ category, ruleId, fix, outcome }) => ({ category, ruleId, fix, outcome })),
      error: server.error,
      config: config.file,
      written: server.healed && (config.written?.changed.includes(server.name) ?? false),
      evidence: server.evidence,
      nextStep: server.nextStep,
      changes: server.changes,
      tools: server.tools,
      notes: server.notes,
      durationMs: server.durationMs,
    })),
  );
  const files = configs.map((config) => ({
    file: config.file,
    format: config.format,
    changed: config.changed,
    written: config.written?.written ?? false,
    backup: config.written?.backup ?? null,
    writeError: config.writeError,
    invalid: config.invalid.map(({ name, reason }) => ({ name, reason })),
  }));
  return `${JSON.stringify({ servers, configs: files })}\n`;
}

export function renderText(configs: readonly ConfigOutcome[], options: RenderOptions): string {
  const out: string[] = [];
  for (const config of configs) {
    out.push(`${config.file} (${config.format}): ${config.servers.length} server${config.servers.length === 1 ? '' : 's'}`, '');
    const width = Math.min(24, Math.max(...config.servers.map((server) => server.name.length), 4));
    for (const server of config.servers) out.push(...serverBlock(server, config, width, options), '');
    for (const entry of config.invalid) out.push(`  [skipped] ${entry.name}: ${entry.reason}`, '');
    out.push(...fileSummary(config, options), '');
  }
  const all = configs.flatMap((config) => config.servers.map((server) => ({ server, config })));
  const working = all.filter(({ server, config }) => worksOnDisk(server, config)).length;
  out.push(`${working} of ${all.length} servers work${working === all.length ? '.' : `; ${all.length - working} need${all.length - working === 1 ? 's' : ''} attention.`}`);
  return `${out.join('\n')}\n`;
}

function serverBlock(server: ServerOutcome, config: ConfigOutcome, width: number, options: RenderOptions): string[] {
  const name = server.name.padEnd(width);
  const status = !server.ok ? 'FAILING' : !server.healed ? 'ok' : worksOnDisk(server, config) ? 'HEALED' : 'FIXABLE';
  const lines: string[] = [];
  if (server.ok && !server.healed) {
    lines.push(`  [${status}] ${name}  works: ${server.tools.length} tool${server.tools.length === 1 ? '' : 's'}${toolList(server.tools)}`);
  } else {
    lines.push(`  [${status}] ${name}  ${server.category ?? 'unknown'}${server.ok ? `, works after ${server.attempts.length === 1 ? 'one fix' : `${server.attempts.length} fixes`}` : ''}`);
    const evidence = server.ok ? server.attempts[0]?.evidence : server.evidence;
    if (evidence) lines.push(`      evidence: ${evidence}`);
    server.attempts.forEach((attempt, index) => {
      const what = attempt.changes.length > 0 ? `: ${attempt.changes.map((change) => change.description).join('; ')}` : attempt.fix === 'retry' ? ': tried again as it is' : '';
      lines.push(`      ${index === 0 ? 'tried:   ' : '         '} ${index + 1}. ${attempt.fix} -> ${OUTCOME_WORDS[attempt.outcome]}${what}`);
    });
    if (server.ok && server.changes.length > 0) {
      const verb = worksOnDisk(server, config) ? 'wrote' : options.heal ? 'could not write' : 'would write';
      lines.push(`      ${`${verb}:`.padEnd(9)} ${server.changes.map((change) => change.field).join(', ')}${options.heal ? '' : ' (run with --heal to write it)'}`);
    }
    if (server.nextStep) lines.push(`      next:     ${server.nextStep}`);
  }
  for (const note of server.notes) lines.push(`      note:     ${note}`);
  return lines;
}

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  healed: 'works',
  failed: 'got further, still failing',
  same_failure: 'no change, undone',
  cannot_fix: 'no automatic fix',
};

function toolList(tools: readonly string[]): string {
  if (tools.length === 0) return '';
  const shown = tools.slice(0, 5).join(', ');
  return ` (${shown}${tools.length > 5 ? ', ...' : ''})`;
}

function fileSummary(config: ConfigOutcome, options: RenderOptions): string[] {
  if (config.writeError) return [`  Nothing was written: ${config.writeError}. ${config.file} is as it was.`];
  if (config.written?.written) return [`  Wrote ${config.file} (${config.written.changed.join(', ')}); the original is saved as ${config.written.backup}.`];
  if (config.changed.length > 0 && !options.heal) return [`  tapheal check --heal would write ${config.changed.join(', ')} into ${config.file} (saving the original as ${config.file}.bak).`];
  return [];
}
