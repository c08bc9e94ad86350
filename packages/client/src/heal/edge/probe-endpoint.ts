/**
 * Asks one endpoint, without the MCP client, whether it speaks a transport: a POST of initialize for
 * streamable HTTP, a GET of an event stream for SSE. Bodies are not read; every request is bounded.
 */
import { connect } from 'node:net';
import type { EndpointProbe } from '../machine-facts.js';
import type { Endpoint } from '../url-variants.js';

export const PROBE_TIMEOUT_MS = 2_000;

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'tapheal-probe', version: '0' } },
});

export async function probeEndpoint(endpoint: Endpoint, headers: Record<string, string> = {}, timeoutMs = PROBE_TIMEOUT_MS): Promise<EndpointProbe> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(endpoint.url, endpoint.transport === 'http'
      ? { method: 'POST', headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: INITIALIZE, signal: controller.signal }
      : { method: 'GET', headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
    const type = response.headers.get('content-type') ?? '';
    await response.body?.cancel().catch(() => undefined);
    const speaks = endpoint.transport === 'http' ? /application\/json|text\/event-stream/.test(type) : type.includes('text/event-stream');
    const answer = response.ok && speaks ? 'mcp' : response.status === 401 || response.status === 403 ? 'auth_required' : response.status === 404 || response.status === 405 ? 'not_found' : 'other';
    return { ...endpoint, answer, status: response.status };
  } catch {
    return { ...endpoint, answer: 'unreachable' };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/** Whether anything accepts a TCP connection at the URL's host and port. */
export function isPortListening(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.resolve(undefined);
  }
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const finish = (listening: boolean | undefined) => {
      socket.destroy();
      resolve(listening);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNREFUSED' ? false : undefined));
  });
}
