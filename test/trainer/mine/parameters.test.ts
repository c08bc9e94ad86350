import { describe, expect, it } from 'vitest';
import { isParameterWord, maskTokens, tokenise } from '@tapheal/trainer';

const masked = (message: string): string[] => maskTokens(tokenise(message)).texts;

describe('isParameterWord', () => {
  it.each(['42', '-32000', '0x1f', '1.2.3', 'blk_-1608999687919862906', 'core.2275', 'a02ed93f-b1b9', 'u0', 'ssh2', 'true', 'null', 'None', 'NaN', 'a/b/c', 'com.tencent.mm/.plugin.Entry', 'C1'])(
    '%j is a parameter',
    (word) => expect(isParameterWord(word)).toBe(true),
  );

  it.each(['ENOENT', 'closed', 'SOCKS5', 'IPV6', 'MD5', 'I/O', 'load/store', 'android.intent.action.TIME_TICK', 'none'])(
    '%j is not a parameter',
    (word) => expect(isParameterWord(word)).toBe(false),
  );
});

describe('maskTokens', () => {
  it.each([
    ['numbers, with units after them', 'took 1.5 KB in 20 ms and <1 sec.', ['took', '<*>', 'in', '<*>', 'and', '<', '<*>']],
    ['dates with their month and weekday names', 'at Sun Jul  3 10:05:25 2005 from May', ['at', '<*>', 'from', 'May']],
    ['a run of parameters across spaces, colons and commas', 'IRQs 3 4 5, 6:7 done', ['IRQs', '<*>', 'done']],
    ['but not across brackets or other words', '[1, 2] (3) x 4', ['[', '<*>', ']', '(', '<*>', ')', 'x', '<*>']],
    ['literals and paths', 'ok=true path=/tmp/x', ['ok', '=', '<*>', 'path', '=', '<*>']],
    ['JSON values but not its keys', '{"id":7,"message":"Connection closed"}', ['{', '"', 'id', '"', ':', '<*>', ',', '"', 'message', '"', ':', '"', 'Connection', 'closed', '"', '}']],
  ])('masks %s', (_what, message, texts) => {
    expect(masked(message)).toEqual(texts);
  });

  it('keeps a unit word that does not follow a parameter', () => {
    expect(masked('size in KB')).toEqual(['size', 'in', 'KB']);
  });
});
