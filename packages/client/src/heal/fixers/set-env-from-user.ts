/**
 * missing_env_var and auth_failed: put the variable the server wants into its config, from the
 * person's environment, a .env file they pointed to, or what they typed at the prompt (facts). A stdio
 * server gets it in `env`; for an HTTP server, the `${...}` reference in a header or the URL is
 * replaced. No value ever appears in a change's description.
 */
import type { McpServerConfig } from '../../config/mcp-server-config.js';
import { cannotFix, type ConfigChange, type FixContext, type FixProposal } from '../fix-proposal.js';
import { describeVariable } from '../known-variables.js';
import { wantedVariables } from '../wanted-variables.js';

export function setEnvFromUser({ server, diagnosis, facts, format }: FixContext): FixProposal {
  const wanted = wantedVariables(server, diagnosis.evidence, diagnosis.category, format);
  let next: McpServerConfig = server;
  const changes: ConfigChange[] = [];
  for (const name of wanted) {
    const found = facts.variables[name];
    if (!found) continue;
    const updated = server.transport === 'stdio' ? setEnv(next, name, found.value) : replaceReferences(next, name, found.value);
    if (!updated) continue;
    next = updated.server;
    changes.push({ field: updated.field, description: `set ${name} from ${found.source} (value not shown)` });
  }
  if (changes.length > 0) return { kind: 'apply', server: next, changes };

  if (wanted.length === 0) {
    return cannotFix(
      diagnosis.category === 'auth_failed'
        ? 'The server rejected the credentials and tapheal cannot tell which ones: check the token or key in this server\'s env or headers, and that it has not expired.'
        : 'The server wants a setting tapheal cannot name: read the evidence line, then add the variable to this server\'s "env".',
    );
  }
  const described = wanted.map((name) => describeVariable(name) ?? name);
  return cannotFix(
    `Set ${wanted.join(' or ')} and run tapheal check again: export it in your shell, add it to a .env file and pass --env-file FILE, or run tapheal check --heal in a terminal to be asked for it. ${described.filter((text, index) => text !== wanted[index]).join('. ')}`.trim(),
  );
}

function setEnv(server: McpServerConfig, name: string, value: string): { server: McpServerConfig; field: string } | undefined {
  if (server.env?.[name] === value) return undefined;
  return { server: { ...server, env: { ...server.env, [name]: value } }, field: `env.${name}` };
}

/** Replaces `${NAME}`, `${env:NAME}` and `${NAME:-default}` in the headers and URL of an HTTP server. */
function replaceReferences(server: McpServerConfig, name: string, value: string): { server: McpServerConfig; field: string } | undefined {
  const reference = new RegExp(String.raw`\$\{(?:env:)?${name}(?::-[^}]*)?\}`, 'g');
  const fields: string[] = [];
  const headers: Record<string, string> = {};
  for (const [key, current] of Object.entries(server.headers ?? {})) {
    const replaced = current.replace(reference, () => value);
    if (replaced !== current) fields.push(`headers.${key}`);
    headers[key] = replaced;
  }
  const url = server.url?.replace(reference, () => value);
  if (url !== server.url) fields.push('url');
  if (fields.length === 0) return undefined;
  return { server: { ...server, ...(server.headers ? { headers } : {}), ...(url === undefined ? {} : { url }) }, field: fields.join(', ') };
}
