/** The telemetry state file: unreadable reads as empty, writes are whole, leftovers of a crash do no harm. */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATE,
  newInstallId,
  readState,
  updateState,
  writeState,
  type TelemetryState,
} from '../../../packages/client/src/telemetry/state.js';
import { makeTempDir } from '../../helpers/packs.js';

const EMPTY: TelemetryState = { consent: null, installId: null, sent: 0, dropped: {}, failures: 0, nextAttemptAt: 0 };

const FULL: TelemetryState = {
  consent: { enabled: true, fieldsVersion: 1, at: '2026-01-15T10:00:00.000Z' },
  installId: 'AbCdEfGhIjKlMnOpQrStUv',
  sent: 42,
  dropped: { rejected: 3, too_large: 1 },
  failures: 2,
  nextAttemptAt: 1_772_366_400_000,
};

const stateFile = (): string => join(makeTempDir(), 'telemetry', 'state.json');

function fileWith(content: string): string {
  const dir = makeTempDir();
  const file = join(dir, 'state.json');
  writeFileSync(file, content);
  return file;
}

describe('EMPTY_STATE', () => {
  it('has no consent, no install id and zero counters', () => {
    expect(EMPTY_STATE).toEqual(EMPTY);
  });

  it('is frozen, so no caller can change it for everyone', () => {
    expect(Object.isFrozen(EMPTY_STATE)).toBe(true);
  });
});

describe('readState', () => {
  it('reads a missing file as the empty state', async () => {
    expect(await readState(stateFile())).toEqual(EMPTY);
  });

  const unreadable: Array<{ name: string; content: string }> = [
    { name: 'an empty file', content: '' },
    { name: 'garbage', content: '\u0000\u0001 not json {{' },
    { name: 'half a JSON object, as a torn write would leave', content: '{"consent": {"enabled": tr' },
    { name: 'JSON null', content: 'null' },
    { name: 'a JSON number', content: '17' },
  ];

  it.each(unreadable)('reads $name as the empty state', async ({ content }) => {
    expect(await readState(fileWith(content))).toEqual(EMPTY);
  });

  it('gives a fresh dropped object each time, never the shared one of EMPTY_STATE', async () => {
    const state = await readState(stateFile());
    expect(state.dropped).not.toBe(EMPTY_STATE.dropped);
  });

  const wrongTypes: Array<{ name: string; content: object; expected: TelemetryState }> = [
    {
      name: 'every field of the wrong type reads as its default',
      content: { consent: 'yes', installId: 12345678, sent: '42', dropped: null, failures: true, nextAttemptAt: 'soon' },
      expected: EMPTY,
    },
    {
      name: 'consent whose enabled is not a boolean reads as null',
      content: { consent: { enabled: 'true', fieldsVersion: 1, at: '2026-01-15T10:00:00.000Z' } },
      expected: EMPTY,
    },
    {
      name: 'consent whose fieldsVersion is not an integer reads as null',
      content: { consent: { enabled: true, fieldsVersion: 1.5, at: '2026-01-15T10:00:00.000Z' } },
      expected: EMPTY,
    },
    {
      name: 'consent without a time reads as null',
      content: { consent: { enabled: true, fieldsVersion: 1 } },
      expected: EMPTY,
    },
    {
      name: 'an install id too short reads as null',
      content: { installId: 'short' },
      expected: EMPTY,
    },
    {
      name: 'an install id with characters outside base64url reads as null',
      content: { installId: 'has spaces/and+slashes' },
      expected: EMPTY,
    },
    {
      name: 'negative counters read as zero',
      content: { sent: -5, failures: -1, nextAttemptAt: -100, dropped: { rejected: -3 } },
      expected: { ...EMPTY, dropped: { rejected: 0 } },
    },
    {
      name: 'fractional counters are rounded down',
      content: { sent: 2.9, failures: 1.5, nextAttemptAt: 1000.7, dropped: { rejected: 3.2 } },
      expected: { ...EMPTY, sent: 2, failures: 1, nextAttemptAt: 1000, dropped: { rejected: 3 } },
    },
    {
      name: 'a dropped count of the wrong type reads as zero',
      content: { dropped: { rejected: 'many', too_large: 2 } },
      expected: { ...EMPTY, dropped: { rejected: 0, too_large: 2 } },
    },
    {
      name: 'an empty object reads as the empty state',
      content: {},
      expected: EMPTY,
    },
    {
      name: 'unknown fields are left out',
      content: { ...FULL, secret: 'x' },
      expected: FULL,
    },
  ];

  it.each(wrongTypes)('$name', async ({ content, expected }) => {
    expect(await readState(fileWith(JSON.stringify(content)))).toEqual(expected);
  });
});

describe('writeState', () => {
  it('round-trips through readState', async () => {
    const file = stateFile();
    await writeState(file, FULL);
    expect(await readState(file)).toEqual(FULL);
  });

  it('creates the missing directory', async () => {
    const file = join(makeTempDir(), 'a', 'b', 'telemetry', 'state.json');
    await writeState(file, FULL);
    expect(statSync(file).isFile()).toBe(true);
  });

  it('replaces what was there before', async () => {
    const file = stateFile();
    await writeState(file, FULL);
    await writeState(file, { ...EMPTY, sent: 1 });
    expect(await readState(file)).toEqual({ ...EMPTY, sent: 1 });
  });

  it('leaves no temporary file behind', async () => {
    const file = stateFile();
    await writeState(file, FULL);
    expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
  });

  it.skipIf(process.platform === 'win32')('writes the file readable by its owner only', async () => {
    const file = stateFile();
    await writeState(file, FULL);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('updateState', () => {
  it('applies the change to what is stored and writes the result', async () => {
    const file = stateFile();
    await writeState(file, FULL);
    await updateState(file, (state) => ({ ...state, sent: state.sent + 1, dropped: { ...state.dropped, rejected: 4 } }));
    expect(await readState(file)).toEqual({ ...FULL, sent: 43, dropped: { rejected: 4, too_large: 1 } });
  });

  it('resolves to the new state', async () => {
    const file = stateFile();
    await writeState(file, FULL);
    expect(await updateState(file, (state) => ({ ...state, failures: 0 }))).toEqual({ ...FULL, failures: 0 });
  });

  it('starts from the empty state when there is no file yet', async () => {
    const file = stateFile();
    const seen: TelemetryState[] = [];
    await updateState(file, (state) => {
      seen.push(state);
      return { ...state, sent: 1 };
    });
    expect({ seen, stored: await readState(file) }).toEqual({ seen: [EMPTY], stored: { ...EMPTY, sent: 1 } });
  });
});

describe('a crash mid-write', () => {
  it('leaves a *.tmp file that does not change what readState reads', async () => {
    const file = stateFile();
    await writeState(file, FULL);
    writeFileSync(`${file}.0123456789ab.tmp`, '{"consent": {"enabled": fal');
    expect(await readState(file)).toEqual(FULL);
  });

  it('with no state.json written yet reads as the empty state', async () => {
    const file = join(makeTempDir(), 'state.json');
    writeFileSync(`${file}.0123456789ab.tmp`, JSON.stringify(FULL));
    expect(await readState(file)).toEqual(EMPTY);
  });

  it('does not stop the next write from succeeding', async () => {
    const file = stateFile();
    await writeState(file, FULL);
    writeFileSync(`${file}.0123456789ab.tmp`, '{"sent": 9');
    await updateState(file, (state) => ({ ...state, sent: 50 }));
    expect(await readState(file)).toEqual({ ...FULL, sent: 50 });
  });
});

describe('newInstallId', () => {
  it('is 8 to 64 URL-safe characters', () => {
    expect(newInstallId()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('differs between calls', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newInstallId()));
    expect(ids.size).toBe(100);
  });

  it('is accepted by readState after a write', async () => {
    const file = stateFile();
    const installId = newInstallId();
    await writeState(file, { ...EMPTY, installId });
    expect((await readState(file)).installId).toBe(installId);
  });
});

describe('readState on a dropped field of the wrong shape', () => {
  it.each([['a string', '"many"'], ['an array', '[5, 6]']])('reads %s as no drops', async (_, dropped) => {
    const file = join(makeTempDir(), 'state.json');
    writeFileSync(file, `{"dropped": ${dropped}, "sent": 2}`);
    expect(await readState(file)).toMatchObject({ dropped: {}, sent: 2 });
  });
});
