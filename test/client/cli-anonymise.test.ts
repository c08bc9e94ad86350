import { describe, expect, it } from 'vitest';
import { jsonLines, runTapheal } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/packs.js';

describe('tapheal anonymise', () => {
  it('writes the same lines with only the message anonymised, every other field kept in order', () => {
    const input = jsonLines([
      { id: 'r1', message: 'spawn npx ENOENT cwd: /Users/alice/Library/Application Support/Claude', phase: 'connect', n: 3 },
      { message: 'Error: connect to admin@corp.example.com failed', extra: { nested: true } },
    ]);
    const run = runTapheal(['anonymise'], { input, home: makeTempDir() });
    expect(run.status).toBe(0);
    expect(run.lines).toHaveLength(2);
    expect(Object.keys(run.lines[0]!)).toEqual(['id', 'message', 'phase', 'n']);
    expect(run.lines[0]).toMatchObject({ id: 'r1', phase: 'connect', n: 3 });
    expect(run.lines[0]!.message).toMatch(/spawn npx ENOENT/);
    expect(run.lines[0]!.message).not.toMatch(/alice/);
    expect(run.lines[1]).toMatchObject({ extra: { nested: true } });
    expect(run.lines[1]!.message).not.toMatch(/admin@corp\.example\.com/);
  });

  it('gives a bad line an error object and keeps going', () => {
    const run = runTapheal(['anonymise'], { input: '{"id":1}\n{"id":2,"message":"ok"}\n', home: makeTempDir() });
    expect(run.lines).toEqual([
      { id: 1, error: { code: 'INVALID_LINE', message: '"message" is missing', line: 1 } },
      { id: 2, message: 'ok' },
    ]);
  });

  it('handles many lines through a pipe without losing or reordering any', () => {
    const records = Array.from({ length: 5000 }, (_, i) => ({ id: i, message: `Error ${i}: spawn npx ENOENT` }));
    const run = runTapheal(['anonymise'], { input: jsonLines(records), home: makeTempDir() });
    expect(run.lines.map((l) => l.id)).toEqual(records.map((r) => r.id));
  });
});
