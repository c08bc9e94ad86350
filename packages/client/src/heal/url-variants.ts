/** The (transport, URL) pairs servers commonly use instead of a failing one. Pure. */
import type { McpTransport } from '../config/mcp-server-config.js';

export interface Endpoint {
  transport: Exclude<McpTransport, 'stdio'>;
  url: string;
}

/**
 * In order of likelihood: the other transport at the same URL, then the usual paths (`/mcp` for
 * streamable HTTP, `/sse` for SSE) on the same origin, then 127.0.0.1 for `localhost` (an IPv6 `::1`
 * lookup misses a server bound to IPv4 only). The current endpoint is never among them.
 */
export function endpointVariants(current: Endpoint): Endpoint[] {
  let url: URL;
  try {
    url = new URL(current.url);
  } catch {
    return [];
  }
  const other: Endpoint['transport'] = current.transport === 'http' ? 'sse' : 'http';
  const origins = [url.origin];
  if (url.hostname === 'localhost') origins.push(url.origin.replace('//localhost', '//127.0.0.1'));
  const query = url.search;
  const candidates: Endpoint[] = [{ transport: other, url: current.url }];
  for (const origin of origins) {
    candidates.push({ transport: 'http', url: `${origin}/mcp${query}` }, { transport: 'sse', url: `${origin}/sse${query}` });
    if (origin !== url.origin) candidates.push({ transport: current.transport, url: current.url.replace(url.origin, origin) });
  }
  const seen = new Set([key(current)]);
  return candidates.filter((candidate) => !seen.has(key(candidate)) && seen.add(key(candidate)));
}

const key = (endpoint: Endpoint) => `${endpoint.transport} ${endpoint.url.replace(/\/+(?=\?|$)/, '')}`;
