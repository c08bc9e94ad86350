/** The collector's configuration: every variable it reads, validated once, with the defaults of DESIGN.md. */
import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** The most anonymiser threads the default gives, however many cores there are. */
const MAX_DEFAULT_ANONYMISER_THREADS = 4;

/** One thread fewer than the cores (the request thread needs one), at most MAX_DEFAULT_ANONYMISER_THREADS. */
export const defaultAnonymiserThreads = (cores: number): number => Math.min(MAX_DEFAULT_ANONYMISER_THREADS, Math.max(0, cores - 1));

const positiveInt = z.coerce.number().int().min(0);
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TAPHEAL_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TAPHEAL_SIGNING_KEY_FILE: z.string().min(1).optional(),
  TAPHEAL_NEXT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  TAPHEAL_PACK_TTL_DAYS: positiveInt.min(1).max(3650).default(365),
  TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE: positiveInt.default(600),
  TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE: positiveInt.default(300),
  TAPHEAL_RATE_LIMIT_LOGIN_PER_MINUTE: positiveInt.default(10),
  TAPHEAL_TRUST_PROXY: flag.default(false),
  TAPHEAL_MIN_REPORTS: positiveInt.default(50),
  TAPHEAL_MIN_CLUSTER_INSTALLS: positiveInt.min(1).default(3),
  TAPHEAL_TRAINER_INTERVAL_MINUTES: positiveInt.default(60),
  TAPHEAL_ANONYMISER_THREADS: positiveInt.max(64).optional(),
});

export interface RateLimits {
  /** Requests per minute from one client address to the report route; 0 turns the limit off. */
  addressPerMinute: number;
  /** Reports per minute from one install id; 0 turns the limit off. */
  installPerMinute: number;
  /** Review UI sign-in attempts per minute from one client address; 0 turns the limit off. */
  loginPerMinute: number;
}

export interface TrainerSettings {
  minReports: number;
  minClusterInstalls: number;
  /** In embedded mode the collector runs the trainer this often; 0 runs it only on demand. */
  intervalMinutes: number;
}

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  adminToken?: string;
  signingKeyFile?: string;
  /** The key that will sign packs after a rotation: packs announce it to clients until then. */
  nextSigningKeyFile?: string;
  packTtlDays: number;
  rateLimits: RateLimits;
  trustProxy: boolean;
  trainer: TrainerSettings;
  /** Worker threads that re-anonymise stored messages; 0 does it on the request thread. */
  anonymiserThreads: number;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Reads the configuration; throws one ConfigError that lists every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cores = availableParallelism()): Readonly<Config> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const value = parsed.data;
  return Object.freeze({
    host: value.HOST,
    port: value.PORT,
    dataDir: value.DATA_DIR,
    logLevel: value.LOG_LEVEL,
    ...(value.DATABASE_URL ? { databaseUrl: value.DATABASE_URL } : {}),
    ...(value.TAPHEAL_ADMIN_TOKEN ? { adminToken: value.TAPHEAL_ADMIN_TOKEN } : {}),
    ...(value.TAPHEAL_SIGNING_KEY_FILE ? { signingKeyFile: value.TAPHEAL_SIGNING_KEY_FILE } : {}),
    ...(value.TAPHEAL_NEXT_SIGNING_KEY_FILE ? { nextSigningKeyFile: value.TAPHEAL_NEXT_SIGNING_KEY_FILE } : {}),
    packTtlDays: value.TAPHEAL_PACK_TTL_DAYS,
    rateLimits: Object.freeze({
      addressPerMinute: value.TAPHEAL_RATE_LIMIT_ADDRESS_PER_MINUTE,
      installPerMinute: value.TAPHEAL_RATE_LIMIT_INSTALL_PER_MINUTE,
      loginPerMinute: value.TAPHEAL_RATE_LIMIT_LOGIN_PER_MINUTE,
    }),
    trustProxy: value.TAPHEAL_TRUST_PROXY,
    trainer: Object.freeze({
      minReports: value.TAPHEAL_MIN_REPORTS,
      minClusterInstalls: value.TAPHEAL_MIN_CLUSTER_INSTALLS,
      intervalMinutes: value.TAPHEAL_TRAINER_INTERVAL_MINUTES,
    }),
    anonymiserThreads: value.TAPHEAL_ANONYMISER_THREADS ?? defaultAnonymiserThreads(cores),
  });
}
