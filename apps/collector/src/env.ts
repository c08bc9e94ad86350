/** The collector's configuration: every variable it reads, validated once, with the defaults of DESIGN.md. */
import { z } from 'zod';

const ConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Reads the configuration; throws one ConfigError that lists every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const { HOST, PORT, DATA_DIR, DATABASE_URL, LOG_LEVEL } = parsed.data;
  return Object.freeze({ host: HOST, port: PORT, dataDir: DATA_DIR, logLevel: LOG_LEVEL, ...(DATABASE_URL ? { databaseUrl: DATABASE_URL } : {}) });
}
