/**
 * All outside configuration, parsed once from the environment by zod and passed in from there.
 * Nothing below `cli/` and `app/` reads `process.env`.
 */
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time as HH:MM, e.g. 09:00');

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z.string().refine(isValidTimeZone, 'an IANA time zone, e.g. Asia/Shanghai or America/New_York');
const optionalSecret = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url('an http(s) URL, e.g. http://127.0.0.1:3210/api').optional())
  .optional();

export const envSchema = z.object({
  TUTOR_DB: z.string().min(1).default('./data/tutor.db'),
  TUTOR_KNOWLEDGE: z.string().min(1).default('./knowledge'),
  TUTOR_DEFAULT_TIME: hhmm.default('09:00'),
  TUTOR_DEFAULT_TZ: timeZone.default('UTC'),
  TUTOR_PASS_MARK: z.coerce.number().int().min(1).max(100).default(60),
  TUTOR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  TUTOR_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  TUTOR_ADMINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  DISCORD_TOKEN: optionalSecret,
  DISCORD_APP_ID: optionalSecret,
  DISCORD_API_BASE: optionalUrl,
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  SLACK_API_URL: optionalUrl,
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface TutorConfig {
  readonly dbPath: string;
  readonly knowledgeDir: string;
  readonly defaults: { readonly scheduleTime: string; readonly timeZone: string };
  readonly passMark: number;
  readonly maxAttempts: number;
  readonly rotationDays: number;
  /** Platform user ids (or names) that may run admin commands anywhere. */
  readonly admins: readonly string[];
  readonly discord?: { readonly token: string; readonly appId?: string; readonly apiBase?: string };
  readonly slack?: {
    readonly botToken: string;
    readonly signingSecret?: string;
    readonly appToken?: string;
    readonly apiUrl?: string;
  };
  readonly port?: number;
  readonly logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once. Throws `ConfigError` listing every problem: which variable, what is wrong. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): TutorConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN unless SLACK_APP_TOKEN selects Socket Mode');
  }
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set (xoxb-…)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    dbPath: e.TUTOR_DB,
    knowledgeDir: e.TUTOR_KNOWLEDGE,
    defaults: { scheduleTime: e.TUTOR_DEFAULT_TIME, timeZone: e.TUTOR_DEFAULT_TZ },
    passMark: e.TUTOR_PASS_MARK,
    maxAttempts: e.TUTOR_MAX_ATTEMPTS,
    rotationDays: e.TUTOR_ROTATION_DAYS,
    admins: e.TUTOR_ADMINS,
    discord: e.DISCORD_TOKEN
      ? { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, apiBase: e.DISCORD_API_BASE }
      : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : undefined,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
  };
}
