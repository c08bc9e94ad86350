/**
 * Re-anonymising every message is the collector's heaviest work per batch (about 40% of its CPU), so it
 * runs on worker threads: the request thread parses, validates and stores other batches meanwhile, and
 * the maintainer API stays responsive under ingest load. Each batch goes whole to the thread with the
 * fewest batches pending.
 *
 * Nothing is lost and no batch waits forever: a thread that fails a batch or dies hands its pending
 * batches back, and the request thread anonymises them itself. A thread that dies after it started is
 * replaced; one that never starts (a broken install) is not, and the pool goes on without it. With no
 * thread (0 threads, or none could start) every batch is anonymised on the request thread.
 */
import { Worker } from 'node:worker_threads';
import { anonymiseMessage } from '@tapheal/rules';

const WORKER_URL = new URL('./anonymiser-worker.mjs', import.meta.url);

export interface AnonymiserLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Anonymiser {
  /** Threads running now (0: every batch is anonymised on the calling thread). */
  readonly threads: number;
  /** Resolves once every thread has started or failed to; never rejects. */
  readonly ready: Promise<void>;
  /** The messages anonymised, in their order. Never rejects. */
  anonymise(messages: readonly string[]): Promise<string[]>;
  /** Stops the threads; batches still pending are anonymised on the calling thread. */
  close(): Promise<void>;
}

interface Job {
  messages: readonly string[];
  resolve: (messages: string[]) => void;
}

interface Slot {
  worker: Worker;
  started: boolean;
  pending: Map<number, Job>;
}

type WorkerAnswer = { ready: true } | { id: number; messages: string[] } | { id: number; error: string };

const anonymiseHere = (messages: readonly string[]): string[] => messages.map(anonymiseMessage);

export interface AnonymiserOptions {
  threads: number;
  log: AnonymiserLog;
  /** The thread's script (default anonymiser-worker.mjs); tests give one that fails. */
  workerUrl?: URL;
  /** Told of batches handed back to the calling thread: a thread `failed` one, or `died` with them pending. */
  onHandBack?: (reason: HandBackReason, batches: number) => void;
  /** A thread not ready this long after it was started is ended as one that could not start. */
  startTimeoutMs?: number;
}

export const START_TIMEOUT_MS = 30_000;

export type HandBackReason = 'failed' | 'died';

export function createAnonymiser({ threads, log, workerUrl = WORKER_URL, onHandBack = () => {}, startTimeoutMs = START_TIMEOUT_MS }: AnonymiserOptions): Anonymiser {
  const slots = new Set<Slot>();
  let nextId = 0;
  let closing = false;
  const starts: Promise<void>[] = [];

  /** Answers the slot's pending batches here; the slot takes no more. */
  const handBack = (slot: Slot) => {
    slots.delete(slot);
    if (slot.pending.size > 0 && !closing) onHandBack('died', slot.pending.size);
    for (const job of slot.pending.values()) job.resolve(anonymiseHere(job.messages));
    slot.pending.clear();
  };

  const spawn = (): Promise<void> =>
    new Promise((resolveStarted) => {
      const slot: Slot = { worker: new Worker(workerUrl), started: false, pending: new Map() };
      slots.add(slot);
      // Referenced only while it holds work, so an idle pool never keeps its host's process alive.
      slot.worker.unref();
      let failure: string | undefined;
      const startTimer = setTimeout(() => {
        failure = `not ready within ${startTimeoutMs} ms`;
        void slot.worker.terminate();
      }, startTimeoutMs);
      startTimer.unref();
      slot.worker.on('message', (answer: WorkerAnswer) => {
        if ('ready' in answer) {
          clearTimeout(startTimer);
          slot.started = true;
          resolveStarted();
          return;
        }
        const job = slot.pending.get(answer.id);
        if (!job) return;
        slot.pending.delete(answer.id);
        if (slot.pending.size === 0) slot.worker.unref();
        if ('error' in answer) {
          log.warn({ error: answer.error }, 'an anonymiser thread failed a batch; anonymised on the request thread');
          onHandBack('failed', 1);
          job.resolve(anonymiseHere(job.messages));
        } else job.resolve(answer.messages);
      });
      slot.worker.on('error', (error) => (failure = error.message));
      slot.worker.on('exit', (code) => {
        clearTimeout(startTimer);
        handBack(slot);
        resolveStarted();
        if (closing) return;
        const details = { error: failure ?? `exited with code ${code}`, started: slot.started };
        log.error(details, slot.started ? 'an anonymiser thread died; its batches were anonymised on the request thread' : 'an anonymiser thread could not start');
        if (slot.started) void spawn();
      });
    });

  for (let i = 0; i < threads; i++) starts.push(spawn());

  /** The started thread with the fewest batches pending; a starting one only when none has started. */
  const leastBusy = (): Slot | undefined => {
    let best: Slot | undefined;
    for (const slot of slots) {
      if (!best || (slot.started && !best.started) || (slot.started === best.started && slot.pending.size < best.pending.size)) best = slot;
    }
    return best;
  };

  return {
    get threads() {
      return slots.size;
    },
    ready: Promise.all(starts).then(() => undefined),
    anonymise(messages) {
      const slot = closing ? undefined : leastBusy();
      if (!slot) return Promise.resolve(anonymiseHere(messages));
      return new Promise((resolve) => {
        const id = nextId++;
        if (slot.pending.size === 0) slot.worker.ref();
        slot.pending.set(id, { messages, resolve });
        slot.worker.postMessage({ id, messages });
      });
    },
    async close() {
      closing = true;
      await Promise.all([...slots].map((slot) => slot.worker.terminate()));
      for (const slot of [...slots]) handBack(slot);
    },
  };
}
