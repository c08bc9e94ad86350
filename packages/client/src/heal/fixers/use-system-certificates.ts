/**
 * network_error with a certificate: behind a corporate proxy or a private CA, make the launcher trust
 * the system's certificate store. Only uv has a setting that is safe to add as it is (UV_NATIVE_TLS).
 */
import { launcherName } from '../launcher-name.js';
import { cannotFix, type FixContext, type FixProposal } from '../fix-proposal.js';

export function useSystemCertificates({ server }: FixContext): FixProposal {
  const launcher = server.command ? launcherName(server.command) : undefined;
  if (server.transport === 'stdio' && (launcher === 'uv' || launcher === 'uvx') && server.env?.UV_NATIVE_TLS === undefined) {
    return {
      kind: 'apply',
      server: { ...server, env: { ...server.env, UV_NATIVE_TLS: 'true' } },
      changes: [{ field: 'env.UV_NATIVE_TLS', description: "make uv trust the system's certificate store" }],
    };
  }
  return cannotFix(
    'A TLS certificate was not trusted, usually a corporate proxy or a private CA: for a Node.js server set NODE_EXTRA_CA_CERTS to your CA file in its env (or NODE_OPTIONS=--use-system-ca on Node.js 22.15 or newer); ask your IT team for the CA file.',
  );
}
