/** Reads and parses one client config file. Never throws: every failure is a reason. */
import { fail, ok, type Result } from '@tapheal/rules';
import { nodeConfigFs, type ConfigFs } from './config-fs.js';
import type { ConfigFile } from './mcp-server-config.js';
import { parseConfig, type ConfigParseFailure, type ParseConfigOptions } from './parse-config.js';

export type ConfigReadFailure = ConfigParseFailure | 'not_found' | 'unreadable';

export interface ReadConfigOptions extends Omit<ParseConfigOptions, 'file'> {
  fs?: ConfigFs;
}

export async function readConfigFile(file: string, options: ReadConfigOptions = {}): Promise<Result<ConfigFile, ConfigReadFailure>> {
  const { fs = nodeConfigFs, ...parseOptions } = options;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('not_found', `${file}: no such file`);
    return fail('unreadable', `${file}: ${code ?? (error as Error).message}`);
  }
  const parsed = parseConfig(bytes.toString('utf8'), { ...parseOptions, file });
  return parsed.ok ? ok(parsed.value) : parsed;
}
