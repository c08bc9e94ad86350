import { describe, expect, it } from 'vitest';
import { keptLines, MAX_TOKENS, tokenise } from '@tapheal/trainer';

const WORD = 0;
const DELIMITER = 1;
const PARAMETER = 2;

describe('tokenise', () => {
  it.each([
    ['splits on whitespace and keeps delimiters as tokens', 'uid=0 euid=0 (ok)', ['uid', '=', '0', 'euid', '=', '0', '(', 'ok', ')']],
    ['keeps dots, dashes, slashes and underscores inside words', 'blk_-123 core.2275 x-y I/O', ['blk_-123', 'core.2275', 'x-y', 'I/O']],
    ['splits JSON fragments into keys, punctuation and values', '{"code":-32000,"ok":true}', ['{', '"', 'code', '"', ':', '-32000', ',', '"', 'ok', '"', ':', 'true', '}']],
    ['keeps a quoted path whole and its quotes apart', "Cannot find module '/Users/alice/app/index.js'", ['Cannot', 'find', 'module', "'", '/Users/alice/app/index.js', "'"]],
    ['keeps a URL with its query whole, without the sentence punctuation after it', 'GET https://x.example/v1?a=1&b=2).', ['GET', 'https://x.example/v1?a=1&b=2', ')', '.']],
    ['keeps Windows paths whole', 'open C:\\Users\\bob\\x.json: denied', ['open', 'C:\\Users\\bob\\x.json', ':', 'denied']],
    ['keeps a bracket that belongs to a path', '(/var/log/[2017-07-03]/x.log)', ['(', '/var/log/[2017-07-03]/x.log', ')']],
    ['keeps IPv6 addresses and clock times whole', 'on fe80::1%lo0 at 10:05:25.123', ['on', 'fe80::1%lo0', 'at', '10:05:25.123']],
    ['splits a key:value chain that is not an address', 'AuthFail:sts:5_rsn:0', ['AuthFail', ':', 'sts', ':', '5_rsn', ':', '0']],
    ['gives an empty message no tokens', '', []],
  ])('%s', (_what, message, texts) => {
    expect(tokenise(message).texts).toEqual(texts);
  });

  it('marks paths, URLs and addresses as parameters, delimiters as delimiters, the rest as words', () => {
    const tokens = tokenise('read /etc/x (http://a.b/c) 2607:f140::1');
    expect(tokens.texts.map((text, i) => [text, tokens.kinds[i]])).toEqual([
      ['read', WORD],
      ['/etc/x', PARAMETER],
      ['(', DELIMITER],
      ['http://a.b/c', PARAMETER],
      [')', DELIMITER],
      ['2607:f140::1', PARAMETER],
    ]);
  });

  it('records where whitespace was, whatever its length', () => {
    expect(tokenise('a  b\tc(d)').spaced).toEqual([false, true, true, false, false, false]);
  });

  it('keeps line breaks of a multi-line message as tokens and drops blank and repeated lines', () => {
    expect(tokenise('first line\n\n  first line\nsecond\r\nthird').texts).toEqual(['first', 'line', '\n', 'second', '\n', 'third']);
  });

  it('ends a message longer than MAX_TOKENS in one parameter', () => {
    const tokens = tokenise('word '.repeat(MAX_TOKENS * 2));
    expect(tokens.texts).toHaveLength(MAX_TOKENS + 1);
    expect(tokens.kinds[MAX_TOKENS]).toBe(PARAMETER);
    expect(tokenise('word '.repeat(MAX_TOKENS - 1)).kinds).not.toContain(PARAMETER);
  });
});

describe('keptLines', () => {
  it('keeps only the first frame of each run of JS or Java stack frames', () => {
    const trace = 'Error: boom\n    at foo (/a.js:1:2)\n    at bar (/b.js:3:4)\nCaused by: x\n    at q (/d.js:1:1)\n    ... 3 more';
    expect(keptLines(trace)).toEqual(['Error: boom', 'at foo (/a.js:1:2)', 'Caused by: x', 'at q (/d.js:1:1)']);
  });

  it('keeps only the first frame of a Python traceback, without the frames’ code lines', () => {
    const trace = 'Traceback (most recent call last):\n  File "/a.py", line 10, in <module>\n    main()\n  File "/a.py", line 5, in main\n    foo()\nValueError: bad';
    expect(keptLines(trace)).toEqual(['Traceback (most recent call last):', 'File "/a.py", line 10, in <module>', 'ValueError: bad']);
  });

  it('keeps indented lines that are not stack frames', () => {
    expect(keptLines('config:\n  port: 1\n  host: x')).toEqual(['config:', 'port: 1', 'host: x']);
  });
});
