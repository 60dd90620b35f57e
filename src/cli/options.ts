/**
 * One declarative option parser for every subcommand, on node:util's `parseArgs`: strict, so an unknown or
 * malformed option is a usage error (exit 2 through `reportCliError`), with the options several commands
 * share declared once.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../app/cli-support.js';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<const O extends OptionSpecs>(
  args: readonly string[],
  options: O,
  { positionals = false }: { readonly positionals?: boolean } = {},
) {
  return parseArgs({ args: [...args], options, strict: true, allowPositionals: positionals });
}

/** `--json`: print the command's JSON shape instead of text. */
export const JSON_OPTION = { json: { type: 'boolean', default: false } } as const;

/** `--knowledge DIR`: the notes to read instead of `TUTOR_KNOWLEDGE`. */
export const KNOWLEDGE_OPTION = { knowledge: { type: 'string' } } as const;

/** The words after the command as one name or query; a usage error naming `what` when there are none. */
export function restText(positionals: readonly string[], what: string): string {
  const text = positionals.join(' ').trim();
  if (!text) throw new UsageError(what);
  return text;
}

/** An option's value checked against its choices: `--by: points or streak, not x` otherwise. */
export function oneOf<const C extends string>(option: string, value: string, choices: readonly C[]): C {
  if ((choices as readonly string[]).includes(value)) return value as C;
  const allowed = choices.length === 2 ? `${choices[0]} or ${choices[1]}` : `one of ${choices.join(', ')}`;
  throw new UsageError(`${option}: ${allowed}, not ${value}`);
}
