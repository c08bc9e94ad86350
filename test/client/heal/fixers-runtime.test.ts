/** use_compatible_runtime: read the Node.js version a server asks for, and point it at an installed one. */
import { describe, expect, it } from 'vitest';
import { FIXERS, requiredNodeMajor, type McpServerConfig, type NodeRuntime } from '@tapheal/client';
import { applied, fixContext, nextStepOf } from './fix-context.js';

describe('requiredNodeMajor', () => {
  it.each([
    [`npm WARN EBADENGINE Unsupported engine { package: '@modelcontextprotocol/server-x@1.0.0', required: { node: '>=20' }, current: { node: 'v18.19.0', npm: '10.2.3' } }`, 20],
    [`npm WARN EBADENGINE   required: { node: '>=20' },`, 20],
    [`npm ERR! notsup Unsupported engine for x@1.0.0: wanted: {"node":">=20"} (current: {"node":"18.19.0","npm":"10.2.3"})`, 20],
    [`npm ERR! notsup Required: {"node":">=20.0.0"}`, 20],
    [`error x@1.0.0: The engine "node" is incompatible with this module. Expected version ">=18". Got "16.20.0"`, 18],
    ['This server requires Node.js 18 or higher', 18],
    ['Error: requires Node.js >= 20', 20],
    ['Node.js v18.0.0 or higher is required', 18],
    ['Node.js 20+ is required', 20],
    ['This package requires Node.js 20', 20],
    ['requires at least Node.js 22', 22],
    ['requires Node.js version 20 or later', 20],
    ['error: Node.js version 20 or newer is required, you are running v16.20.2', 20],
    ['You are running Node.js v16.20.2. This package requires Node.js >= 18.', 18],
    ['Unsupported Node.js version v16.20.2: requires >=18.0.0', 18],
  ])('reads the required major from %s', (evidence, major) => {
    expect(requiredNodeMajor(evidence)).toBe(major);
  });

  it.each([
    'Node.js v20.11.0',
    'npm ERR! engine Not compatible with your version of node/npm: x@1.0.0',
    "Error: Cannot find module 'node:process'",
    'ReferenceError: fetch is not defined',
  ])('finds no requirement in %s', (evidence) => {
    expect(requiredNodeMajor(evidence)).toBeUndefined();
  });
});

const RUNTIMES: NodeRuntime[] = [
  { version: '22.11.0', binDir: '/home/ana/.nvm/versions/node/v22.11.0/bin' },
  { version: '20.18.0', binDir: '/home/ana/.nvm/versions/node/v20.18.0/bin' },
  { version: '18.20.4', binDir: '/home/ana/.nvm/versions/node/v18.20.4/bin' },
];
const server: McpServerConfig = { name: 'fs', transport: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] };
const engine = `npm WARN EBADENGINE Unsupported engine { package: 'x@1.0.0', required: { node: '>=20' }, current: { node: 'v18.19.0', npm: '10.2.3' } }`;

const context = (evidence: string, extra: { server?: McpServerConfig; runtimes?: NodeRuntime[]; platform?: NodeJS.Platform; stderr?: string } = {}) =>
  fixContext({
    server: extra.server ?? server,
    category: 'runtime_version',
    fix: 'use_compatible_runtime',
    evidence,
    facts: { nodeRuntimes: extra.runtimes ?? RUNTIMES, platform: extra.platform ?? 'linux' },
    ...(extra.stderr === undefined ? {} : { failure: { stderr: extra.stderr } }),
  });

describe('use_compatible_runtime', () => {
  const fix = FIXERS.use_compatible_runtime;

  it('points npx at the newest installed Node.js that satisfies the requirement, first on PATH', () => {
    const proposal = applied(fix(context(engine)));

    expect(proposal.server.command).toBe('/home/ana/.nvm/versions/node/v22.11.0/bin/npx');
    expect(proposal.server.args).toEqual(server.args);
    expect(proposal.server.env).toEqual({ PATH: '/home/ana/.nvm/versions/node/v22.11.0/bin:/usr/local/bin:/usr/bin:/bin' });
    expect(proposal.changes.map((change) => change.field)).toEqual(['command', 'env.PATH']);
    expect(proposal.changes[0]!.description).toContain('22.11.0');
  });

  it('skips installed versions older than the requirement', () => {
    const proposal = applied(fix(context('Node.js 20+ is required', { runtimes: [RUNTIMES[2]!, { version: '20.0.0', binDir: '/opt/node20/bin' }] })));

    expect(proposal.server.command).toBe('/opt/node20/bin/npx');
  });

  it('keeps the PATH the server sets, after the new bin dir', () => {
    const proposal = applied(fix(context(engine, { server: { ...server, env: { PATH: '/custom/bin', DEBUG: '1' } } })));

    expect(proposal.server.env).toEqual({ PATH: '/home/ana/.nvm/versions/node/v22.11.0/bin:/custom/bin', DEBUG: '1' });
  });

  it('reads the requirement from stderr when the evidence is only part of npm\'s multi-line warning', () => {
    const stderr = [
      'npm WARN EBADENGINE Unsupported engine {',
      "npm WARN EBADENGINE   package: 'x@1.0.0',",
      "npm WARN EBADENGINE   required: { node: '>=21' },",
      "npm WARN EBADENGINE   current: { node: 'v18.19.0', npm: '10.2.3' }",
      'npm WARN EBADENGINE }',
    ].join('\n');

    const proposal = applied(fix(context('npm WARN EBADENGINE }', { stderr })));

    expect(proposal.server.command).toBe('/home/ana/.nvm/versions/node/v22.11.0/bin/npx');
  });

  it('on Windows, uses npx.cmd from the runtime and a ; separated PATH', () => {
    const runtimes = [{ version: '22.11.0', binDir: 'C:\\nvm\\v22.11.0' }];

    const proposal = applied(fix(context(engine, { runtimes, platform: 'win32' })));

    expect(proposal.server.command).toBe('C:\\nvm\\v22.11.0\\npx.cmd');
    expect(proposal.server.env!.PATH).toBe('C:\\nvm\\v22.11.0;C:\\Windows\\system32');
  });

  it('says which version to install when none installed is new enough', () => {
    const nextStep = nextStepOf(fix(context('requires Node.js >= 24')));

    expect(nextStep).toContain('Node.js 24 or newer');
    expect(nextStep).toContain('nvm install 24');
  });

  it('does not guess a runtime when the evidence names no version', () => {
    const nextStep = nextStepOf(fix(context('ReferenceError: fetch is not defined')));

    expect(nextStep).toMatch(/needs another Node\.js version/);
  });

  it('cannot fix a server that is not started by a Node.js launcher', () => {
    const proposal = fix(context(engine, { server: { name: 'py', transport: 'stdio', command: 'uvx', args: ['x'] } }));

    expect(nextStepOf(proposal)).toMatch(/different runtime/);
  });
});
