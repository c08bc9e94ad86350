/** buildReport: allow-listed fields only, anonymised and bounded messages, short messages for known failures. */
import { randomInt } from 'node:crypto';
import { MAX_MESSAGE_BYTES, ReportSchema, utf8Length, type HealAttempt } from '@tapheal/rules';
import { describe, expect, it } from 'vitest';
import {
  KNOWN_FAILURE_CONFIDENCE,
  SHORT_MESSAGE_CHARS,
  buildReport,
  truncateUtf8,
  type Failure,
  type ReportContext,
} from '../../../packages/client/src/telemetry/report-builder.js';

const context: ReportContext = {
  id: '3f1c2a6e-8b7d-4c1e-9f0a-2b3c4d5e6f70',
  installId: 'inst_ABCdef123',
  now: new Date('2026-03-01T12:00:00.000Z'),
  client: { name: 'tapheal', version: '0.4.0' },
  platform: { os: 'darwin', arch: 'arm64', runtime: 'node', runtimeVersion: '20.19.0' },
};

const RULE_ID = 'command_not_found.spawn_enoent';
const ENOENT_MESSAGE = 'spawn npx ENOENT at /Users/alice/project/node_modules/x.js line 12';

/** A GitHub-shaped token made up at run time: never a real one, never the same twice. */
function generatedGithubToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `ghp_${Array.from({ length: 36 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
}

/** No lone surrogate: the text survives a round trip through UTF-8. */
const isWellFormed = (text: string): boolean => Buffer.from(text, 'utf8').toString('utf8') === text;

const attempt = (n: number): HealAttempt => ({ category: 'command_not_found', ruleId: RULE_ID, fix: `fix_${n}`, outcome: 'failed' });

describe('buildReport', () => {
  it('builds exactly the documented fields from a minimal failure', () => {
    const report = buildReport({ message: 'connection closed', phase: 'connect' }, context);
    expect(report).toEqual({
      id: '3f1c2a6e-8b7d-4c1e-9f0a-2b3c4d5e6f70',
      schema: 1,
      occurredAt: '2026-03-01T12:00:00.000Z',
      installId: 'inst_ABCdef123',
      client: { name: 'tapheal', version: '0.4.0' },
      platform: { os: 'darwin', arch: 'arm64', runtime: 'node', runtimeVersion: '20.19.0' },
      phase: 'connect',
      error: { message: 'connection closed' },
    });
  });

  it('builds a report that ReportSchema accepts when every optional field is given', () => {
    const failure: Failure = {
      message: ENOENT_MESSAGE,
      phase: 'install',
      code: 'ENOENT',
      exitCode: 127,
      signal: null,
      server: { name: '@modelcontextprotocol/server-filesystem', version: '2025.1.0', transport: 'stdio' },
      diagnosis: { packVersion: 3, category: 'command_not_found', ruleId: RULE_ID, confidence: 0.95 },
      healing: { healed: true, attempts: [attempt(1), { ...attempt(2), outcome: 'healed' }] },
      occurredAt: new Date('2026-02-28T08:30:00.000Z'),
    };
    const result = ReportSchema.safeParse(buildReport(failure, context));
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('leaves out every field the caller passes beyond the allow-list, at every level', () => {
    const failure = {
      message: 'connection closed',
      phase: 'call',
      password: 'x',
      env: { HOME: '/Users/alice', API_KEY: 'not-a-real-key' },
      server: { name: 'weather', transport: 'http', url: 'https://intranet.example/mcp', headers: { authorization: 'Bearer x' } },
      diagnosis: { packVersion: 3, category: 'network_error', ruleId: null, confidence: 0.4, matchedText: 'closed' },
      healing: { healed: false, attempts: [{ ...attempt(1), command: ['npx', '-y', 'weather'], stderr: 'boom' }], log: 'all of it' },
    } as unknown as Failure;

    const report = buildReport(failure, context);

    expect({ top: Object.keys(report).sort(), server: report.server, diagnosis: report.diagnosis, healing: report.healing }).toEqual({
      top: ['client', 'diagnosis', 'error', 'healing', 'id', 'installId', 'occurredAt', 'phase', 'platform', 'schema', 'server'],
      server: { name: 'weather', transport: 'http' },
      diagnosis: { packVersion: 3, category: 'network_error', ruleId: null, confidence: 0.4 },
      healing: { healed: false, attempts: [attempt(1)] },
    });
  });

  it('passes ReportSchema, whose objects are strict, when the caller passes extra fields', () => {
    const failure = {
      message: 'connection closed',
      phase: 'call',
      password: 'x',
      server: { name: 'weather', transport: 'http', url: 'https://intranet.example/mcp' },
      diagnosis: { packVersion: 3, category: 'network_error', ruleId: null, confidence: 0.4, matchedText: 'closed' },
      healing: { healed: false, attempts: [{ ...attempt(1), stderr: 'boom' }], log: 'all of it' },
    } as unknown as Failure;
    expect(ReportSchema.safeParse(buildReport(failure, context)).success).toBe(true);
  });

  it('copies the platform rather than sharing the caller object', () => {
    const report = buildReport({ message: 'x', phase: 'other' }, context);
    expect(report.platform).not.toBe(context.platform);
  });

  const anonymised: Array<{ name: string; message: string; expected: string }> = [
    {
      name: 'a macOS home path keeps the path but not the user name',
      message: 'Error: EACCES: permission denied, open /Users/alice/project/config.json',
      expected: 'Error: EACCES: permission denied, open /Users/<user>/project/config.json',
    },
    {
      name: 'an e-mail address becomes <email>',
      message: 'npm ERR! 403 Forbidden for alice@example.com',
      expected: 'npm ERR! 403 Forbidden for <email>',
    },
  ];

  it.each(anonymised)('anonymises the message of an unknown failure: $name', ({ message, expected }) => {
    expect(buildReport({ message, phase: 'install' }, context).error.message).toBe(expected);
  });

  it('anonymises a provider token in the message to <secret>', () => {
    const token = generatedGithubToken();
    const report = buildReport({ message: `401 Unauthorized: bad credentials ${token} for repo`, phase: 'call' }, context);
    expect(report.error.message).toBe('401 Unauthorized: bad credentials <secret> for repo');
  });

  it('anonymises a home path, an e-mail and a token in one message together', () => {
    const token = generatedGithubToken();
    const message = `failed in /Users/alice/mcp for alice@example.com with ${token}`;
    expect(buildReport({ message, phase: 'connect' }, context).error.message).toBe('failed in /Users/<user>/mcp for <email> with <secret>');
  });

  const servers: Array<{ name: string; server: NonNullable<Failure['server']>; expected: NonNullable<Failure['server']> }> = [
    {
      name: 'a server named by a local path loses the user name',
      server: { name: '/Users/alice/servers/weather/index.js', transport: 'stdio' },
      expected: { name: '/Users/<user>/servers/weather/index.js', transport: 'stdio' },
    },
    {
      name: 'a server with a public package name keeps it as it is',
      server: { name: '@modelcontextprotocol/server-filesystem', version: '2025.1.0', transport: 'stdio' },
      expected: { name: '@modelcontextprotocol/server-filesystem', version: '2025.1.0', transport: 'stdio' },
    },
    {
      name: 'a server with an empty version leaves the version out',
      server: { name: 'weather', version: '', transport: 'sse' },
      expected: { name: 'weather', transport: 'sse' },
    },
  ];

  it.each(servers)('$name', ({ server, expected }) => {
    expect(buildReport({ message: 'x', phase: 'connect', server }, context).server).toEqual(expected);
  });

  const long: Array<{ name: string; message: string; expected: string }> = [
    { name: 'ASCII over 8 KiB is cut to exactly 8 KiB', message: 'a'.repeat(9_000), expected: 'a'.repeat(8_192) },
    { name: 'ASCII of exactly 8 KiB is kept whole', message: 'a'.repeat(8_192), expected: 'a'.repeat(8_192) },
    {
      name: 'an emoji that would cross the limit is dropped whole, not halved',
      message: `${'a'.repeat(8_190)}😀b`,
      expected: 'a'.repeat(8_190),
    },
    {
      name: 'an emoji that ends exactly at the limit is kept',
      message: `${'a'.repeat(8_188)}😀b`,
      expected: `${'a'.repeat(8_188)}😀`,
    },
    {
      name: 'an accented letter that would cross the limit is dropped whole',
      message: `${'a'.repeat(8_191)}éz`,
      expected: 'a'.repeat(8_191),
    },
    { name: 'two-byte letters are cut at an even byte count', message: 'é'.repeat(5_000), expected: 'é'.repeat(4_096) },
  ];

  it.each(long)('cuts a long message to MAX_MESSAGE_BYTES: $name', ({ message, expected }) => {
    const sent = buildReport({ message, phase: 'call' }, context).error.message;
    expect({ bytes: utf8Length(sent), equal: sent === expected }).toEqual({ bytes: utf8Length(expected), equal: true });
  });

  it('never sends a message over MAX_MESSAGE_BYTES, and 8 KiB is the limit', () => {
    const sent = buildReport({ message: `${'ü'.repeat(3_000)}${'😀'.repeat(3_000)}`, phase: 'call' }, context).error.message;
    expect({ limit: MAX_MESSAGE_BYTES, withinLimit: Buffer.byteLength(sent, 'utf8') <= MAX_MESSAGE_BYTES, wellFormed: isWellFormed(sent) }).toEqual({
      limit: 8_192,
      withinLimit: true,
      wellFormed: true,
    });
  });

  const diagnoses: Array<{ name: string; diagnosis: NonNullable<Failure['diagnosis']>; expected: string }> = [
    {
      name: 'a rule at high confidence sends the short normalised message',
      diagnosis: { packVersion: 3, category: 'command_not_found', ruleId: RULE_ID, confidence: 0.95 },
      expected: 'spawn npx ENOENT at <path> line <num>',
    },
    {
      name: 'a rule at exactly KNOWN_FAILURE_CONFIDENCE sends the short normalised message',
      diagnosis: { packVersion: 3, category: 'command_not_found', ruleId: RULE_ID, confidence: KNOWN_FAILURE_CONFIDENCE },
      expected: 'spawn npx ENOENT at <path> line <num>',
    },
    {
      name: 'a rule just below KNOWN_FAILURE_CONFIDENCE sends the full anonymised message',
      diagnosis: { packVersion: 3, category: 'command_not_found', ruleId: RULE_ID, confidence: 0.79 },
      expected: 'spawn npx ENOENT at /Users/<user>/project/node_modules/x.js line 12',
    },
    {
      name: 'a diagnosis without a rule sends the full anonymised message even at high confidence',
      diagnosis: { packVersion: 3, category: 'command_not_found', ruleId: null, confidence: 0.99 },
      expected: 'spawn npx ENOENT at /Users/<user>/project/node_modules/x.js line 12',
    },
  ];

  it.each(diagnoses)('$name', ({ diagnosis, expected }) => {
    expect(buildReport({ message: ENOENT_MESSAGE, phase: 'connect', diagnosis }, context).error.message).toBe(expected);
  });

  it('keeps the threshold for a known failure at 0.8 and the short message at 200 characters', () => {
    expect({ KNOWN_FAILURE_CONFIDENCE, SHORT_MESSAGE_CHARS }).toEqual({ KNOWN_FAILURE_CONFIDENCE: 0.8, SHORT_MESSAGE_CHARS: 200 });
  });

  it('cuts the short message of a known failure to SHORT_MESSAGE_CHARS', () => {
    const diagnosis = { packVersion: 3, category: 'command_not_found', ruleId: RULE_ID, confidence: 0.9 };
    const sent = buildReport({ message: `spawn npx ENOENT ${'word '.repeat(100)}`, phase: 'connect', diagnosis }, context).error.message;
    expect(sent).toBe(`spawn npx ENOENT ${'word '.repeat(100)}`.slice(0, 200));
  });

  it('anonymises before normalising the short message, so no secret reaches it', () => {
    const diagnosis = { packVersion: 3, category: 'auth_failed', ruleId: 'auth_failed.bad_credentials', confidence: 0.9 };
    const sent = buildReport({ message: `auth failed: bad credentials ${generatedGithubToken()}`, phase: 'call', diagnosis }, context).error.message;
    expect(sent).toBe('auth failed: bad credentials <secret>');
  });

  const healing: Array<{ name: string; count: number; expected: HealAttempt[] }> = [
    { name: 'no attempts stay none', count: 0, expected: [] },
    { name: 'three attempts are all kept', count: 3, expected: [attempt(1), attempt(2), attempt(3)] },
    { name: 'five attempts are cut to the first three', count: 5, expected: [attempt(1), attempt(2), attempt(3)] },
  ];

  it.each(healing)('sends at most three healing attempts: $name', ({ count, expected }) => {
    const attempts = Array.from({ length: count }, (_, index) => attempt(index + 1));
    expect(buildReport({ message: 'x', phase: 'connect', healing: { healed: false, attempts } }, context).healing).toEqual({ healed: false, attempts: expected });
  });

  it('dates the report context.now when the failure carries no time', () => {
    expect(buildReport({ message: 'x', phase: 'call' }, context).occurredAt).toBe('2026-03-01T12:00:00.000Z');
  });

  it('dates the report when the failure happened when it says so', () => {
    const occurredAt = new Date('2026-02-28T08:30:00.000Z');
    expect(buildReport({ message: 'x', phase: 'call', occurredAt }, context).occurredAt).toBe('2026-02-28T08:30:00.000Z');
  });

  const errors: Array<{ name: string; extra: Partial<Failure>; expected: Record<string, unknown> }> = [
    { name: 'an exit code is kept', extra: { exitCode: 1 }, expected: { message: 'x', exitCode: 1 } },
    { name: 'a null exit code is kept as null', extra: { exitCode: null }, expected: { message: 'x', exitCode: null } },
    { name: 'a signal is kept', extra: { signal: 'SIGTERM' }, expected: { message: 'x', signal: 'SIGTERM' } },
    { name: 'a null signal is kept as null', extra: { signal: null }, expected: { message: 'x', signal: null } },
    { name: 'a code over 64 characters is cut to 64', extra: { code: 'E'.repeat(70) }, expected: { message: 'x', code: 'E'.repeat(64) } },
    { name: 'a signal over 32 characters is cut to 32', extra: { signal: 'S'.repeat(40) }, expected: { message: 'x', signal: 'S'.repeat(32) } },
  ];

  it.each(errors)('builds the error part: $name', ({ extra, expected }) => {
    expect(buildReport({ message: 'x', phase: 'call', ...extra }, context).error).toEqual(expected);
  });
});

describe('truncateUtf8', () => {
  const cases: Array<{ name: string; text: string; maxBytes: number; expected: string }> = [
    { name: 'a string within the limit is kept whole', text: 'abc', maxBytes: 5, expected: 'abc' },
    { name: 'a string exactly at the limit is kept whole', text: 'abcde', maxBytes: 5, expected: 'abcde' },
    { name: 'ASCII is cut at the byte limit', text: 'abcdef', maxBytes: 4, expected: 'abcd' },
    { name: 'a limit of zero gives the empty string', text: 'abc', maxBytes: 0, expected: '' },
    { name: 'the empty string stays empty', text: '', maxBytes: 3, expected: '' },
    { name: 'a two-byte letter that fits is kept', text: 'aé', maxBytes: 3, expected: 'aé' },
    { name: 'a two-byte letter that would cross the limit goes whole', text: 'aé', maxBytes: 2, expected: 'a' },
    { name: 'a three-byte character that would cross the limit goes whole', text: 'a€', maxBytes: 3, expected: 'a' },
    { name: 'a three-byte character that fits is kept', text: 'a€', maxBytes: 4, expected: 'a€' },
    { name: 'a four-byte emoji that would cross the limit goes whole', text: 'ab😀', maxBytes: 5, expected: 'ab' },
    { name: 'a four-byte emoji that fits is kept', text: 'ab😀', maxBytes: 6, expected: 'ab😀' },
    { name: 'an emoji at the start that does not fit gives the empty string', text: '😀', maxBytes: 3, expected: '' },
    { name: 'accented text is cut between letters', text: 'héllo wörld', maxBytes: 8, expected: 'héllo w' },
    { name: 'a cut after a run of emoji keeps whole pairs', text: '😀😀😀', maxBytes: 9, expected: '😀😀' },
    { name: 'a lone high surrogate at the end counts as three bytes', text: 'a\ud83d', maxBytes: 4, expected: 'a\ud83d' },
    { name: 'a lone high surrogate at the end goes when three bytes do not fit', text: 'a\ud83d', maxBytes: 3, expected: 'a' },
  ];

  it.each(cases)('$name', ({ text, maxBytes, expected }) => {
    expect(truncateUtf8(text, maxBytes)).toBe(expected);
  });

  it('agrees with Buffer.byteLength: the result fits and one more character would not', () => {
    const text = 'aé€😀'.repeat(50);
    const misfits: number[] = [];
    for (let maxBytes = 0; maxBytes <= 520; maxBytes++) {
      const cut = truncateUtf8(text, maxBytes);
      const next = Array.from(text.slice(cut.length))[0];
      const fits = Buffer.byteLength(cut) <= maxBytes;
      const maximal = next === undefined || Buffer.byteLength(cut + next) > maxBytes;
      if (!fits || !maximal || !isWellFormed(cut)) misfits.push(maxBytes);
    }
    expect(misfits).toEqual([]);
  });
});

describe('buildReport never splits a character when it cuts', () => {
  it('cuts the short message of a known failure before an emoji that straddles the limit', () => {
    const report = buildReport(
      { message: `${'x'.repeat(199)}😀 spawn`, phase: 'connect', diagnosis: { packVersion: 1, category: 'command_not_found', ruleId: 'command_not_found.spawn_enoent', confidence: 0.95 } },
      { id: '00000000-0000-4000-8000-000000000000', installId: 'install-0001', now: new Date('2026-11-25T00:00:00Z'), client: { name: 'tapheal', version: '0.1.0' }, platform: { os: 'linux', arch: 'x64', runtime: 'node', runtimeVersion: '20.19.0' } },
    );
    expect(report.error.message).toBe('x'.repeat(199));
  });

  it('leaves out an empty error code rather than send one the collector refuses', () => {
    const report = buildReport({ message: 'm', phase: 'other', code: '' }, { id: '00000000-0000-4000-8000-000000000000', installId: 'install-0001', now: new Date('2026-11-25T00:00:00Z'), client: { name: 'tapheal', version: '0.1.0' }, platform: { os: 'linux', arch: 'x64', runtime: 'node', runtimeVersion: '20.19.0' } });
    expect('code' in report.error).toBe(false);
  });
});
