/**
 * Sends what the queue holds, a batch of up to 100 at a time, oldest first, until it is empty, the
 * collector asks to wait, or the deadline passes. A queued report the schema refuses is dropped alone. A sent or dropped batch leaves the queue; a batch to
 * retry stays, and the state records when to try again (the server's Retry-After, else a backoff that
 * doubles with each failure). Never throws.
 */
import { MAX_BATCH_REPORTS, ReportSchema, type Report } from '@tapheal/rules';
import type { DiskQueue } from './disk-queue.js';
import type { Transport } from './http-transport.js';
import { classifyResponse, nextBackoffMs } from './policy.js';
import { readState, updateState, type TelemetryState } from './state.js';

export interface FlushOptions {
  queue: DiskQueue<Report>;
  transport: Transport;
  stateFile: string;
  now: () => number;
  random: () => number;
  /** Stop starting new batches after this time (ms since the epoch). */
  deadline: number;
  /** Send even while a backoff or Retry-After is running (an explicit `flush` by a person). */
  ignoreBackoff?: boolean;
}

export interface FlushResult {
  /** The queue is empty. */
  done: boolean;
  sent: number;
  duplicates: number;
  dropped: Record<string, number>;
  /** Set when the collector could not take the batch: the next attempt and why. */
  retry?: { at: number; why: string };
}

export async function flushQueue(options: FlushOptions): Promise<FlushResult> {
  const result: FlushResult = { done: false, sent: 0, duplicates: 0, dropped: {} };
  const drop = (state: TelemetryState, reason: string, n: number): TelemetryState => {
    result.dropped[reason] = (result.dropped[reason] ?? 0) + n;
    return { ...state, dropped: { ...state.dropped, [reason]: (state.dropped[reason] ?? 0) + n } };
  };
  try {
    const initial = await readState(options.stateFile);
    if (!options.ignoreBackoff && initial.nextAttemptAt > options.now()) {
      return { ...result, retry: { at: initial.nextAttemptAt, why: 'waiting: backoff or Retry-After' } };
    }
    while (options.now() < options.deadline) {
      const { entries: read, corrupt } = await options.queue.read(MAX_BATCH_REPORTS);
      if (corrupt > 0) await updateState(options.stateFile, (state) => drop(state, 'corrupt', corrupt));
      if (read.length === 0) return { ...result, done: true };
      // A queued report the collector would refuse (written by an older client, or edited) would take its
      // whole batch down with it: it goes alone, counted as invalid.
      const entries: typeof read = [];
      const invalid: typeof read = [];
      for (const entry of read) (ReportSchema.safeParse(entry.value).success ? entries : invalid).push(entry);
      if (invalid.length > 0) {
        await options.queue.remove(invalid.map((entry) => entry.name));
        await updateState(options.stateFile, (state) => drop(state, 'invalid', invalid.length));
      }
      if (entries.length === 0) continue;
      const answer = await options.transport(entries.map((entry) => entry.value), options.deadline - options.now());
      const verdict = classifyResponse(answer.status, answer.retryAfter, answer.body, options.now());
      if (verdict.kind === 'retry') {
        const state = await updateState(options.stateFile, (current) => {
          const failures = current.failures + 1;
          return { ...current, failures, nextAttemptAt: options.now() + (verdict.afterMs ?? nextBackoffMs(failures, options.random)) };
        });
        return { ...result, retry: { at: state.nextAttemptAt, why: answer.status === null ? `no answer (${answer.error})` : `HTTP ${answer.status}` } };
      }
      await options.queue.remove(entries.map((entry) => entry.name));
      if (verdict.kind === 'sent') {
        result.sent += verdict.accepted;
        result.duplicates += verdict.duplicates;
        await updateState(options.stateFile, (state) => ({ ...state, sent: state.sent + entries.length, failures: 0, nextAttemptAt: 0 }));
      } else {
        await updateState(options.stateFile, (state) => drop(state, verdict.reason, entries.length));
      }
    }
    return result;
  } catch (error) {
    return { ...result, retry: { at: options.now(), why: `local error: ${(error as Error).message}` } };
  }
}
