/**
 * Whether telemetry is on, and why: off until the person (or the host, explicitly) turns it on; off
 * whenever DO_NOT_TRACK or CI says so, whatever was stored; off when the person disabled it, whatever
 * the host says; off again when the documented field list has grown since consent was given, until it
 * is given again. Pure.
 */
import type { Consent } from './state.js';

/**
 * The version of the field list the README documents (section "Telemetry"). Bump it whenever a report
 * carries a new field: every stored consent is then asked for again.
 */
export const REPORT_FIELDS_VERSION = 1;

export type ConsentReason = 'enabled' | 'host_enabled' | 'not_enabled' | 'disabled' | 'consent_outdated' | 'do_not_track' | 'ci';

export interface EffectiveConsent {
  enabled: boolean;
  reason: ConsentReason;
}

export function decideConsent(stored: Consent | null, env: Record<string, string | undefined>, hostEnabled = false): EffectiveConsent {
  const doNotTrack = env.DO_NOT_TRACK?.trim().toLowerCase();
  if (doNotTrack && doNotTrack !== '0' && doNotTrack !== 'false') return { enabled: false, reason: 'do_not_track' };
  if (env.CI !== undefined && !['', '0', 'false'].includes(env.CI.trim().toLowerCase())) return { enabled: false, reason: 'ci' };
  // A person's own "disable" wins over a host's "enable".
  if (stored && !stored.enabled) return { enabled: false, reason: 'disabled' };
  // The person's own consent for an older field list does not stretch to the new fields, whatever the host says.
  if (stored && stored.fieldsVersion < REPORT_FIELDS_VERSION) return { enabled: false, reason: 'consent_outdated' };
  if (hostEnabled) return { enabled: true, reason: 'host_enabled' };
  if (!stored) return { enabled: false, reason: 'not_enabled' };
  return { enabled: true, reason: 'enabled' };
}

/** One line a person reads in `tapheal telemetry status`. */
export const CONSENT_EXPLANATIONS: Record<ConsentReason, string> = {
  enabled: 'on: you enabled it (tapheal telemetry disable turns it off)',
  host_enabled: 'on: the program using tapheal enabled it',
  not_enabled: 'off: never enabled (tapheal telemetry enable turns it on)',
  disabled: 'off: you disabled it',
  consent_outdated: 'off: reports now carry fields you have not agreed to; run tapheal telemetry enable again after reading the README',
  do_not_track: 'off: DO_NOT_TRACK is set',
  ci: 'off: CI is set',
};
