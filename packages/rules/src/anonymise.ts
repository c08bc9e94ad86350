/**
 * anonymiseMessage: removes secrets and personal data from a failure message before it leaves the
 * machine, and keeps what diagnoses the failure (error codes, exit codes, HTTP statuses, package and
 * command names, variable names, the error text).
 *
 * Removed, in this order, each by one detector in `./anonymise/`:
 *   private keys, JWTs, provider tokens, auth-scheme credentials, URL passwords  → `<secret>`
 *   secret-named values (`token=`, `"apiKey":`, `X-Api-Key:`, `--password`)       → `<secret>`
 *   account names in env dumps and database errors (`USER=`, `for user "x"`)    → `<user>`
 *   the user name in home paths                                                  → `<user>`
 *   e-mail addresses                                                             → `<email>`
 *   IP addresses except loopback and unspecified                                 → `<ip>`
 *   private host names                                                           → `<host>`
 *   machine names                                                                → `<machine>`
 *   long high-entropy strings nobody named                                       → `<secret>`
 * The order matters: a URL's password goes before the e-mail detector could read `user:pw@host` as an
 * address, and e-mails go before hosts so that no half of an address survives.
 *
 * Pure and idempotent (placeholders are never matched again). Every pattern is linear on adversarial
 * input: tokens are matched from a run boundary only, and quantifiers are bounded where a match can fail.
 */
import { maskDatabaseUsers } from './anonymise/accounts.js';
import { maskHighEntropy } from './anonymise/entropy.js';
import { maskHomePaths } from './anonymise/home-paths.js';
import { maskHosts } from './anonymise/hosts.js';
import { maskKeyValues } from './anonymise/key-values.js';
import { maskMachines } from './anonymise/machines.js';
import { maskEmails, maskIpv4, maskIpv6 } from './anonymise/network.js';
import { maskAuthCredentials, maskJwts, maskPrivateKeys, maskProviderTokens, maskUrlCredentials } from './anonymise/secrets.js';

export { PLACEHOLDER } from './anonymise/placeholders.js';

/** Each detector in turn; written out rather than looped so that every call site stays monomorphic. */
export function anonymiseMessage(message: string): string {
  let text = maskPrivateKeys(message);
  text = maskJwts(text);
  text = maskProviderTokens(text);
  text = maskAuthCredentials(text);
  text = maskUrlCredentials(text);
  text = maskKeyValues(text);
  text = maskDatabaseUsers(text);
  text = maskHomePaths(text);
  text = maskEmails(text);
  text = maskIpv4(text);
  text = maskIpv6(text);
  text = maskHosts(text);
  text = maskMachines(text);
  return maskHighEntropy(text);
}
