/**
 * `tapheal telemetry status|enable|disable|preview|flush|reset-id`: the person's view of telemetry. Argument
 * parsing and exit codes stay in cli.ts; this takes parsed values and writes to the streams it is given.
 */
import type { Writable } from 'node:stream';
import { TaphealError } from '../errors.js';
import { CONSENT_EXPLANATIONS } from '../telemetry/consent.js';
import type { Telemetry } from '../telemetry/telemetry.js';

/** How long `tapheal telemetry flush` tries before it gives up, unless --timeout says otherwise. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 30_000;

export const TELEMETRY_ACTIONS = ['status', 'enable', 'disable', 'preview', 'flush', 'reset-id'] as const;
export type TelemetryAction = (typeof TELEMETRY_ACTIONS)[number];

export function isTelemetryAction(value: string | undefined): value is TelemetryAction {
  return (TELEMETRY_ACTIONS as readonly string[]).includes(value ?? '');
}

/** Runs one action; resolves to the exit code (0, or 1 when a flush left reports queued). */
export async function runTelemetryAction(
  action: TelemetryAction,
  telemetry: Telemetry,
  io: { stdout: Writable },
  flags: { json: boolean; timeoutMs: number },
): Promise<number> {
  const print = (line: string) => io.stdout.write(`${line}\n`);
  switch (action) {
    case 'status': {
      const status = await telemetry.status();
      if (flags.json) {
        const { enabled, reason, endpoint, queued, sent, dropped } = status;
        print(JSON.stringify({ enabled, reason, endpoint, queued, sent, dropped }));
      } else {
        print(`telemetry ${CONSENT_EXPLANATIONS[status.reason]}`);
        print(`endpoint  ${status.endpoint}`);
        print(`queued    ${status.queued} report${status.queued === 1 ? '' : 's'} (tapheal telemetry preview shows them)`);
        print(`sent      ${status.sent}`);
        const dropped = Object.entries(status.dropped);
        print(`dropped   ${dropped.length ? dropped.map(([reason, n]) => `${reason} ${n}`).join(', ') : 'none'}`);
        if (status.installId) print(`install   ${status.installId} (random; not derived from this machine)`);
        if (status.nextAttemptAt) print(`next send not before ${new Date(status.nextAttemptAt).toISOString()}`);
      }
      return 0;
    }
    case 'enable': {
      if (!(await telemetry.enable())) throw new TaphealError('TELEMETRY_STATE', 'cannot store consent: TAPHEAL_HOME is not writable');
      const status = await telemetry.status();
      print(status.enabled ? `telemetry on: anonymised failure reports go to ${status.endpoint}; the README's "Telemetry" section lists every field` : `consent stored, but telemetry stays ${CONSENT_EXPLANATIONS[status.reason]}`);
      return 0;
    }
    case 'disable': {
      const queued = (await telemetry.status()).queued;
      if (!(await telemetry.disable())) throw new TaphealError('TELEMETRY_STATE', 'cannot store the withdrawal: TAPHEAL_HOME is not writable (the queue was deleted)');
      print(`telemetry off; ${queued} queued report${queued === 1 ? '' : 's'} deleted`);
      return 0;
    }
    case 'reset-id':
      const installId = await telemetry.resetInstallId();
      if (!installId) throw new TaphealError('TELEMETRY_STATE', 'cannot store a new install id: TAPHEAL_HOME is not writable');
      print(`new install id ${installId}; reports already queued keep the old one`);
      return 0;
    case 'preview':
      for (const report of await telemetry.preview()) print(JSON.stringify(report));
      return 0;
    case 'flush': {
      const result = await telemetry.flushDetailed(flags.timeoutMs, { ignoreBackoff: true });
      const left = (await telemetry.status()).queued;
      const dropped = Object.entries(result.dropped).map(([reason, n]) => `${reason} ${n}`);
      const summary = { sent: result.sent, duplicates: result.duplicates, dropped: result.dropped, queued: left, done: result.done, ...(result.retry ? { retry: { at: new Date(result.retry.at).toISOString(), why: result.retry.why } } : {}) };
      if (flags.json) print(JSON.stringify(summary));
      else {
        print(`sent ${result.sent}${result.duplicates ? ` (${result.duplicates} already there)` : ''}${dropped.length ? `, dropped ${dropped.join(', ')}` : ''}, ${left} left in the queue`);
        if (result.retry) print(`not sent: ${result.retry.why}; next try after ${new Date(result.retry.at).toISOString()}`);
      }
      return result.done ? 0 : 1;
    }
    default:
      throw new TaphealError('USAGE', `unknown telemetry action "${String(action)}"`);
  }
}
