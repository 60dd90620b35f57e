import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/tutor/commands/registry.js';
import { CONSOLE_HELP, commandHelp, parseTextCommand } from '../../src/tutor/text-commands.js';

const parse = (line: string) => parseTextCommand(line, 'en');

describe('parseTextCommand', () => {
  it('takes choices as bare tokens and booleans by their name, in any order', () => {
    expect(parse('/leaderboard week teams')).toEqual({
      ok: true,
      command: 'leaderboard',
      options: { period: 'week', teams: true },
    });
    expect(parse('leaderboard teams ALL')).toEqual({
      ok: true,
      command: 'leaderboard',
      options: { period: 'all', teams: true },
    });
    expect(parse('/leaderboard')).toEqual({ ok: true, command: 'leaderboard', options: {} });
  });

  it('gives a rest option the rest of the line verbatim', () => {
    expect(parse('/answer  缓存击穿: too many requests,  then a mutex ')).toEqual({
      ok: true,
      command: 'answer',
      options: { text: '缓存击穿: too many requests,  then a mutex' },
    });
    expect(parse('/topic eventual consistency')).toMatchObject({ options: { query: 'eventual consistency' } });
  });

  it('reads subcommands and their options', () => {
    expect(parse('/team join Night Owls')).toEqual({
      ok: true,
      command: 'team',
      subcommand: 'join',
      options: { name: 'Night Owls' },
    });
    expect(parse('/team leave')).toEqual({ ok: true, command: 'team', subcommand: 'leave', options: {} });
    const bad = parse('/team dance');
    expect(bad).toMatchObject({ ok: false, errorId: 'invalid-option' });
    expect(!bad.ok && bad.message).toContain('join, leave');
  });

  it('accepts a user as @name, a Slack escape or a bare name', () => {
    expect(parse('/streak @ada')).toMatchObject({ options: { user: 'ada' } });
    expect(parse('/streak <@U123ABC>')).toMatchObject({ options: { user: 'U123ABC' } });
    expect(parse('/streak <@U123ABC|ada>')).toMatchObject({ options: { user: 'U123ABC' } });
    expect(parse('/streak grace')).toMatchObject({ options: { user: 'grace' } });
  });

  it('fills positional options in spec order', () => {
    expect(parse('/schedule 08:30 Asia/Shanghai')).toEqual({
      ok: true,
      command: 'schedule',
      options: { time: '08:30', timezone: 'Asia/Shanghai' },
    });
  });

  it('explains missing, unexpected and over-long options', () => {
    const missing = parse('/schedule');
    expect(missing).toMatchObject({ ok: false, errorId: 'invalid-option' });
    expect(!missing.ok && missing.message).toBe('Missing <HH:MM> (/schedule <HH:MM> [zone]).');
    const extra = parse('/leaderboard week yesterday');
    expect(!extra.ok && extra.message).toContain('“yesterday”');
    expect(parse(`/topic ${'x'.repeat(201)}`)).toMatchObject({ ok: false, errorId: 'invalid-option' });
  });

  it('names an unknown command and points at help with the platform prefix', () => {
    const unknown = parseTextCommand('dance now', 'zh', { prefix: '/tutor ' });
    expect(unknown).toMatchObject({ ok: false, errorId: 'unknown-command' });
    expect(!unknown.ok && unknown.message).toContain('/tutor help');
  });
});

describe('commandHelp', () => {
  it('lists every command and subcommand with the prefix, in the requested language', () => {
    const help = commandHelp('en', { prefix: '/tutor ' });
    for (const spec of COMMANDS) expect(help).toContain(`/tutor ${spec.name}`);
    expect(help).toContain('`/tutor leaderboard [week|month|all] [teams]`');
    expect(help).toContain('`/tutor team join <name>`');
    expect(help).toContain('`/tutor streak [@user]`');
    const zh = commandHelp('zh', { prefix: '/' });
    expect(zh).toContain('管理员命令');
    expect(zh).toContain('`/topic <query>`：在笔记中查找一个主题');
  });

  it('documents only what the parser accepts: each usage line parses once its placeholders are filled', () => {
    const help = commandHelp('en', CONSOLE_HELP);
    const usages = [...help.matchAll(/`(\/[^`]+)`/g)].map((m) => m[1] ?? '');
    expect(usages).toHaveLength(19);
    expect(usages).toContain('/tutor schedule <HH:MM> [zone]');
    for (const usage of usages) {
      const filled = usage
        .replace(/<HH:MM>/, '09:00')
        .replace(/<[^>]+>/g, 'x')
        .replace(/\[([^\]|]+)\|[^\]]*\]/g, '$1')
        .replace(/\[@?([^\]]+)\]/g, (_, name: string) => (name === 'teams' ? 'teams' : 'x'));
      expect(parseTextCommand(filled, 'en'), filled).toMatchObject({ ok: true });
    }
  });
});
