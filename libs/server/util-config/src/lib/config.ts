import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const nonNegativeNumber = z.coerce
  .number({ message: 'must be a number' })
  .refine((n) => Number.isFinite(n) && n >= 0, 'must be a finite number ≥ 0');

/**
 * Every environment variable Courier reads, with its default. README's configuration table is
 * written from this schema; other tools depend on these names, so they never change.
 */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8008),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** A second listener serving only the tRPC gateway, so operators can keep it off the public port. */
  INTERNAL_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INTERNAL_HOST: z.string().min(1).default('127.0.0.1'),
  SERVER_NAME: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/, 'must be a Matrix server name (host[:port])')
    .default('localhost'),
  DATABASE_URL: z
    .string()
    .refine((u) => /^file:/.test(u) || /^postgres(ql)?:\/\//.test(u), 'must start with file: or postgresql://')
    .default('file:./data/courier.sqlite'),
  ENABLE_REGISTRATION: booleanFromEnv.default(false),
  REGISTRATION_SHARED_SECRET: z.string().min(1).optional(),
  RATE_LIMIT_PER_SECOND: nonNegativeNumber.default(0),
  RATE_LIMIT_BURST: nonNegativeNumber.default(0),
  RATE_LIMIT_EXEMPT_USERS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((u) => u.trim()).filter(Boolean)),
  /** Shared store for rate limits across instances; without it each instance limits alone. */
  REDIS_URL: z
    .string()
    .refine((u) => /^rediss?:\/\//.test(u), 'must start with redis:// or rediss://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** The largest media upload, in bytes (50 MiB); larger is 413 M_TOO_LARGE. */
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1).default(52_428_800),
  /** Where media bytes are stored; several instances must share this directory. */
  MEDIA_PATH: z.string().min(1).default('./data/media'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once. Empty strings count as unset, as shells often export them. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}
