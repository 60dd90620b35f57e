/**
 * One declarative option parser for every subcommand, on node:util's `parseArgs`: a subcommand declares its
 * options, and gets them parsed strictly (an unknown or malformed option is a usage error) with every failure
 * reported the one way (`reportCliError`: exit 2 for usage, 1 otherwise). The options several commands share
 * are declared once.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { reportCliError, UsageError } from '../app/cli-support.js';
import type { CliIo, Subcommand } from './io.js';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<const O extends OptionSpecs>(
  args: readonly string[],
  options: O,
  { positionals = false }: { readonly positionals?: boolean } = {},
) {
  return parseArgs({ args: [...args], options, strict: true, allowPositionals: positionals });
}

export type ParsedOptions<O extends OptionSpecs> = ReturnType<typeof parseOptions<O>>;

/** A subcommand from its declaration: its options parsed before `run`, and whatever it throws reported. */
export function defineSubcommand<const O extends OptionSpecs>(spec: {
  /** The name in error lines: `tutor <name>: …`. */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: O;
  readonly positionals?: boolean;
  run(parsed: ParsedOptions<O>, io: CliIo): Promise<number>;
}): Subcommand {
  return {
    summary: spec.summary,
    usage: spec.usage,
    async run(args, io) {
      try {
        return await spec.run(parseOptions(args, spec.options, { positionals: spec.positionals }), io);
      } catch (error) {
        return reportCliError(io, spec.name, error);
      }
    },
  };
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
