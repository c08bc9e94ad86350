/**
 * `tapheal pack status|update`: arguments in, one line (or one JSON object) out. The work is
 * packs/update-pack.ts and packs/pack-status.ts; this file only parses and prints.
 */
import type { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TaphealError } from '../errors.js';
import { packStatus, type PackStatus } from '../packs/pack-status.js';
import { readTrustedKeys } from '../packs/read-pack.js';
import { MIN_CHECK_INTERVAL_MS, updatePack, type PackUpdateResult } from '../packs/update-pack.js';

/** How a pack command ended; the CLI turns it into an exit code (0, 3, 1). */
export type PackCommandOutcome = 'ok' | 'refused' | 'failed';

export const PACK_USAGE = `  pack status [--json]   the pack in use: version, age, expiry, source, where it came from
  pack update [--endpoint URL] [--trust-key FILE]... [--force] [--json]
             fetch the collector's latest pack (If-None-Match) and hold it if it verifies and is
             newer; otherwise keep the pack held. At most one check per ${MIN_CHECK_INTERVAL_MS / 60_000} minutes
             unless --force. Exit 0 updated, up to date or skipped; 3 refused; 1 unreachable.
               --endpoint URL     the collector (default $TAPHEAL_ENDPOINT or http://127.0.0.1:8787)
               --trust-key FILE   also trust this ed25519 public key (PEM); pinned once it signs a pack`;

export interface PackCommandContext {
  home: string;
  endpoint: string;
  stdout: Writable;
  say: (line: string) => void;
}

export async function runPackCommand(args: readonly string[], context: PackCommandContext): Promise<PackCommandOutcome> {
  const [action, ...rest] = args;
  if (action === 'status') {
    const { values } = parse(rest, { json: { type: 'boolean' } });
    const status = await packStatus({ home: context.home });
    context.stdout.write(values.json ? `${JSON.stringify(status)}\n` : describeStatus(status, new Date()));
    return 'ok';
  }
  if (action === 'update') {
    const { values } = parse(rest, {
      endpoint: { type: 'string' },
      'trust-key': { type: 'string', multiple: true },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const extraKeys = await readTrustedKeys((values['trust-key'] as string[] | undefined) ?? []);
    const endpoint = (values.endpoint as string | undefined) ?? context.endpoint;
    if (!/^https?:\/\//.test(endpoint)) throw new TaphealError('USAGE', `the endpoint must be an http:// or https:// URL, not "${endpoint}"`);
    const result = await updatePack({ home: context.home, endpoint, extraKeys, force: values.force === true });
    const outcome: PackCommandOutcome = result.outcome === 'refused' ? 'refused' : result.outcome === 'failed' ? (result.reason === 'bad_key' ? 'refused' : 'failed') : 'ok';
    if (values.json) context.stdout.write(`${JSON.stringify(result)}\n`);
    else if (outcome === 'ok') context.stdout.write(`${describeUpdate(result)}\n`);
    else context.say(describeUpdate(result));
    return outcome;
  }
  throw new TaphealError('USAGE', 'pack needs one of: status, update');
}

const using = (r: { version: number; source: string }) => `v${r.version}${r.source === 'builtin' ? ' (built-in)' : ''}`;

export function describeUpdate(result: PackUpdateResult): string {
  switch (result.outcome) {
    case 'updated':
      return `updated: pack v${result.version} (was v${result.previousVersion}), signed by ${result.keyid.slice(0, 16)}` +
        (result.pinnedKeys.length > 0 ? `; pinned ${result.pinnedKeys.length} key(s): ${result.pinnedKeys.map((id) => id.slice(0, 16)).join(', ')}` : '');
    case 'up_to_date':
      return `up to date: ${result.notModified ? '304 ' : ''}${result.detail}; using ${using(result)}`;
    case 'skipped':
      return `skipped: checked at ${result.checkedAt}; next check from ${result.nextCheckAt} (--force to check now); using ${using(result)}`;
    case 'refused':
      return `refused (${result.reason.replace(/_/g, ' ')}): ${result.detail}; keeping ${using(result)}`;
    case 'failed':
      return `update failed (${result.reason.replace(/_/g, ' ')}): ${result.detail}; keeping ${using(result)}`;
  }
}

export function describeStatus(status: PackStatus, now: Date): string {
  const lines = [
    `pack in use: v${status.version}, ${status.source === 'held' ? `held (${status.path})` : 'built-in'}, ${status.rules} rules`,
    `created: ${status.createdAt} (${ago(status.ageSeconds)})`,
    `expires: ${status.expiresAt}`,
  ];
  if (status.keyid) lines.push(`signed by: ${status.keyid}`);
  lines.push(`came from: ${status.from ? `${status.from}${status.downloadedAt ? ` at ${status.downloadedAt}` : ''}` : status.source === 'builtin' ? 'built into this client' : 'unknown'}`);
  if (status.fallbackReason) lines.push(`held pack passed over: ${status.fallbackReason}`);
  if (status.keyProblem) lines.push(`pinned keys ignored: ${status.keyProblem}`);
  if (status.lastCheck) {
    const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(status.lastCheck.at)) / 1000));
    lines.push(`last check: ${status.lastCheck.at} (${ago(seconds)}) at ${status.lastCheck.url ?? 'unknown'}: ${status.lastCheck.result ?? 'unknown'}`);
  } else {
    lines.push('last check: never');
  }
  return `${lines.join('\n')}\n`;
}

function ago(seconds: number): string {
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7_200) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3_600)} h ago`;
  return `${Math.floor(seconds / 86_400)} days ago`;
}

function parse(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new TaphealError('USAGE', (error as Error).message);
  }
}
