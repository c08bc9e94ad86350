/** Which client a config file belongs to: by its name first, then by its shape. */
import type { ConfigFormat } from './mcp-server-config.js';

export interface DetectedFormat {
  format: ConfigFormat;
  detectedBy: 'name' | 'shape';
}

/**
 * Names: `claude_desktop_config.json` (Claude Desktop), `.mcp.json` and `.claude.json` (Claude Code),
 * `mcp.json` under `.cursor` (Cursor), `mcp.json` under `.vscode` or a VS Code `User` folder (VS Code).
 * Shapes: a `servers` object is VS Code's; `mcpServers` whose entries carry `type` is Claude Code's;
 * any other `mcpServers` is read as Claude Desktop's (Cursor's differs only in where it lives).
 */
export function detectConfigFormat(file: string, document: unknown): DetectedFormat | undefined {
  const byName = formatFromName(file);
  if (byName) return { format: byName, detectedBy: 'name' };
  if (!isRecord(document)) return undefined;
  if (isRecord(document.servers)) return { format: 'vscode', detectedBy: 'shape' };
  if (isRecord(document.mcpServers)) {
    const typed = Object.values(document.mcpServers).some((entry) => isRecord(entry) && typeof entry.type === 'string');
    return { format: typed ? 'claude-code' : 'claude-desktop', detectedBy: 'shape' };
  }
  return undefined;
}

function formatFromName(file: string): ConfigFormat | undefined {
  const parts = file.split(/[\\/]+/);
  const name = parts.at(-1)?.toLowerCase();
  const parent = parts.at(-2)?.toLowerCase();
  if (name === 'claude_desktop_config.json') return 'claude-desktop';
  if (name === '.mcp.json' || name === '.claude.json') return 'claude-code';
  if (name === 'mcp.json' && parent === '.cursor') return 'cursor';
  if (name === 'mcp.json' && (parent === '.vscode' || parent === 'user')) return 'vscode';
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
