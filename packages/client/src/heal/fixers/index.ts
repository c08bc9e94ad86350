/** The fixer for each fix kind of the closed set. A pack names the kind; the client holds the code. */
import type { FixKind } from '@tapheal/rules';
import type { Fixer } from '../fix-proposal.js';
import { increaseTimeout } from './increase-timeout.js';
import { reportOnly } from './report-only.js';
import { resolveCommandPath } from './resolve-command-path.js';
import { retryAsIs } from './retry.js';
import { setEnvFromUser } from './set-env-from-user.js';
import { setWorkingDirectory } from './set-working-directory.js';
import { switchEndpoint } from './switch-endpoint.js';
import { useCompatibleRuntime } from './use-compatible-runtime.js';
import { useSystemCertificates } from './use-system-certificates.js';

export const FIXERS: Readonly<Record<FixKind, Fixer>> = {
  resolve_command_path: resolveCommandPath,
  set_env_from_user: setEnvFromUser,
  increase_timeout: increaseTimeout,
  switch_transport: switchEndpoint,
  try_alternate_url: switchEndpoint,
  free_port: reportOnly,
  clear_package_cache: reportOnly,
  use_compatible_runtime: useCompatibleRuntime,
  set_working_directory: setWorkingDirectory,
  use_system_certificates: useSystemCertificates,
  retry: retryAsIs,
  report_only: reportOnly,
};

export { increaseTimeout, reportOnly, resolveCommandPath, retryAsIs, setEnvFromUser, setWorkingDirectory, switchEndpoint, useCompatibleRuntime, useSystemCertificates };
