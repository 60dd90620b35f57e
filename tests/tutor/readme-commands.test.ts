/**
 * README's command table is the command spec's: generated from it, cell for cell, and every form it
 * documents works on the platforms it names (the console's and Slack's text parser, Discord's commands).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationCommands } from '../../src/platforms/discord/commands-json.js';
import { COMMANDS } from '../../src/tutor/commands/registry.js';
import { commandTableRows, parseTextCommand } from '../../src/tutor/text-commands.js';

/** The rows of the table under README's "## Commands" heading, split on unescaped pipes. */
function readmeTable(): string[][] {
  const readme = readFileSync(path.resolve('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Commands'));
  const lines = section.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const table = lines.slice(
    start,
    lines.findIndex((line, i) => i > start && !line.startsWith('|')),
  );
  return table
    .slice(2) // header and its rule
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** The forms in a cell, with placeholders filled in as a user would type them. */
function forms(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) =>
    m[1]!
      .replace(/\\\|/g, '|')
      .replace(/<HH:MM>/g, '09:00')
      .replace(/<[^>]+>/g, 'redis')
      .replace(/\[([^\]|]+)\|[^\]]*\]/g, '$1')
      .replace(/\[@?([^\]]+)\]/g, (_, name: string) => (name === 'teams' ? 'teams' : 'ada')),
  );
}

describe("README's command table", () => {
  const rows = readmeTable();

  it('is the table generated from the command spec, one row per command', () => {
    expect(rows).toHaveLength(COMMANDS.length);
    expect(rows).toEqual(commandTableRows());
  });

  it('documents only forms the console and Slack parse, to the command of their row', () => {
    rows.forEach(([consoleCell, slackCell], i) => {
      const name = COMMANDS[i]!.name;
      const consoleForms = forms(consoleCell!);
      const slackForms = forms(slackCell!);
      expect(consoleForms.length).toBeGreaterThan(0);
      expect(slackForms).toHaveLength(consoleForms.length);
      for (const form of consoleForms)
        expect(parseTextCommand(form, 'en'), form).toMatchObject({ ok: true, command: name });
      for (const form of slackForms) {
        expect(form.startsWith('/tutor ')).toBe(true);
        // Slack hands the adapter the text after its one slash command.
        expect(parseTextCommand(form.slice('/tutor '.length), 'en'), form).toMatchObject({ ok: true, command: name });
      }
    });
  });

  it('documents for Discord the commands Discord registers: learner ones top-level, admin ones under /tutor', () => {
    const discord = applicationCommands();
    rows.forEach(([consoleCell], i) => {
      const spec = COMMANDS[i]!;
      for (const form of forms(consoleCell!)) {
        const [first, second] = form.slice(1).split(' ');
        if (spec.group === 'admin') {
          expect(first).toBe('tutor');
          const tutor = discord.find((c) => c.name === 'tutor');
          expect(tutor?.options?.map((o) => o.name)).toContain(second);
        } else {
          expect(discord.map((c) => c.name)).toContain(first);
        }
      }
    });
  });
});
