import { describe, expect, it } from 'vitest';
import { MAX_TEMPLATE_CHARS, clusterIdOf, templateOf } from '@tapheal/trainer';

describe('templateOf', () => {
  it.each([
    ['spawn npx ENOENT', 'spawn npx ENOENT'],
    ["Error: Cannot find module '/Users/alice/app/node_modules/x/index.js'", 'Error: Cannot find module <str>'],
    ['connect ECONNREFUSED 127.0.0.1:27123', 'connect ECONNREFUSED <ip>:<num>'],
    ['MCP error -32001: Request timed out after 60000ms', 'MCP error -32001: Request timed out after <num>ms'],
    ['2025-06-03T07:23:52.664Z [error] [github] Server disconnected', 'Server disconnected'],
    ['Flux capacitor overheated after 12 seconds in /home/bob/app/flux.js', 'Flux capacitor overheated after <num> seconds in <path>'],
    ['line one\n\nline one\nline two v1.2.3', 'line one\nline two <ver>'],
    ['  spaced \t out   words  ', 'spaced out words'],
    ['token=<secret> for <user>', 'token=<secret> for <user>'],
  ])('turns %j into %j', (message, template) => {
    expect(templateOf(message)).toBe(template);
  });

  it.each([
    ['numbers and paths', 'Widget 3 failed in /home/bob/a.js', 'Widget 41 failed in /Users/<user>/src/b.js'],
    ['ports and addresses', 'connect ECONNREFUSED 127.0.0.1:8080', 'connect ECONNREFUSED 10.0.0.7:3000'],
    ['log prefixes and times', '[14:50:10] [error] Server disconnected', '2025-01-12 10:00:00,123 - ERROR - Server disconnected'],
    ['versions and ids', 'needs node v20.19.0, session a02ed93f-b1b9-49a3-8358-04018aa03101', 'needs node 18.0.1, session 00000000-0000-4000-8000-000000000000'],
  ])('gives two messages that differ only in %s one template', (_what, a, b) => {
    expect(templateOf(a)).toBe(templateOf(b));
  });

  it('cuts a template at MAX_TEMPLATE_CHARS', () => {
    const message = 'word '.repeat(1_000);
    expect(templateOf(message)).toHaveLength(MAX_TEMPLATE_CHARS);
    expect(templateOf(message)).toBe(templateOf(`${message} and a different ending`));
  });
});

describe('clusterIdOf', () => {
  // sha256 of "n<NORMALISER_VERSION>\n<template>", first 16 hex digits (checked with sha256sum).
  it.each([
    ['spawn npx ENOENT', 'cb66a2e4e2ea4fcb7'],
    ['Flux capacitor overheated after <num> seconds in <path>', 'c30c11dad379753f1'],
  ])('names %j with the same id on every machine and run', (template, id) => {
    expect(clusterIdOf(template)).toBe(id);
  });

  it.each(['', 'spawn npx ENOENT', 'Server disconnected\nline two', 'ünïcödé ✓ 🚀', 'x'.repeat(MAX_TEMPLATE_CHARS)])(
    'answers an id of c and 16 hex digits for %j',
    (template) => {
      expect(clusterIdOf(template)).toMatch(/^c[0-9a-f]{16}$/);
    },
  );

  it('answers the same id for the same template', () => {
    expect(clusterIdOf(templateOf('Widget 3 failed in /home/bob/a.js'))).toBe(clusterIdOf(templateOf('Widget 9 failed in /tmp/c.js')));
  });

  it.each([
    ['spawn npx ENOENT', 'spawn uvx ENOENT'],
    ['Server disconnected', 'server disconnected'],
    ['Server disconnected', 'Server disconnected '],
    ['line one\nline two', 'line one line two'],
    ['<num>', '<str>'],
  ])('answers different ids for %j and %j', (a, b) => {
    expect(clusterIdOf(a)).not.toBe(clusterIdOf(b));
  });

  it('gives distinct ids to a thousand distinct templates', () => {
    const ids = new Set(Array.from({ length: 1_000 }, (_, i) => clusterIdOf(`failure number ${i}`)));
    expect(ids.size).toBe(1_000);
  });
});
