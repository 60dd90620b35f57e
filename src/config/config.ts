/**
 * All outside configuration, parsed once from the environment by zod and passed in from there.
 * Nothing below `cli/` and `app/` reads `process.env`.
 *
 * Every variable has an entry in `ENV_VARS` (what it expects and an example) so an operator who gets it wrong
 * reads which variable, what is wrong with it, and a line they could paste instead.
 */
import { z } from 'zod';
import { DEFAULT_RETENTION } from '../domain/review.js';
import { isTimeOfDay, isTimeZone } from '../domain/time-of-day.js';

export interface EnvVarDoc {
  /** What a valid value looks like, phrased to follow "must be". */
  readonly expects: string;
  readonly example: string;
  /** Never echoed back in an error message. */
  readonly secret?: boolean;
}

export const ENV_VARS = {
  TUTOR_DB: { expects: 'a path to the SQLite file (created if missing)', example: '/data/tutor.db' },
  TUTOR_KNOWLEDGE: { expects: 'a path to the folder of note files', example: './knowledge' },
  TUTOR_DEFAULT_TIME: { expects: 'a 24-hour time as HH:MM', example: '09:00' },
  TUTOR_DEFAULT_TZ: { expects: 'an IANA time zone', example: 'Asia/Shanghai' },
  TUTOR_PASS_MARK: { expects: 'a whole number from 1 to 100', example: '60' },
  TUTOR_MAX_ATTEMPTS: { expects: 'a whole number from 1 to 20', example: '3' },
  TUTOR_ROTATION_DAYS: { expects: 'a whole number of days from 1 to 365', example: '30' },
  TUTOR_RETENTION: {
    expects: 'a decimal from 0.70 to 0.99: the share of reviews FSRS aims to find remembered',
    example: '0.9',
  },
  TUTOR_ADMINS: { expects: 'a comma-separated list of platform user ids or names', example: 'U012ABCDEF,ada' },
  DISCORD_TOKEN: { expects: 'the Discord bot token', example: '<bot token from the Developer Portal>', secret: true },
  DISCORD_APP_ID: { expects: 'the Discord application id', example: '123456789012345678' },
  DISCORD_API_BASE: { expects: 'an http(s) URL', example: 'http://127.0.0.1:3210/api' },
  DISCORD_TEAM_ROLES: {
    expects: 'a comma-separated list of Discord role names that count as teams, each optionally as role=team',
    example: 'Backend Guild=backend,frontend',
  },
  SLACK_BOT_TOKEN: { expects: 'a Slack bot token starting with xoxb-', example: 'xoxb-…', secret: true },
  SLACK_SIGNING_SECRET: { expects: 'the Slack signing secret', example: '<signing secret>', secret: true },
  SLACK_APP_TOKEN: { expects: 'a Slack app-level token starting with xapp-', example: 'xapp-…', secret: true },
  SLACK_API_URL: { expects: 'an http(s) URL ending in /api/', example: 'http://127.0.0.1:3220/api/' },
  PORT: { expects: 'a TCP port number from 0 to 65535', example: '3000' },
  LOG_LEVEL: { expects: 'one of trace, debug, info, warn, error, fatal, silent', example: 'info' },
  TUTOR_DATABASE_URL: {
    expects: 'a postgres:// (or postgresql://) URL; without it the tutor uses the SQLite file TUTOR_DB',
    example: 'postgres://tutor:<password>@db:5432/tutor',
    secret: true,
  },
  TUTOR_PG_POOL_SIZE: { expects: 'a whole number of connections from 1 to 1000', example: '10' },
  TUTOR_PG_STATEMENT_TIMEOUT_MS: {
    expects: 'a whole number of milliseconds from 0 (no limit) to 3600000',
    example: '30000',
  },
  DISCORD_SHARDS: {
    expects: 'auto (Discord recommends the count) or a whole number of shards from 1 to 64',
    example: 'auto',
  },
  TUTOR_PROCESSES: { expects: 'a whole number of tutor processes from 1 to 64 (Slack HTTP shares PORT)', example: '3' },
} as const satisfies Record<string, EnvVarDoc>;

export type EnvVarName = keyof typeof ENV_VARS;

const optionalText = z.string().trim().optional();
const optionalUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/ }))
  .optional();
const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const wholeNumber = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

export const envSchema = z.object({
  TUTOR_DB: z.string().trim().min(1).default('./data/tutor.db'),
  TUTOR_KNOWLEDGE: z.string().trim().min(1).default('./knowledge'),
  TUTOR_DEFAULT_TIME: z.string().trim().refine(isTimeOfDay).default('09:00'),
  TUTOR_DEFAULT_TZ: z.string().trim().refine(isTimeZone).default('UTC'),
  TUTOR_PASS_MARK: wholeNumber(1, 100).default(60),
  TUTOR_MAX_ATTEMPTS: wholeNumber(1, 20).default(3),
  TUTOR_ROTATION_DAYS: wholeNumber(1, 365).default(30),
  TUTOR_RETENTION: z
    .string()
    .trim()
    .regex(/^0?\.\d+$/)
    .transform(Number)
    .pipe(z.number().min(0.7).max(0.99))
    .default(DEFAULT_RETENTION),
  TUTOR_ADMINS: commaList,
  DISCORD_TOKEN: optionalText,
  DISCORD_APP_ID: optionalText,
  DISCORD_API_BASE: optionalUrl,
  DISCORD_TEAM_ROLES: commaList.pipe(
    z.array(z.string().regex(/^[^=]+(=[^=]+)?$/)).transform((pairs) =>
      Object.fromEntries(
        pairs.map((pair) => {
          const [role = '', team = role] = pair.split('=').map((s) => s.trim());
          return [role, team];
        }),
      ),
    ),
  ),
  SLACK_BOT_TOKEN: z.string().trim().startsWith('xoxb-').optional(),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: z.string().trim().startsWith('xapp-').optional(),
  SLACK_API_URL: optionalUrl,
  PORT: wholeNumber(0, 65535).optional(),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']))
    .default('info'),
  TUTOR_DATABASE_URL: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^postgres(ql)?$/ }))
    .optional(),
  TUTOR_PG_POOL_SIZE: wholeNumber(1, 1000).default(10),
  TUTOR_PG_STATEMENT_TIMEOUT_MS: wholeNumber(0, 3_600_000).default(30_000),
  DISCORD_SHARDS: z.union([z.literal('auto'), wholeNumber(1, 64)]).optional(),
  TUTOR_PROCESSES: wholeNumber(1, 64).default(1),
} satisfies Record<EnvVarName, z.ZodType>);

export type Env = z.infer<typeof envSchema>;

export interface TutorConfig {
  readonly dbPath: string;
  readonly knowledgeDir: string;
  readonly defaults: { readonly scheduleTime: string; readonly timeZone: string };
  readonly passMark: number;
  readonly maxAttempts: number;
  readonly rotationDays: number;
  /** FSRS target retention of spaced review (0.7–0.99). */
  readonly retention: number;
  /** Platform user ids (or names) that may run admin commands anywhere. */
  readonly admins: readonly string[];
  readonly discord?: {
    readonly token: string;
    readonly appId?: string;
    readonly apiBase?: string;
    /** Role name → team name, for roles that count as teams on the leaderboard (empty: only `/team join`). */
    readonly teamRoles?: Readonly<Record<string, string>>;
    /** Shards to run, one process each (`auto`: the count Discord recommends); unset: one process, one shard. */
    readonly shards?: 'auto' | number;
  };
  readonly slack?: {
    readonly botToken: string;
    readonly signingSecret?: string;
    readonly appToken?: string;
    readonly apiUrl?: string;
  };
  readonly port?: number;
  readonly logLevel: Env['LOG_LEVEL'];
  /** Set by TUTOR_DATABASE_URL: the store lives on this PostgreSQL server instead of the SQLite file `dbPath`. */
  readonly postgres?: PostgresConfig;
  /** Tutor processes for Slack and the scheduler when Discord does not set the count by its shards. */
  readonly processes: number;
}

export interface PostgresConfig {
  readonly url: string;
  readonly poolSize: number;
  /** 0: no limit. */
  readonly statementTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** "NAME: must be …, got "value". Example: NAME=…" (secrets are never echoed). */
export function describeProblem(name: EnvVarName, value: string | undefined, problem?: string): string {
  const doc: EnvVarDoc = ENV_VARS[name];
  const got = value === undefined ? 'it is not set' : doc.secret ? 'got a value that is not valid' : `got "${value}"`;
  return `${name}: ${problem ?? `must be ${doc.expects}`}, ${got}. Example: ${name}=${doc.example}`;
}

function isEnvVarName(name: string): name is EnvVarName {
  return Object.hasOwn(ENV_VARS, name);
}

/** Our variables that are set: an empty or blank value (`PORT=` in an env file) means "use the default". */
function setVariables(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const set: Record<string, string> = {};
  for (const name of Object.keys(ENV_VARS)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') set[name] = value;
  }
  return set;
}

/** Parses the environment once. Throws `ConfigError` listing every problem: which variable, what is wrong, an example. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): TutorConfig {
  const parsed = envSchema.safeParse(setVariables(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      return isEnvVarName(name) ? describeProblem(name, env[name]) : `${name || '(environment)'}: ${issue.message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push(
      describeProblem(
        'SLACK_SIGNING_SECRET',
        undefined,
        'is required with SLACK_BOT_TOKEN for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode)',
      ),
    );
  }
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)) {
    problems.push(
      describeProblem('SLACK_BOT_TOKEN', undefined, 'is required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set'),
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    dbPath: e.TUTOR_DB,
    knowledgeDir: e.TUTOR_KNOWLEDGE,
    defaults: { scheduleTime: e.TUTOR_DEFAULT_TIME, timeZone: e.TUTOR_DEFAULT_TZ },
    passMark: e.TUTOR_PASS_MARK,
    maxAttempts: e.TUTOR_MAX_ATTEMPTS,
    rotationDays: e.TUTOR_ROTATION_DAYS,
    retention: e.TUTOR_RETENTION,
    admins: e.TUTOR_ADMINS,
    discord: e.DISCORD_TOKEN
      ? {
          token: e.DISCORD_TOKEN,
          appId: e.DISCORD_APP_ID,
          apiBase: e.DISCORD_API_BASE,
          teamRoles: e.DISCORD_TEAM_ROLES,
          ...(e.DISCORD_SHARDS !== undefined ? { shards: e.DISCORD_SHARDS } : {}),
        }
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
    postgres: e.TUTOR_DATABASE_URL
      ? {
          url: e.TUTOR_DATABASE_URL,
          poolSize: e.TUTOR_PG_POOL_SIZE,
          statementTimeoutMs: e.TUTOR_PG_STATEMENT_TIMEOUT_MS,
        }
      : undefined,
    processes: e.TUTOR_PROCESSES,
  };
}

/** The password of a database URL, as written and percent-decoded (either may reach a message). */
function urlPasswords(url: string | undefined): string[] {
  if (url === undefined) return [];
  try {
    const raw = new URL(url).password;
    return raw === '' ? [] : [raw, decodeURIComponent(raw)];
  } catch {
    return [];
  }
}

/** The configured secret values, for the logger's scrubber. */
export function secretsOf(config: TutorConfig): string[] {
  return [
    config.discord?.token,
    config.slack?.botToken,
    config.slack?.signingSecret,
    config.slack?.appToken,
    ...urlPasswords(config.postgres?.url),
  ].filter((s): s is string => typeof s === 'string');
}
