/**
 * connection_refused and transport_mismatch over HTTP: switch between streamable HTTP and SSE, or move
 * to the path servers commonly use, choosing the variant that the probes (facts) saw answer as MCP.
 */
import { cannotFix, type FixContext, type FixProposal } from '../fix-proposal.js';
import type { EndpointProbe } from '../machine-facts.js';
import { endpointVariants, type Endpoint } from '../url-variants.js';

const probeOf = (probes: readonly EndpointProbe[], endpoint: Endpoint) =>
  probes.find((probe) => probe.transport === endpoint.transport && probe.url === endpoint.url);

export function switchEndpoint({ server, diagnosis, facts }: FixContext): FixProposal {
  if (server.transport === 'stdio' || !server.url) {
    return diagnosis.category === 'transport_mismatch'
      ? cannotFix('This stdio server does not speak MCP on stdout: check that its command and args start the MCP server itself (often an "mcp" or "--stdio" argument) and that it logs to stderr.')
      : cannotFix('This server is started by a command, so there is no URL to try: see the evidence line.');
  }
  const current: Endpoint = { transport: server.transport, url: server.url };
  // An endpoint that speaks MCP wins; one that asks for credentials is the right place too.
  const variants = endpointVariants(current);
  const variant =
    variants.find((endpoint) => probeOf(facts.endpoints, endpoint)?.answer === 'mcp') ??
    variants.find((endpoint) => probeOf(facts.endpoints, endpoint)?.answer === 'auth_required');
  if (variant) {
    const changes = [];
    if (variant.transport !== current.transport) changes.push({ field: 'transport', description: `use ${variant.transport === 'http' ? 'streamable HTTP' : 'SSE'}, which the server speaks` });
    if (variant.url !== current.url) changes.push({ field: 'url', description: `use ${variant.url}, where the server answers` });
    return { kind: 'apply', server: { ...server, transport: variant.transport, url: variant.url }, changes };
  }
  const where = describeOrigin(server.url);
  if (facts.portListening === false) {
    return cannotFix(`Nothing listens on ${where}: start the server (or check that it runs on this port), then run tapheal check again.`);
  }
  return cannotFix(`Something listens on ${where}, but no usual MCP endpoint answered (tried ${endpointVariants(current).map((endpoint) => endpoint.url).filter((url, index, all) => all.indexOf(url) === index).join(', ')}): check the server's documentation for its MCP URL.`);
}

function describeOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'https:' ? 443 : 80)}`;
  } catch {
    return url;
  }
}
