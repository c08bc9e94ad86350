import { describe, expect, it } from 'vitest';
import { MAX_SUGGEST_TOKENS, suggestTokens } from '@tapheal/trainer';

describe('suggestTokens', () => {
  it.each<[string, string[]]>([
    ['spawn npx ENOENT', ['spawn', 'npx', 'enoent']],
    ['MCP error -32000: Connection closed', ['mcp', 'error', '-32000', 'connection', 'closed']],
    ['Error: Cannot find module /Users/ana/app/dist/index.js', ['error', 'cannot', 'find', 'module', '<path>']],
    ["Error: Cannot find module 'express'", ['error', 'cannot', 'find', 'module', '<str>']],
    ['HTTP 401 Unauthorized from https://api.example.com/mcp', ['http', '401', 'unauthorized', '<url>']],
    ['Error: listen EADDRINUSE: address already in use :::3000', ['error', 'listen', 'eaddrinuse', 'address', 'already', 'use', '<ip>', '<num>']],
    ['the server is not a server', ['server', 'not']],
    ['TypeError: x is not a constructor', ['typeerror', 'not', '#constructor']],
    ['', []],
  ])('%j → %j', (text, tokens) => {
    expect(suggestTokens(text)).toEqual(tokens);
  });

  it(`keeps at most ${MAX_SUGGEST_TOKENS} distinct words`, () => {
    const text = Array.from({ length: 2000 }, (_, index) => `word${String.fromCharCode(97 + (index % 26))}${String.fromCharCode(97 + Math.floor(index / 26) % 26)}${String.fromCharCode(97 + Math.floor(index / 676))}`).join(' ');
    expect(suggestTokens(text)).toHaveLength(MAX_SUGGEST_TOKENS);
  });
});
