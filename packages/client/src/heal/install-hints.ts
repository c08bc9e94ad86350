/** How to install the launchers MCP servers are usually started with, per operating system. */

interface InstallHint {
  what: string;
  darwin: string;
  linux: string;
  win32: string;
}

const NODE: InstallHint = {
  what: 'Node.js (it provides node, npm and npx)',
  darwin: 'brew install node, or the installer from https://nodejs.org',
  linux: "your distribution's nodejs package (Node.js 20 or newer), or nvm: https://github.com/nvm-sh/nvm",
  win32: 'winget install OpenJS.NodeJS.LTS, or the installer from https://nodejs.org',
};
const UV: InstallHint = {
  what: 'uv (it provides uv and uvx)',
  darwin: 'brew install uv, or: curl -LsSf https://astral.sh/uv/install.sh | sh',
  linux: 'curl -LsSf https://astral.sh/uv/install.sh | sh',
  win32: 'winget install astral-sh.uv, or: powershell -c "irm https://astral.sh/uv/install.ps1 | iex"',
};
const PYTHON: InstallHint = {
  what: 'Python 3',
  darwin: 'brew install python, or the installer from https://www.python.org',
  linux: "your distribution's python3 package",
  win32: 'winget install Python.Python.3.12, or the installer from https://www.python.org',
};
const DOCKER: InstallHint = {
  what: 'Docker',
  darwin: 'Docker Desktop from https://www.docker.com/products/docker-desktop, then start it once',
  linux: 'Docker Engine: https://docs.docker.com/engine/install/',
  win32: 'Docker Desktop from https://www.docker.com/products/docker-desktop, then start it once',
};
const BUN: InstallHint = {
  what: 'Bun',
  darwin: 'curl -fsSL https://bun.sh/install | bash',
  linux: 'curl -fsSL https://bun.sh/install | bash',
  win32: 'powershell -c "irm bun.sh/install.ps1 | iex"',
};
const DENO: InstallHint = {
  what: 'Deno',
  darwin: 'brew install deno',
  linux: 'curl -fsSL https://deno.land/install.sh | sh',
  win32: 'winget install DenoLand.Deno',
};

const HINTS: Readonly<Record<string, InstallHint>> = {
  node: NODE,
  npm: NODE,
  npx: NODE,
  uv: UV,
  uvx: UV,
  python: PYTHON,
  python3: PYTHON,
  pip: PYTHON,
  pipx: PYTHON,
  docker: DOCKER,
  bun: BUN,
  bunx: BUN,
  deno: DENO,
};

/** The commands whose Windows form is a `.cmd` script, which a client can only start through `cmd /c`. */
export const WINDOWS_CMD_SCRIPTS: ReadonlySet<string> = new Set(['npx', 'npm', 'pnpm', 'yarn', 'bunx', 'tsx', 'corepack']);

/** The sentence telling a person how to install `command`, or undefined for a command we do not know. */
export function installHint(command: string, platform: NodeJS.Platform): string | undefined {
  const hint = HINTS[command.toLowerCase().replace(/\.(?:exe|cmd|bat)$/, '')];
  if (!hint) return undefined;
  const how = platform === 'darwin' || platform === 'win32' ? hint[platform] : hint.linux;
  return `install ${hint.what}: ${how}`;
}
