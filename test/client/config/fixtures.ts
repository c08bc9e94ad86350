/** The realistic client configs in test/fixtures/configs, and the names each client gives them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../helpers/shared-data.js';

export const CONFIG_FIXTURES = {
  claudeDesktop: { fixture: 'claude_desktop_config.json', file: '/Users/ana/Library/Application Support/Claude/claude_desktop_config.json' },
  cursor: { fixture: 'cursor-mcp.json', file: '/home/ana/.cursor/mcp.json' },
  claudeCodeProject: { fixture: 'dot-mcp.json', file: '/home/ana/src/app/.mcp.json' },
  claudeCodeUser: { fixture: 'claude.json', file: '/home/ana/.claude.json' },
  vscode: { fixture: 'vscode-mcp.json', file: '/home/ana/src/app/.vscode/mcp.json' },
} as const;

export type FixtureName = keyof typeof CONFIG_FIXTURES;

export const readFixture = (name: FixtureName): string =>
  readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'configs', CONFIG_FIXTURES[name].fixture), 'utf8');
