/**
 * Telemetry as a host uses it: `report(failure)` queues an anonymised report when telemetry is on and
 * sends it later from an unref'd timer; `flush(timeoutMs)` sends now and resolves to whether the queue
 * emptied. Nothing here throws into the host: every public call resolves, and what could not be kept
 * is counted by reason. With consent off, nothing is written and nothing is sent.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ReportSchema, type Report } from '@tapheal/rules';
import { CLIENT_VERSION } from '../version.js';
import { decideConsent, REPORT_FIELDS_VERSION, type EffectiveConsent } from './consent.js';
import { createDiskQueue } from './disk-queue.js';
import { flushQueue, type FlushResult } from './flush-queue.js';
import { createHttpTransport, type Transport } from './http-transport.js';
import { buildReport, type Failure } from './report-builder.js';
import { newInstallId, readState, updateState, writeState } from './state.js';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8787';
export const MAX_QUEUED_REPORTS = 1_000;
export const MAX_QUEUED_BYTES = 5 * 1024 * 1024;
/** A report waits this long for others before the background send, so they go as one batch. */
export const FLUSH_DELAY_MS = 5_000;

export interface TelemetryOptions {
  /** TAPHEAL_HOME. */
  home: string;
  env: Record<string, string | undefined>;
  endpoint?: string;
  /** The host asked the person itself: counts as consent (DO_NOT_TRACK, CI and a stored disable still win). */
  hostEnabled?: boolean;
  transport?: Transport;
  now?: () => number;
  random?: () => number;
  flushDelayMs?: number;
  maxQueuedReports?: number;
  maxQueuedBytes?: number;
  platform?: Report['platform'];
}

export interface TelemetryStatus extends EffectiveConsent {
  endpoint: string;
  queued: number;
  sent: number;
  dropped: Record<string, number>;
  installId: string | null;
  nextAttemptAt: number | null;
}

export type ReportOutcome = 'queued' | `dropped:${string}`;

export interface Telemetry {
  report(failure: Failure): Promise<ReportOutcome>;
  flush(timeoutMs: number, options?: { ignoreBackoff?: boolean }): Promise<boolean>;
  /** The last flush's details, for the CLI. */
  flushDetailed(timeoutMs: number, options?: { ignoreBackoff?: boolean }): Promise<FlushResult>;
  status(): Promise<TelemetryStatus>;
  /** The queued reports, oldest first, exactly as they would be sent. */
  preview(): Promise<Report[]>;
  /** Stores consent; false when TAPHEAL_HOME cannot be written. */
  enable(): Promise<boolean>;
  /** Turns telemetry off and deletes the queue; false when TAPHEAL_HOME cannot be written. */
  disable(): Promise<boolean>;
  /** Gives this install a new random id (queued reports keep the old one); null when it cannot be stored. */
  resetInstallId(): Promise<string | null>;
  /** Cancels the pending background send. */
  close(): void;
}

const succeeded = (work: Promise<unknown>): Promise<boolean> => work.then(() => true, () => false);

export function createTelemetry(options: TelemetryOptions): Telemetry {
  const dir = join(options.home, 'telemetry');
  const stateFile = join(dir, 'state.json');
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const endpoint = options.endpoint ?? DEFAULT_ENDPOINT;
  const queue = createDiskQueue<Report>({
    dir: join(dir, 'queue'),
    maxReports: options.maxQueuedReports ?? MAX_QUEUED_REPORTS,
    maxBytes: options.maxQueuedBytes ?? MAX_QUEUED_BYTES,
    now,
  });
  const transport = options.transport ?? createHttpTransport({ endpoint });
  const platform = options.platform ?? { os: process.platform, arch: process.arch, runtime: 'node', runtimeVersion: process.versions.node };
  let timer: NodeJS.Timeout | null = null;

  const consentNow = async () => {
    const state = await readState(stateFile);
    return { state, consent: decideConsent(state.consent, options.env, options.hostEnabled) };
  };
  const countDrop = (reason: string) =>
    updateState(stateFile, (state) => ({ ...state, dropped: { ...state.dropped, [reason]: (state.dropped[reason] ?? 0) + 1 } })).catch(() => {});
  const flushDetailed = async (timeoutMs: number, flags: { ignoreBackoff?: boolean } = {}): Promise<FlushResult> => {
    const { consent } = await consentNow();
    if (!consent.enabled) return { done: false, sent: 0, duplicates: 0, dropped: {}, retry: { at: now(), why: `telemetry is off (${consent.reason})` } };
    return flushQueue({ queue, transport, stateFile, now, random, deadline: now() + timeoutMs, ...flags });
  };
  const scheduleFlush = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void flushDetailed(FLUSH_DELAY_MS * 2);
    }, options.flushDelayMs ?? FLUSH_DELAY_MS);
    timer.unref();
  };

  return {
    async report(failure) {
      try {
        const { state, consent } = await consentNow();
        if (!consent.enabled) return 'dropped:consent_off';
        let installId = state.installId;
        if (!installId) installId = (await updateState(stateFile, (current) => ({ ...current, installId: current.installId ?? newInstallId() }))).installId!;
        const report = buildReport(failure, { id: randomUUID(), installId, now: new Date(now()), client: { name: 'tapheal', version: CLIENT_VERSION }, platform });
        // The collector refuses a whole batch for one invalid report: refuse it here, alone.
        if (!ReportSchema.safeParse(report).success) {
          await countDrop('invalid');
          return 'dropped:invalid';
        }
        const appended = await queue.append(report);
        if (!appended.ok) {
          await countDrop(appended.reason);
          return `dropped:${appended.reason}`;
        }
        for (let i = 0; i < appended.dropped; i++) await countDrop('queue_full');
        scheduleFlush();
        return 'queued';
      } catch {
        await countDrop('internal_error');
        return 'dropped:internal_error';
      }
    },
    async flush(timeoutMs, flags) {
      return (await flushDetailed(timeoutMs, flags)).done;
    },
    flushDetailed,
    async status() {
      const { state, consent } = await consentNow();
      const size = await queue.size();
      return {
        ...consent,
        endpoint,
        queued: size.reports,
        sent: state.sent,
        dropped: state.dropped,
        installId: state.installId,
        nextAttemptAt: state.nextAttemptAt > now() ? state.nextAttemptAt : null,
      };
    },
    async preview() {
      return (await queue.read(Number.MAX_SAFE_INTEGER)).entries.map((entry) => entry.value);
    },
    async enable() {
      return succeeded(
        updateState(stateFile, (state) => ({
          ...state,
          consent: { enabled: true, fieldsVersion: REPORT_FIELDS_VERSION, at: new Date(now()).toISOString() },
          installId: state.installId ?? newInstallId(),
        })),
      );
    },
    async disable() {
      const state = await readState(stateFile);
      const stored = await succeeded(writeState(stateFile, { ...state, consent: { enabled: false, fieldsVersion: REPORT_FIELDS_VERSION, at: new Date(now()).toISOString() } }));
      await queue.clear();
      return stored;
    },
    async resetInstallId() {
      return updateState(stateFile, (state) => ({ ...state, installId: newInstallId() })).then(
        (state) => state.installId,
        () => null,
      );
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
