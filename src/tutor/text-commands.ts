/**
 * The text form of the command spec, shared by the console (`/leaderboard week teams`) and Slack
 * (`/tutor leaderboard week teams`): parse a line into a command request, and generate help from the
 * same spec so the words documented are exactly the words accepted.
 *
 * Tokens: a choice value stands alone (`week`), a boolean by its option name (`teams`), a user as
 * `@name`, `<@U123>` or a bare name, a `rest` option takes the rest of the line verbatim, other options
 * are positional in spec order. A leading `tutor` is accepted everywhere, so the form Discord gives admin
 * commands (`/tutor schedule 09:00`) and Slack gives every command works on the console too.
 */
import type { Locale } from '../domain/vocabulary.js';
import { characterCount } from '../grading/reject.js';
import type { OptionValue } from './api.js';
import { COMMANDS } from './commands/registry.js';
import type { CommandName, CommandSpec, OptionSpec } from './commands/spec.js';
import type { ErrorId } from './errors.js';
import { t } from './i18n.js';
import { pointsRule } from './views.js';

export interface ParsedTextCommand {
  readonly ok: true;
  readonly command: CommandName;
  readonly subcommand?: string;
  readonly options: Readonly<Record<string, OptionValue>>;
}

export interface TextCommandError {
  readonly ok: false;
  readonly errorId: Extract<ErrorId, 'unknown-command' | 'invalid-option'>;
  readonly message: string;
}

export interface HelpOptions {
  /** `/` on the console, `/tutor ` on Slack. */
  readonly prefix: string;
  /** Admin commands' prefix in help, when it differs (`/tutor ` on the console, as on Discord). */
  readonly adminPrefix?: string;
}

/** The word every platform accepts before a command name: Slack's slash command, Discord's admin group. */
export const COMMAND_GROUP_WORD = 'tutor';

/** `line` is the command without its platform prefix's slash handling: `/topic k8s` and `topic k8s` both work. */
export function parseTextCommand(
  line: string,
  locale: Locale,
  help: HelpOptions = { prefix: '/' },
): ParsedTextCommand | TextCommandError {
  const slashless = line.trim().replace(/^\//, '');
  const grouped = new RegExp(`^${COMMAND_GROUP_WORD}\\s+(?=\\S)`, 'i').exec(slashless);
  const body = grouped ? slashless.slice(grouped[0].length) : slashless;
  const nameMatch = /^\S+/.exec(body);
  const name = (nameMatch?.[0] ?? '').toLowerCase();
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) {
    return {
      ok: false,
      errorId: 'unknown-command',
      message: t(locale, 'text.unknown-command', { name, help: `${help.prefix}help` }),
    };
  }
  let remainder = body.slice(name.length);
  let options: readonly OptionSpec[] = spec.options;
  let subcommand: string | undefined;
  if (spec.subcommands) {
    const subMatch = /^\s*(\S+)/.exec(remainder);
    const sub = spec.subcommands.find((s) => s.name === subMatch?.[1]?.toLowerCase());
    if (!sub || !subMatch) {
      return invalid(t(locale, 'text.subcommand', { choices: spec.subcommands.map((s) => s.name).join(', ') }));
    }
    subcommand = sub.name;
    options = sub.options;
    remainder = remainder.slice(subMatch[0].length);
  }
  const usage = `${help.prefix}${usageOf(spec.name, subcommand, options)}`;
  const parsed = parseOptions(remainder, options, locale, usage);
  if (!parsed.ok) return parsed;
  return { ok: true, command: spec.name, ...(subcommand ? { subcommand } : {}), options: parsed.options };
}

function parseOptions(
  text: string,
  specs: readonly OptionSpec[],
  locale: Locale,
  usage: string,
): { ok: true; options: Record<string, OptionValue> } | TextCommandError {
  const options: Record<string, OptionValue> = {};
  const tokens = [...text.matchAll(/\S+/g)];
  for (const token of tokens) {
    const word = token[0];
    const lower = word.toLowerCase();
    const choice = specs.find((o) => options[o.name] === undefined && o.choices?.includes(lower));
    if (choice) {
      options[choice.name] = lower;
      continue;
    }
    const flag = specs.find((o) => o.type === 'boolean' && o.name === lower);
    if (flag) {
      options[flag.name] = true;
      continue;
    }
    const positional = specs.find((o) => options[o.name] === undefined && o.type !== 'boolean' && !o.choices);
    if (!positional) return invalid(t(locale, 'text.unexpected', { token: word, usage }));
    const raw = positional.rest ? text.slice(token.index).trim() : word;
    const value = optionValue(positional, raw, locale);
    if (typeof value === 'object') return value;
    options[positional.name] = value;
    if (positional.rest) break;
  }
  const missing = specs.find((o) => o.required && options[o.name] === undefined);
  if (missing) return invalid(t(locale, 'text.missing', { usage: `${optionUsage(missing)} (${usage})` }));
  return { ok: true, options };
}

function optionValue(spec: OptionSpec, raw: string, locale: Locale): OptionValue | TextCommandError {
  if (spec.maxLength !== undefined && characterCount(raw) > spec.maxLength) {
    return invalid(t(locale, 'text.too-long', { name: spec.name, max: spec.maxLength }));
  }
  switch (spec.type) {
    case 'integer':
      return /^-?\d+$/.test(raw)
        ? Number(raw)
        : invalid(t(locale, 'text.not-integer', { name: spec.name, value: raw }));
    case 'user':
      return userToken(raw);
    default:
      return raw;
  }
}

/** `<@U123>` and `<@U123|ada>` (Slack escapes) give the id; `@ada` gives the name. */
function userToken(raw: string): string {
  const escaped = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(raw);
  if (escaped?.[1]) return escaped[1];
  return raw.replace(/^@/, '');
}

function invalid(message: string): TextCommandError {
  return { ok: false, errorId: 'invalid-option', message };
}

function optionUsage(o: OptionSpec): string {
  if (o.type === 'boolean') return `[${o.name}]`;
  if (o.choices) return `[${o.choices.join('|')}]`;
  const label = o.placeholder ?? (o.type === 'user' ? `@${o.name}` : o.name);
  return o.required ? `<${label}>` : `[${label}]`;
}

function usageOf(name: string, subcommand: string | undefined, options: readonly OptionSpec[]): string {
  return [name, ...(subcommand ? [subcommand] : []), ...options.map(optionUsage)].join(' ');
}

/** Every text form of a command, one per subcommand, each with its description. */
function forms(spec: CommandSpec, prefix: string): { usage: string; description: CommandSpec['description'] }[] {
  if (spec.subcommands) {
    return spec.subcommands.map((s) => ({
      usage: `${prefix}${usageOf(spec.name, s.name, s.options)}`,
      description: s.description,
    }));
  }
  return [{ usage: `${prefix}${usageOf(spec.name, undefined, spec.options)}`, description: spec.description }];
}

/** Help for every command, generated from the spec, learner commands first, then how points add up. */
export function commandHelp(locale: Locale, options: HelpOptions): string {
  const section = (group: CommandSpec['group']) =>
    COMMANDS.filter((c) => c.group === group).flatMap((c) =>
      forms(c, group === 'admin' ? (options.adminPrefix ?? options.prefix) : options.prefix).map(
        (f) => `- \`${f.usage}\`${t(locale, 'text.colon')}${f.description[locale]}`,
      ),
    );
  return [
    `**${t(locale, 'help.title')}**`,
    ...section('learner'),
    '',
    `**${t(locale, 'help.admin')}**`,
    ...section('admin'),
    '',
    pointsRule(locale),
  ].join('\n');
}

/** The console's and Discord's prefixes: learner commands top-level, admin ones under `/tutor`. */
export const CONSOLE_HELP: HelpOptions = { prefix: '/', adminPrefix: `/${COMMAND_GROUP_WORD} ` };
/** Slack has one slash command: everything is `/tutor <command>`. */
export const SLACK_HELP: HelpOptions = { prefix: `/${COMMAND_GROUP_WORD} ` };

/**
 * README's command table, generated from the spec (a test holds README to it): the console and Discord
 * form, the Slack form, and what the command does. `|` is escaped for Markdown tables.
 */
export function commandTableRows(): [string, string, string][] {
  const cell = (usages: readonly string[]) => usages.map((u) => `\`${u.replace(/\|/g, '\\|')}\``).join(' · ');
  return COMMANDS.map((spec) => {
    const consolePrefix = spec.group === 'admin' ? (CONSOLE_HELP.adminPrefix ?? '/') : CONSOLE_HELP.prefix;
    const description = `${spec.description.en}${spec.group === 'admin' ? ' (admin only)' : ''}`;
    return [
      cell(forms(spec, consolePrefix).map((f) => f.usage)),
      cell(forms(spec, SLACK_HELP.prefix).map((f) => f.usage)),
      description,
    ];
  });
}
