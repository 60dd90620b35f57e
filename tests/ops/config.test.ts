import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARS, envSchema, loadConfig, secretsOf } from '../../src/config/config.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('.env.example', () => {
  const documented = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);

  it('documents every variable of the schema, once, and nothing else', () => {
    expect([...documented].sort()).toEqual(Object.keys(envSchema.shape).sort());
    expect(new Set(documented).size).toBe(documented.length);
  });

  it('is itself a valid configuration (empty values fall back to defaults)', () => {
    const env = Object.fromEntries(
      readFileSync(new URL('../../.env.example', import.meta.url), 'utf8')
        .split('\n')
        .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1], m[2]]),
    );
    const config = loadConfig(env);
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.port).toBeUndefined();
    expect(config.passMark).toBe(60);
  });

  it('has a description and example for every schema key', () => {
    expect(Object.keys(ENV_VARS).sort()).toEqual(Object.keys(envSchema.shape).sort());
  });
});

describe('loadConfig errors', () => {
  it('names the variable, says what is wrong, shows the value and an example', () => {
    const problems = problemsOf({ TUTOR_PASS_MARK: 'abc', TUTOR_DEFAULT_TZ: 'Mars/Olympus', PORT: '70000' });
    expect(problems).toHaveLength(3);
    expect(problems).toContain(
      'TUTOR_PASS_MARK: must be a whole number from 1 to 100, got "abc". Example: TUTOR_PASS_MARK=60',
    );
    expect(problems.find((p) => p.startsWith('TUTOR_DEFAULT_TZ:'))).toMatch(/IANA time zone, got "Mars\/Olympus"/);
    expect(problems.find((p) => p.startsWith('PORT:'))).toMatch(/Example: PORT=3000$/);
  });

  it('reports every problem at once in the error message', () => {
    expect(() => loadConfig({ TUTOR_DEFAULT_TIME: '25:00', LOG_LEVEL: 'loud' })).toThrow(
      /TUTOR_DEFAULT_TIME: must be a 24-hour time as HH:MM[\s\S]*LOG_LEVEL: must be one of/,
    );
  });

  it('never echoes a secret value', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-user-token-by-mistake', SLACK_SIGNING_SECRET: 's' });
    expect(problems.join('\n')).not.toContain('xoxp-user-token-by-mistake');
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN: must be a Slack bot token starting with xoxb-/);
  });

  it('explains missing companions of a platform token', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1-2' })[0]).toMatch(
      /^SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN .* Socket Mode\), it is not set\. Example:/,
    );
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1-2' })[0]).toMatch(/^SLACK_BOT_TOKEN: is required when/);
  });
});

describe('loadConfig values', () => {
  it('parses numbers, lists and platforms', () => {
    const config = loadConfig({
      TUTOR_PASS_MARK: ' 75 ',
      TUTOR_ADMINS: 'U1, ada ,,',
      DISCORD_TOKEN: 'discord-token-value',
      DISCORD_TEAM_ROLES: 'Backend Guild = backend, frontend',
      SLACK_BOT_TOKEN: 'xoxb-1-2',
      SLACK_APP_TOKEN: 'xapp-1-2',
      PORT: '3000',
      LOG_LEVEL: 'DEBUG',
    });
    expect(config.passMark).toBe(75);
    expect(config.admins).toEqual(['U1', 'ada']);
    expect(config.discord).toMatchObject({
      token: 'discord-token-value',
      teamRoles: { 'Backend Guild': 'backend', frontend: 'frontend' },
    });
    expect(config.slack).toMatchObject({ botToken: 'xoxb-1-2', appToken: 'xapp-1-2' });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('debug');
    expect(secretsOf(config).sort()).toEqual(['discord-token-value', 'xapp-1-2', 'xoxb-1-2']);
  });

  it('rejects a malformed team role mapping', () => {
    expect(problemsOf({ DISCORD_TOKEN: 't', DISCORD_TEAM_ROLES: 'a=b=c' })[0]).toMatch(
      /^DISCORD_TEAM_ROLES: must be .* role=team, got "a=b=c"\. Example: DISCORD_TEAM_ROLES=Backend Guild=backend,frontend$/,
    );
  });

  it('ignores variables that are not ours', () => {
    expect(loadConfig({ HOME: '/root', PATH: '/bin' }).dbPath).toBe('./data/tutor.db');
  });
});
