/**
 * diagnoseFailure with the real built-in pack: which of the SDK message, the server's stderr and the
 * attempt's other errors names the cause, and which line is shown as evidence.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACK, diagnoseFailure, MAX_EVIDENCE_CHARS, type ConnectionFailure } from '@tapheal/client';
import { compileMatcher } from '@tapheal/rules';

const compiled = compileMatcher(BUILTIN_PACK);
if (!compiled.ok) throw new Error(compiled.detail);
const matcher = compiled.value;

type Attempt = Pick<ConnectionFailure, 'message' | 'otherErrors' | 'stderr'>;
const attempt = (extra: Partial<Attempt>): Attempt => ({ message: 'MCP error -32000: Connection closed', otherErrors: [], stderr: '', ...extra });

describe('diagnoseFailure', () => {
  it('classifies the message alone when there is nothing else', () => {
    const diagnosis = diagnoseFailure(attempt({ message: 'spawn npx ENOENT' }), matcher);

    expect(diagnosis).toMatchObject({ category: 'command_not_found', fix: 'resolve_command_path', evidence: 'spawn npx ENOENT', packVersion: BUILTIN_PACK.version });
  });

  it('prefers a stderr line that names the cause over the generic "Connection closed"', () => {
    const stderr = 'GitHub MCP Server starting...\nError: GITHUB_PERSONAL_ACCESS_TOKEN environment variable is required\n';

    const diagnosis = diagnoseFailure(attempt({ stderr }), matcher);

    expect(diagnosis.category).toBe('missing_env_var');
    expect(diagnosis.fix).toBe('set_env_from_user');
    expect(diagnosis.evidence).toBe('Error: GITHUB_PERSONAL_ACCESS_TOKEN environment variable is required');
  });

  it('keeps a specific message over an unrecognised stderr', () => {
    const diagnosis = diagnoseFailure(attempt({ message: 'spawn uvx ENOENT', stderr: 'some log line\n' }), matcher);

    expect(diagnosis.category).toBe('command_not_found');
    expect(diagnosis.evidence).toBe('spawn uvx ENOENT');
  });

  it('on equally sure stderr lines, takes the latest one', () => {
    const stderr = 'Error: listen EADDRINUSE: address already in use :::3000\nError: listen EADDRINUSE: address already in use :::3001\n';

    const diagnosis = diagnoseFailure(attempt({ stderr }), matcher);

    expect(diagnosis.category).toBe('port_in_use');
    expect(diagnosis.evidence).toBe('Error: listen EADDRINUSE: address already in use :::3001');
  });

  it('counts the other errors when the message is weak: a timeout after "Connection closed"', () => {
    const diagnosis = diagnoseFailure(attempt({ otherErrors: ['MCP error -32001: Request timed out'] }), matcher);

    expect(diagnosis.category).toBe('timeout');
    expect(diagnosis.evidence).toBe('MCP error -32001: Request timed out');
  });

  it('ignores the other errors when the message is sure: junk on stdout stays transport_mismatch despite a later timeout', () => {
    const message = `SyntaxError: Unexpected token 'S', "Starting s"... is not valid JSON`;

    const diagnosis = diagnoseFailure(attempt({ message, otherErrors: ['MCP error -32001: Request timed out'] }), matcher);

    expect(diagnosis.category).toBe('transport_mismatch');
    expect(diagnosis.evidence).toBe(message);
  });

  it('shows the error line of a crash, not a stack frame, when only a stack trace is left', () => {
    const stderr = [
      'file:///srv/weather/index.js:12',
      "TypeError: Cannot read properties of undefined (reading 'map')",
      '    at parseError (file:///srv/weather/lib/error.js:3:9)',
      '    at main (file:///srv/weather/index.js:12:20)',
      '',
      'Node.js v20.11.0',
    ].join('\n');

    const diagnosis = diagnoseFailure(attempt({ stderr }), matcher);

    expect(diagnosis.category).toBe('server_crashed');
    expect(diagnosis.evidence).toBe("TypeError: Cannot read properties of undefined (reading 'map')");
  });

  it('shows the exception line of a Python traceback', () => {
    const stderr = [
      'Traceback (most recent call last):',
      '  File "/srv/server/error_handler.py", line 4, in <module>',
      '    main()',
      'ValueError: invalid literal for int() with base 10',
    ].join('\n');

    const diagnosis = diagnoseFailure(attempt({ stderr }), matcher);

    expect(diagnosis.evidence).toBe('ValueError: invalid literal for int() with base 10');
  });

  it('keeps the message as evidence when stderr holds no error line', () => {
    const diagnosis = diagnoseFailure(attempt({ stderr: 'listening on stdio\nready\n' }), matcher);

    expect(diagnosis.evidence).toBe('MCP error -32000: Connection closed');
  });

  it(`cuts evidence longer than MAX_EVIDENCE_CHARS (${MAX_EVIDENCE_CHARS}) with an ellipsis`, () => {
    const line = `Error: ${'x'.repeat(400)} environment variable is required`;

    const { evidence } = diagnoseFailure(attempt({ stderr: line }), matcher);

    expect(evidence).toHaveLength(MAX_EVIDENCE_CHARS);
    expect(evidence.endsWith('…')).toBe(true);
    expect(line.startsWith(evidence.slice(0, -1))).toBe(true);
  });

  it('keeps evidence of exactly MAX_EVIDENCE_CHARS whole', () => {
    const prefix = 'Error: MY_API_KEY environment variable is required ';
    const line = prefix + 'y'.repeat(MAX_EVIDENCE_CHARS - prefix.length);

    expect(diagnoseFailure(attempt({ stderr: line }), matcher).evidence).toBe(line);
  });
});
