/**
 * Which environment variables a failing server wants, read from the evidence and from the config. Pure.
 * The names come first from the evidence (`Missing FOO_API_KEY`), then from the config: `${...}`
 * references, and env entries left empty or holding a placeholder.
 */
import type { ConfigFormat, McpServerConfig } from '../config/mcp-server-config.js';
import { findVariableReferences } from '../config/find-variable-references.js';

const NAME_IN_TEXT = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
/** Upper-case words with underscores that are error codes (`EAI_AGAIN`, Windows' `ERROR_ACCESS_DENIED`), not variables. */
const NOT_A_VARIABLE = /^(?:ERR_|EAI_|ERROR_|MCP_ERROR|HTTP_|SSL_|TLS_|UV_)|^[A-Z]+_(?:ERROR|FAILED|NOT_FOUND)$/;
const SECRET_NAME = /(?:TOKEN|KEY|SECRET|PASSWORD|PASS|PAT|CREDENTIALS?|AUTH)$/;
const PLACEHOLDER = /^(?:|<[^>]*>|\.\.\.|x{3,}|your[-_ ].*|.*[-_ ]here|changeme|todo|replace[-_ ]?me|\$\{[^}]*\})$/i;

export function wantedVariables(server: McpServerConfig, evidence: string, category: string, format?: ConfigFormat): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (!names.includes(name)) names.push(name);
  };
  for (const match of evidence.matchAll(NAME_IN_TEXT)) if (!NOT_A_VARIABLE.test(match[0])) add(match[0]);
  if (format) for (const reference of findVariableReferences(server, format)) if (reference.kind === 'env') add(reference.name);
  for (const [name, value] of Object.entries(server.env ?? {})) {
    // A VS Code input is filled in by VS Code from its secure storage: never overwrite it with plain text.
    if (PLACEHOLDER.test(value.trim()) && !value.includes('${input:')) add(name);
  }
  // A rejected credential: the server's secret-looking variables are the suspects.
  if (category === 'auth_failed') {
    for (const [name, value] of Object.entries(server.env ?? {})) if (SECRET_NAME.test(name) && !value.includes('${input:')) add(name);
  }
  return names;
}

/** True when a value is a placeholder a person was meant to replace, or empty. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}
