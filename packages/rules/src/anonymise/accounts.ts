/**
 * Account names. System and service accounts (`root`, `postgres`, `x-access-token`) name a role, not a
 * person, and diagnose (the wrong database role, a git credential helper), so they stay; any other account
 * name in a URL, an env dump or a database error becomes `<user>`.
 */
import { PLACEHOLDER } from './placeholders.js';

export const SERVICE_ACCOUNTS: ReadonlySet<string> = new Set([
  'git', 'x-access-token', 'oauth2', 'oauth', 'x-oauth-basic', 'token', '__token__', 'postgres', 'root', 'default', 'admin',
  'administrator', 'user', 'username', 'ubuntu', 'ec2-user', 'anonymous', 'guest', 'sa', 'mysql', 'redis', 'neo4j', 'elastic',
  'api', 'apikey', 'nobody', 'daemon', 'www-data', 'ftp', 'sshd', 'uucp', 'node', 'runner', 'vscode', 'codespace', 'system',
]);

export const isServiceAccount = (name: string): boolean => SERVICE_ACCOUNTS.has(name.toLowerCase()) || /^\d+$/.test(name);

/** `password authentication failed for user "jdoe"` (Postgres), `Access denied for user 'alice'@'host'` (MySQL). */
const DATABASE_USER = /(\b(?:for|FOR) (?:user|role|USER|ROLE) )(["'])([^"'\s<>]{1,64})\2/g;

export function maskDatabaseUsers(text: string): string {
  if (!/for (?:user|role) /i.test(text)) return text;
  return text.replace(DATABASE_USER, (all, lead: string, quote: string, name: string) =>
    isServiceAccount(name) ? all : `${lead}${quote}${PLACEHOLDER.user}${quote}`,
  );
}
