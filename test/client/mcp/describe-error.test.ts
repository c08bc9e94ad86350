import { describe, expect, it } from 'vitest';
import { describeError } from '../../../packages/client/src/mcp/describe-error.js';

const withCode = (message: string, code: unknown, cause?: unknown) => Object.assign(new Error(message, cause === undefined ? {} : { cause }), { code });
const syntaxError = new SyntaxError(`Unexpected token 'W', "Welcome to"... is not valid JSON`);
const refused = Object.assign(new AggregateError([withCode('connect ECONNREFUSED ::1:8080', 'ECONNREFUSED'), withCode('connect ECONNREFUSED 127.0.0.1:8080', 'ECONNREFUSED')]), { code: 'ECONNREFUSED' });

describe('describeError', () => {
  const cases: Array<[string, unknown, ReturnType<typeof describeError>]> = [
    ['a spawn error keeps its Node code', withCode('spawn npx ENOENT', 'ENOENT'), { message: 'spawn npx ENOENT', code: 'ENOENT' }],
    ['a JSON-RPC error has no code of ours', withCode('MCP error -32000: Connection closed', -32000), { message: 'MCP error -32000: Connection closed' }],
    ['an HTTP status becomes a numeric code', withCode('Streamable HTTP error: Error POSTing to endpoint: nope', 401), { message: 'Streamable HTTP error: Error POSTing to endpoint: nope', code: 401 }],
    ['a status of -1 is no status', withCode('Streamable HTTP error: Unexpected content type: text/html', -1), { message: 'Streamable HTTP error: Unexpected content type: text/html' }],
    ['fetch failed takes its cause', new TypeError('fetch failed', { cause: withCode('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED') }), { message: 'fetch failed: connect ECONNREFUSED 127.0.0.1:9', code: 'ECONNREFUSED' }],
    ['fetch failed with several addresses takes the first', new TypeError('fetch failed', { cause: refused }), { message: 'fetch failed: connect ECONNREFUSED ::1:8080', code: 'ECONNREFUSED' }],
    ['a SyntaxError is named', syntaxError, { message: `SyntaxError: Unexpected token 'W', "Welcome to"... is not valid JSON` }],
    ['a thrown string is kept', 'boom', { message: 'boom' }],
  ];

  it.each(cases)('%s', (_name, error, expected) => {
    expect(describeError(error)).toEqual(expected);
  });
});
