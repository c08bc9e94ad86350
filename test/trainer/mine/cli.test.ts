/** The real `tapheal-trainer` executable in a child process, as a user or a script runs it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesOf } from '@tapheal/trainer';
import { REPO_ROOT } from '../../helpers/shared-data.js';

const TRAINER_BIN = join(REPO_ROOT, 'apps', 'trainer', 'bin', 'tapheal-trainer.js');

function runTrainer(args: string[], input = '') {
  const result = spawnSync(process.execPath, [TRAINER_BIN, ...args], { input, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  const lines = () => result.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines };
}

function tempFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tapheal-trainer-')), 'input.log');
  writeFileSync(path, content);
  return path;
}

describe('tapheal-trainer templates', () => {
  const messages = [
    'connect ECONNREFUSED 127.0.0.1:8080',
    'session closed for user alice',
    'connect ECONNREFUSED 10.0.0.7:3000',
    'session closed for user bob',
    '',
    'session closed for user carol',
  ];

  it('writes one JSON line per input line with the final cluster of each', () => {
    const run = runTrainer(['templates', '--input', tempFile(messages.join('\r\n') + '\n')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.lines()).toEqual(templatesOf(messages).map((mined, i) => ({ line: i + 1, clusterId: mined.clusterId, template: mined.template })));
    expect(run.lines()[1]).toMatchObject({ template: 'session closed for user <*>' });
    expect(Object.keys(run.lines()[0] ?? {})).toEqual(['line', 'clusterId', 'template']);
  });

  it('reads stdin with --input -, and a last line without a line break', () => {
    const run = runTrainer(['templates', '--input', '-'], 'spawn npx ENOENT\nspawn uvx ENOENT');
    expect(run.status).toBe(0);
    expect(run.lines().map((line) => [line.line, line.template])).toEqual([
      [1, 'spawn npx ENOENT'],
      [2, 'spawn uvx ENOENT'],
    ]);
  });

  it('streams a large input through, every line in order', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => `request ${i} took ${i % 97} ms`);
    const run = runTrainer(['templates', '--input', tempFile(lines.join('\n'))]);
    expect(run.status).toBe(0);
    const out = run.lines();
    expect(out.map((line) => line.line)).toEqual(lines.map((_, i) => i + 1));
    expect(new Set(out.map((line) => line.template))).toEqual(new Set(['request <*> took <*>']));
  });

  it.each([
    ['a missing file', ['templates', '--input', '/nonexistent/input.log'], 1, /^tapheal-trainer: cannot read \/nonexistent\/input\.log: no such file\n$/],
    ['a directory', ['templates', '--input', tmpdir()], 1, /: it is a directory\n$/],
    ['no --input', ['templates'], 2, /^tapheal-trainer: templates needs --input FILE\n$/],
    ['an unknown option', ['templates', '--input', 'x', '--frob'], 2, /^tapheal-trainer: templates: Unknown option '--frob'/],
    ['an unknown command', ['frobnicate'], 2, /^tapheal-trainer: unknown command "frobnicate" \(try: tapheal-trainer --help\)\n$/],
    ['no command', [], 2, /^Usage: tapheal-trainer <command>/],
  ])('fails on %s with one line on stderr and exit %i', (_what, args, status, stderr) => {
    const run = runTrainer(args);
    expect(run.status).toBe(status);
    expect(run.stderr).toMatch(stderr);
    expect(run.stdout).toBe('');
  });

  it('prints its usage with --help and exits 0', () => {
    const run = runTrainer(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/templates --input FILE/);
    expect(run.stdout).toMatch(/Exit codes: 0 done, 1 failure .*, 2 usage error/);
    expect(runTrainer(['templates', '--help']).stdout).toMatch(/^Usage: tapheal-trainer templates --input FILE/);
  });
});
