/** switch_transport and try_alternate_url: move to the endpoint variant the probes saw answer. */
import { describe, expect, it } from 'vitest';
import { FIXERS, type EndpointProbe, type McpServerConfig } from '@tapheal/client';
import { applied, fixContext, nextStepOf } from './fix-context.js';

const local: McpServerConfig = { name: 'local', transport: 'http', url: 'http://localhost:3000/mcp', headers: { 'X-Key': 'k' } };

const context = (server: McpServerConfig, endpoints: EndpointProbe[], portListening?: boolean, category = 'transport_mismatch') =>
  fixContext({
    server,
    category,
    fix: 'switch_transport',
    evidence: 'Error POSTing to endpoint (HTTP 404): Not Found',
    facts: { endpoints, ...(portListening === undefined ? {} : { portListening }) },
  });

describe.each(['switch_transport', 'try_alternate_url'] as const)('%s', (kind) => {
  const fix = FIXERS[kind];

  it('moves to the variant that answered as MCP: SSE on /sse', () => {
    const endpoints: EndpointProbe[] = [
      { transport: 'sse', url: 'http://localhost:3000/mcp', answer: 'not_found', status: 404 },
      { transport: 'sse', url: 'http://localhost:3000/sse', answer: 'mcp', status: 200 },
    ];

    const proposal = applied(fix(context(local, endpoints)));

    expect(proposal.server).toEqual({ ...local, transport: 'sse', url: 'http://localhost:3000/sse' });
    expect(proposal.changes.map((change) => change.field)).toEqual(['transport', 'url']);
    expect(proposal.changes[0]!.description).toContain('SSE');
    expect(proposal.changes[1]!.description).toContain('http://localhost:3000/sse');
  });

  it('changes only the transport when the same URL speaks the other one', () => {
    const endpoints: EndpointProbe[] = [{ transport: 'sse', url: 'http://localhost:3000/mcp', answer: 'mcp' }];

    const proposal = applied(fix(context(local, endpoints)));

    expect(proposal.server).toMatchObject({ transport: 'sse', url: 'http://localhost:3000/mcp' });
    expect(proposal.changes.map((change) => change.field)).toEqual(['transport']);
  });

  it('prefers an MCP answer over one asking for credentials, even when that comes first', () => {
    const endpoints: EndpointProbe[] = [
      { transport: 'sse', url: 'http://localhost:3000/mcp', answer: 'auth_required', status: 401 },
      { transport: 'http', url: 'http://127.0.0.1:3000/mcp', answer: 'mcp', status: 200 },
    ];

    const proposal = applied(fix(context(local, endpoints)));

    expect(proposal.server).toMatchObject({ transport: 'http', url: 'http://127.0.0.1:3000/mcp' });
    expect(proposal.changes.map((change) => change.field)).toEqual(['url']);
  });

  it('takes an endpoint asking for credentials when none answers as MCP', () => {
    const endpoints: EndpointProbe[] = [
      { transport: 'sse', url: 'http://localhost:3000/mcp', answer: 'other', status: 500 },
      { transport: 'sse', url: 'http://localhost:3000/sse', answer: 'auth_required', status: 401 },
    ];

    const proposal = applied(fix(context(local, endpoints)));

    expect(proposal.server).toMatchObject({ transport: 'sse', url: 'http://localhost:3000/sse' });
  });

  it('ignores a probe of the current endpoint', () => {
    const endpoints: EndpointProbe[] = [{ transport: 'http', url: 'http://localhost:3000/mcp', answer: 'mcp' }];

    expect(fix(context(local, endpoints, true)).kind).toBe('cannot_fix');
  });

  it('says nothing listens on host:port when no variant answers and the port is closed', () => {
    const endpoints: EndpointProbe[] = [{ transport: 'sse', url: 'http://localhost:3000/sse', answer: 'unreachable' }];

    const nextStep = nextStepOf(fix(context(local, endpoints, false, 'connection_refused')));

    expect(nextStep).toMatch(/^Nothing listens on localhost:3000: start the server/);
  });

  it('names the default port of an https URL', () => {
    const server: McpServerConfig = { name: 'remote', transport: 'http', url: 'https://mcp.example.com/mcp' };

    expect(nextStepOf(fix(context(server, [], false)))).toMatch(/^Nothing listens on mcp\.example\.com:443:/);
  });

  it('lists the URLs it tried when something listens but no MCP endpoint answers', () => {
    const nextStep = nextStepOf(fix(context(local, [], true)));

    expect(nextStep).toMatch(/^Something listens on localhost:3000, but no usual MCP endpoint answered/);
    expect(nextStep).toContain('http://localhost:3000/sse');
    expect(nextStep).toContain('http://127.0.0.1:3000/mcp');
  });

  it('cannot fix a stdio server', () => {
    const server: McpServerConfig = { name: 'py', transport: 'stdio', command: 'uvx', args: ['mcp-server-time'] };

    expect(nextStepOf(fix(context(server, [])))).toMatch(/stdio server does not speak MCP on stdout/);
    expect(nextStepOf(fix(context(server, [], undefined, 'connection_refused')))).toMatch(/no URL to try/);
  });
});
