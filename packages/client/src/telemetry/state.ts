/**
 * What telemetry keeps in TAPHEAL_HOME/telemetry/state.json: the consent given (and for which version of
 * the documented field list), the random install id, and the counters `status` prints. Written whole to
 * a temporary file and renamed, so a crash never leaves half a file; an unreadable file reads as empty
 * (consent off), never as an error. Processes sharing the file may lose a counter increment to each
 * other; consent and the install id are written only by enable, disable and reset.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Consent {
  enabled: boolean;
  /** REPORT_FIELDS_VERSION when consent was given or withdrawn. */
  fieldsVersion: number;
  at: string;
}

export interface TelemetryState {
  consent: Consent | null;
  installId: string | null;
  sent: number;
  dropped: Record<string, number>;
  /** Failed sends in a row; the backoff grows with it. */
  failures: number;
  /** No send before this time (ms since the epoch): backoff or a server's Retry-After. */
  nextAttemptAt: number;
}

export const EMPTY_STATE: TelemetryState = Object.freeze({ consent: null, installId: null, sent: 0, dropped: {}, failures: 0, nextAttemptAt: 0 });

export async function readState(file: string): Promise<TelemetryState> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<TelemetryState>;
    return {
      consent: isConsent(value.consent) ? value.consent : null,
      installId: typeof value.installId === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(value.installId) ? value.installId : null,
      sent: count(value.sent),
      dropped: Object.fromEntries(Object.entries(isRecord(value.dropped) ? value.dropped : {}).map(([reason, n]) => [reason, count(n)])),
      failures: count(value.failures),
      nextAttemptAt: count(value.nextAttemptAt),
    };
  } catch {
    return { ...EMPTY_STATE, dropped: {} };
  }
}

export async function writeState(file: string, state: TelemetryState): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}

/** Reads, changes and writes the state; resolves to the new state. */
export async function updateState(file: string, change: (state: TelemetryState) => TelemetryState): Promise<TelemetryState> {
  const next = change(await readState(file));
  await writeState(file, next);
  return next;
}

export const newInstallId = (): string => randomBytes(16).toString('base64url');

function isConsent(value: unknown): value is Consent {
  const consent = value as Consent | null;
  return typeof consent?.enabled === 'boolean' && Number.isInteger(consent.fieldsVersion) && typeof consent.at === 'string';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}
