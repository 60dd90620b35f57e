/**
 * A command is its spec, its zod schema and its handler, declared together in one file with `defineCommand`.
 * Running one is the same for all: parse the options (`invalid-option`), check the preconditions, then hand
 * the handler typed options plus whatever its preconditions resolved.
 */
import type { z } from 'zod';
import type { Locale } from '../../domain/vocabulary.js';
import type { Actor, CommandReply, CommandRequest } from '../api.js';
import type { Core } from '../core.js';
import { refusal } from '../errors.js';
import { reply } from '../views.js';
import { parseOptions } from './options.js';
import { checkPreconditions, type Provided } from './preconditions.js';
import type { CommandName, CommandSpec, Precondition } from './spec.js';

export type CommandInput<Options, P extends Precondition> = {
  readonly request: CommandRequest;
  readonly actor: Actor;
  readonly locale: Locale;
  readonly options: Options;
} & Provided<P>;

export interface CommandDefinition<Name extends CommandName, P extends Precondition, Schema extends z.ZodType> {
  readonly spec: CommandSpec<Name> & { readonly preconditions: readonly P[] };
  readonly schema: Schema;
  handle(input: CommandInput<z.output<Schema>, P>, core: Core): Promise<CommandReply>;
}

export interface Command<Name extends CommandName = CommandName> {
  readonly spec: CommandSpec<Name>;
  run(request: CommandRequest, core: Core): Promise<CommandReply>;
}

export function defineCommand<
  const Name extends CommandName,
  const P extends Precondition,
  Schema extends z.ZodType<object>,
>(definition: CommandDefinition<Name, P, Schema>): Command<Name> {
  const { spec, schema } = definition;
  return {
    spec,
    async run(request, core) {
      const { actor } = request;
      const parsed = parseOptions(spec.name, schema, request.options);
      if (!parsed.ok) {
        return reply(refusal(actor.locale, 'invalid-option', 'error.invalid-option', { detail: parsed.detail }));
      }
      const checked = await checkPreconditions(spec, request, parsed.options, core);
      if (!checked.ok) return reply(checked.refusal);
      // checkPreconditions resolved what each passed precondition provides: `Provided<P>` by its contract.
      const input = { request, actor, locale: actor.locale, options: parsed.options, ...checked.resolved };
      return definition.handle(input as CommandInput<z.output<Schema>, P>, core);
    },
  };
}
