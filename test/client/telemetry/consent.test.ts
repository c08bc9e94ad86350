/** Effective consent: stored choice, field-list version, DO_NOT_TRACK, CI and the host's say, in that order of weight. */
import { describe, expect, it } from 'vitest';
import {
  CONSENT_EXPLANATIONS,
  REPORT_FIELDS_VERSION,
  decideConsent,
  type ConsentReason,
  type EffectiveConsent,
} from '../../../packages/client/src/telemetry/consent.js';
import type { Consent } from '../../../packages/client/src/telemetry/state.js';

const AT = '2026-01-15T10:00:00.000Z';
const enabledNow: Consent = { enabled: true, fieldsVersion: REPORT_FIELDS_VERSION, at: AT };
const enabledOutdated: Consent = { enabled: true, fieldsVersion: REPORT_FIELDS_VERSION - 1, at: AT };
const disabledNow: Consent = { enabled: false, fieldsVersion: REPORT_FIELDS_VERSION, at: AT };

describe('decideConsent', () => {
  const cases: Array<{
    name: string;
    stored: Consent | null;
    env: Record<string, string | undefined>;
    hostEnabled: boolean;
    expected: EffectiveConsent;
  }> = [
    { name: 'nothing stored is off: not enabled', stored: null, env: {}, hostEnabled: false, expected: { enabled: false, reason: 'not_enabled' } },
    {
      name: 'consent stored for the current field list is on: enabled',
      stored: enabledNow,
      env: {},
      hostEnabled: false,
      expected: { enabled: true, reason: 'enabled' },
    },
    {
      name: 'consent stored for an older field list is off: consent outdated',
      stored: enabledOutdated,
      env: {},
      hostEnabled: false,
      expected: { enabled: false, reason: 'consent_outdated' },
    },
    { name: 'a stored disable is off: disabled', stored: disabledNow, env: {}, hostEnabled: false, expected: { enabled: false, reason: 'disabled' } },
    {
      name: 'DO_NOT_TRACK=1 turns stored consent off',
      stored: enabledNow,
      env: { DO_NOT_TRACK: '1' },
      hostEnabled: false,
      expected: { enabled: false, reason: 'do_not_track' },
    },
    {
      name: 'DO_NOT_TRACK=true turns stored consent off',
      stored: enabledNow,
      env: { DO_NOT_TRACK: 'true' },
      hostEnabled: false,
      expected: { enabled: false, reason: 'do_not_track' },
    },
    {
      name: 'DO_NOT_TRACK=yes turns stored consent off',
      stored: enabledNow,
      env: { DO_NOT_TRACK: 'yes' },
      hostEnabled: false,
      expected: { enabled: false, reason: 'do_not_track' },
    },
    {
      name: 'DO_NOT_TRACK=TRUE in capitals turns stored consent off',
      stored: enabledNow,
      env: { DO_NOT_TRACK: 'TRUE' },
      hostEnabled: false,
      expected: { enabled: false, reason: 'do_not_track' },
    },
    {
      name: 'DO_NOT_TRACK=0 leaves stored consent on',
      stored: enabledNow,
      env: { DO_NOT_TRACK: '0' },
      hostEnabled: false,
      expected: { enabled: true, reason: 'enabled' },
    },
    {
      name: 'DO_NOT_TRACK=false leaves stored consent on',
      stored: enabledNow,
      env: { DO_NOT_TRACK: 'false' },
      hostEnabled: false,
      expected: { enabled: true, reason: 'enabled' },
    },
    {
      name: 'DO_NOT_TRACK=FALSE with spaces leaves stored consent on',
      stored: enabledNow,
      env: { DO_NOT_TRACK: ' FALSE ' },
      hostEnabled: false,
      expected: { enabled: true, reason: 'enabled' },
    },
    {
      name: 'an empty DO_NOT_TRACK leaves stored consent on',
      stored: enabledNow,
      env: { DO_NOT_TRACK: '' },
      hostEnabled: false,
      expected: { enabled: true, reason: 'enabled' },
    },
    { name: 'CI=true turns stored consent off', stored: enabledNow, env: { CI: 'true' }, hostEnabled: false, expected: { enabled: false, reason: 'ci' } },
    { name: 'CI=1 turns stored consent off', stored: enabledNow, env: { CI: '1' }, hostEnabled: false, expected: { enabled: false, reason: 'ci' } },
    {
      name: 'CI set to any other word turns stored consent off',
      stored: enabledNow,
      env: { CI: 'anything' },
      hostEnabled: false,
      expected: { enabled: false, reason: 'ci' },
    },
    { name: 'an empty CI leaves stored consent on', stored: enabledNow, env: { CI: '' }, hostEnabled: false, expected: { enabled: true, reason: 'enabled' } },
    { name: 'CI=false leaves stored consent on', stored: enabledNow, env: { CI: 'false' }, hostEnabled: false, expected: { enabled: true, reason: 'enabled' } },
    { name: 'CI=FALSE in capitals leaves stored consent on', stored: enabledNow, env: { CI: 'FALSE' }, hostEnabled: false, expected: { enabled: true, reason: 'enabled' } },
    {
      name: 'an undefined DO_NOT_TRACK and CI leave stored consent on',
      stored: enabledNow,
      env: { DO_NOT_TRACK: undefined, CI: undefined },
      hostEnabled: false,
      expected: { enabled: true, reason: 'enabled' },
    },
    {
      name: 'DO_NOT_TRACK wins over the host enabling telemetry',
      stored: null,
      env: { DO_NOT_TRACK: '1' },
      hostEnabled: true,
      expected: { enabled: false, reason: 'do_not_track' },
    },
    {
      name: 'DO_NOT_TRACK wins over stored consent and the host together',
      stored: enabledNow,
      env: { DO_NOT_TRACK: '1' },
      hostEnabled: true,
      expected: { enabled: false, reason: 'do_not_track' },
    },
    {
      name: 'DO_NOT_TRACK is the reason given when CI is set too',
      stored: enabledNow,
      env: { DO_NOT_TRACK: '1', CI: 'true' },
      hostEnabled: false,
      expected: { enabled: false, reason: 'do_not_track' },
    },
    { name: 'CI wins over the host enabling telemetry', stored: null, env: { CI: 'true' }, hostEnabled: true, expected: { enabled: false, reason: 'ci' } },
    {
      name: 'the host enabling telemetry with nothing stored is on: host enabled',
      stored: null,
      env: {},
      hostEnabled: true,
      expected: { enabled: true, reason: 'host_enabled' },
    },
    {
      name: "a person's stored disable wins over the host enabling telemetry",
      stored: disabledNow,
      env: {},
      hostEnabled: true,
      expected: { enabled: false, reason: 'disabled' },
    },
    {
      name: 'a stored disable for an older field list is still off: disabled',
      stored: { enabled: false, fieldsVersion: REPORT_FIELDS_VERSION - 1, at: AT },
      env: {},
      hostEnabled: false,
      expected: { enabled: false, reason: 'disabled' },
    },
  ];

  it.each(cases)('$name', ({ stored, env, hostEnabled, expected }) => {
    expect(decideConsent(stored, env, hostEnabled)).toEqual(expected);
  });

  it('treats a missing hostEnabled as false', () => {
    expect(decideConsent(null, {})).toEqual({ enabled: false, reason: 'not_enabled' });
  });
});

describe('CONSENT_EXPLANATIONS', () => {
  const reasons: ConsentReason[] = ['enabled', 'host_enabled', 'not_enabled', 'disabled', 'consent_outdated', 'do_not_track', 'ci'];

  it('has exactly one entry per consent reason', () => {
    expect(Object.keys(CONSENT_EXPLANATIONS).sort()).toEqual([...reasons].sort());
  });

  it.each(reasons)('explains %s with a line that says on or off as decideConsent does', (reason) => {
    const enabled = reason === 'enabled' || reason === 'host_enabled';
    expect(CONSENT_EXPLANATIONS[reason]).toMatch(enabled ? /^on: \S/ : /^off: \S/);
  });
});
