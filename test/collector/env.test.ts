import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@tapheal/collector';

const DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  dataDir: './.data',
  logLevel: 'info',
  packTtlDays: 365,
  rateLimits: { addressPerMinute: 600, installPerMinute: 300, loginPerMinute: 10 },
  trustProxy: false,
  trainer: { minReports: 50, minClusterInstalls: 3, intervalMinutes: 60 },
  anonymiserThreads: 1,
};

describe('loadConfig', () => {
  it('gives the defaults of DESIGN.md when nothing is set (on 2 cores)', () => {
    expect(loadConfig({}, 2)).toEqual(DEFAULTS);
  });

  it('by default leaves the request thread a core and takes at most 4 anonymiser threads', () => {
    expect([1, 2, 3, 8, 64].map((cores) => loadConfig({}, cores).anonymiserThreads)).toEqual([0, 1, 2, 4, 4]);
    expect(loadConfig({ TAPHEAL_ANONYMISER_THREADS: '0' }, 8).anonymiserThreads).toBe(0);
    expect(() => loadConfig({ TAPHEAL_ANONYMISER_THREADS: '65' })).toThrow(/TAPHEAL_ANONYMISER_THREADS: /);
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      DATA_DIR: '/var/lib/tapheal',
      DATABASE_URL: 'postgres://u@db/x',
      LOG_LEVEL: 'debug',
      TAPHEAL_ADMIN_TOKEN: 'a-token-of-enough-length',
      TAPHEAL_SIGNING_KEY_FILE: '/run/secrets/key.pem',
      TAPHEAL_NEXT_SIGNING_KEY_FILE: '/run/secrets/next.pem',
      TAPHEAL_PACK_TTL_DAYS: '30',
      TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: '0',
      TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: '50',
      TAPHEAL_RATE_LIMIT_LOGIN_PER_MINUTE: '3',
      TAPHEAL_TRUST_PROXY: 'true',
      TAPHEAL_MIN_REPORTS: '500',
      TAPHEAL_MIN_CLUSTER_INSTALLS: '5',
      TAPHEAL_TRAINER_INTERVAL_MINUTES: '0',
      TAPHEAL_ANONYMISER_THREADS: '6',
    });
    expect(config).toEqual({
      host: '0.0.0.0',
      port: 9000,
      dataDir: '/var/lib/tapheal',
      databaseUrl: 'postgres://u@db/x',
      logLevel: 'debug',
      adminToken: 'a-token-of-enough-length',
      signingKeyFile: '/run/secrets/key.pem',
      nextSigningKeyFile: '/run/secrets/next.pem',
      packTtlDays: 30,
      rateLimits: { addressPerMinute: 0, installPerMinute: 50, loginPerMinute: 3 },
      trustProxy: true,
      trainer: { minReports: 500, minClusterInstalls: 5, intervalMinutes: 0 },
      anonymiserThreads: 6,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', TAPHEAL_ADMIN_TOKEN: '' })).toEqual(loadConfig({}));
  });

  it('lists every bad variable in one error', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TAPHEAL_ADMIN_TOKEN: 'short', TAPHEAL_TRUST_PROXY: 'yes', TAPHEAL_MIN_CLUSTER_INSTALLS: '0' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /PORT: .*; DATABASE_URL: must be a postgres:\/\/ .*; LOG_LEVEL: .*; TAPHEAL_ADMIN_TOKEN: must be at least 16 characters; TAPHEAL_TRUST_PROXY: .*; TAPHEAL_MIN_CLUSTER_INSTALLS: /,
    );
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.rateLimits)).toBe(true);
  });
});
