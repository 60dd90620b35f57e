import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { applicationCommands } from '../../src/platforms/discord/commands-json.js';
import { commandOf } from '../../src/platforms/discord/interactions.js';
import { COMMANDS } from '../../src/tutor/commands/registry.js';

const commands = applicationCommands();
const byName = (name: string) => commands.find((c) => c.name === name);

describe('application commands from the spec', () => {
  it('puts learner commands at the top level and admin ones under /tutor with Manage Server', () => {
    const learner = COMMANDS.filter((c) => c.group === 'learner').map((c) => c.name);
    expect(commands.map((c) => c.name)).toEqual([...learner, 'tutor']);
    const admin = byName('tutor');
    expect(admin?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(admin?.options?.map((o) => o.name)).toEqual(['schedule', 'pause', 'resume', 'post-now', 'reload', 'mode']);
    expect(admin?.options?.every((o) => o.type === ApplicationCommandOptionType.Subcommand)).toBe(true);
    expect(byName('topic')?.default_member_permissions).toBeUndefined();
  });

  it('carries autocomplete, choices, required-first order and zh-CN descriptions', () => {
    const query = byName('topic')?.options?.[0];
    expect(query).toMatchObject({
      name: 'query',
      type: ApplicationCommandOptionType.String,
      required: true,
      autocomplete: true,
    });
    expect(query?.description_localizations?.['zh-CN']).toContain('主题');
    const period = byName('leaderboard')?.options?.find((o) => o.name === 'period');
    expect(period).toMatchObject({
      choices: [
        { name: 'week', value: 'week' },
        { name: 'month', value: 'month' },
        { name: 'all', value: 'all' },
      ],
    });
    expect(byName('streak')?.options?.[0]?.type).toBe(ApplicationCommandOptionType.User);
    const team = byName('team')?.options?.map((o) => [o.name, o.type]);
    expect(team).toEqual([
      ['join', ApplicationCommandOptionType.Subcommand],
      ['leave', ApplicationCommandOptionType.Subcommand],
    ]);
    const schedule = byName('tutor')?.options?.find((o) => o.name === 'schedule') as {
      options?: { name: string; required?: boolean }[];
    };
    expect(schedule.options?.map((o) => [o.name, o.required])).toEqual([
      ['time', true],
      ['timezone', false],
    ]);
    for (const command of commands) {
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
    }
  });

  it('maps interactions back onto core commands, refusing admin names at the top level', () => {
    const sub = (name: string, options: { name: string; type: number; value: string }[] = []) => [
      { name, type: ApplicationCommandOptionType.Subcommand, options },
    ];
    expect(commandOf('tutor', sub('schedule', [{ name: 'time', type: 3, value: '09:30' }]))).toEqual({
      command: 'schedule',
      options: { time: '09:30' },
    });
    expect(commandOf('team', sub('join', [{ name: 'name', type: 3, value: 'owls' }]))).toEqual({
      command: 'team',
      subcommand: 'join',
      options: { name: 'owls' },
    });
    expect(commandOf('topic', [{ name: 'query', type: 3, value: 'k8s' }])).toEqual({
      command: 'topic',
      options: { query: 'k8s' },
    });
    expect(commandOf('pause', [])).toBeNull();
    expect(commandOf('tutor', sub('topic'))).toBeNull();
    expect(commandOf('nope', [])).toBeNull();
  });
});
