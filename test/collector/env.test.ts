import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@tapheal/collector';

describe('loadConfig', () => {
  it('gives the defaults of DESIGN.md when nothing is set', () => {
    expect(loadConfig({})).toEqual({ host: '127.0.0.1', port: 8787, dataDir: './.data', logLevel: 'info' });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({ HOST: '0.0.0.0', PORT: '9000', DATA_DIR: '/var/lib/tapheal', DATABASE_URL: 'postgres://u@db/x', LOG_LEVEL: 'debug' });
    expect(config).toEqual({ host: '0.0.0.0', port: 9000, dataDir: '/var/lib/tapheal', databaseUrl: 'postgres://u@db/x', logLevel: 'debug' });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toEqual(loadConfig({}));
  });

  it('lists every bad variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: .*; DATABASE_URL: must be a postgres:\/\/ .*; LOG_LEVEL: /);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
