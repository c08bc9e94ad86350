/** parseEnvFile: the .env format people write, read the way dotenv reads it. */
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '@tapheal/client';

describe('parseEnvFile', () => {
  it('reads NAME=value lines', () => {
    expect(parseEnvFile('API_KEY=abc123\nBASE_URL=https://api.example.com\n')).toEqual({ API_KEY: 'abc123', BASE_URL: 'https://api.example.com' });
  });

  it('keeps every = after the first in the value', () => {
    expect(parseEnvFile('TOKEN=a=b==\nDSN=postgres://u:p@h/db?sslmode=require')).toEqual({ TOKEN: 'a=b==', DSN: 'postgres://u:p@h/db?sslmode=require' });
  });

  it('reads "export NAME=value" as NAME', () => {
    expect(parseEnvFile('export GITHUB_TOKEN=ghp_x\n  export   OTHER = y')).toEqual({ GITHUB_TOKEN: 'ghp_x', OTHER: 'y' });
  });

  it('skips comment lines, blank lines and lines that are not assignments', () => {
    expect(parseEnvFile('# a comment\n\n   # indented comment\nnot an assignment\n1BAD=x\nGOOD=1\n')).toEqual({ GOOD: '1' });
  });

  it('drops an inline comment after an unquoted value, but keeps a # inside a word', () => {
    expect(parseEnvFile('A=plain # the comment\nB=a#b\nC=x\t# tab-separated comment')).toEqual({ A: 'plain', B: 'a#b', C: 'x' });
  });

  it('reads double-quoted values with \\n, \\" and \\\\ escapes, and # inside the quotes', () => {
    const text = String.raw`A="two\nlines"
B="say \"hi\""
C="back\\slash"
D="x # not a comment" # a comment`;

    expect(parseEnvFile(text)).toEqual({ A: 'two\nlines', B: 'say "hi"', C: 'back\\slash', D: 'x # not a comment' });
  });

  it('reads single-quoted values literally', () => {
    expect(parseEnvFile(String.raw`A='no\nescape' # comment` + "\nB='has \"double\" quotes'")).toEqual({ A: String.raw`no\nescape`, B: 'has "double" quotes' });
  });

  it('reads an empty value, quoted or not', () => {
    expect(parseEnvFile('A=\nB=""\nC=\'\'')).toEqual({ A: '', B: '', C: '' });
  });

  it('reads CRLF line endings without keeping the \\r', () => {
    expect(parseEnvFile('A=1\r\nB="2"\r\n# c\r\nC=3\r\n')).toEqual({ A: '1', B: '2', C: '3' });
  });

  it('trims spaces around the name, the = and the value', () => {
    expect(parseEnvFile('  NAME  =  value  ')).toEqual({ NAME: 'value' });
  });

  it('lets a later line win over an earlier one', () => {
    expect(parseEnvFile('A=1\nA=2')).toEqual({ A: '2' });
  });
});
