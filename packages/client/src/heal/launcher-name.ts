/**
 * The program a server's command runs, whatever the platform wrote: `npx` for `npx`, `/usr/bin/npx`,
 * `C:\Program Files\nodejs\npx.cmd` or `uvx.exe`. Pure.
 */
import { posix } from 'node:path';

export function launcherName(command: string): string {
  return posix.basename(command.replaceAll('\\', '/')).replace(/\.(?:exe|cmd|bat)$/i, '');
}
