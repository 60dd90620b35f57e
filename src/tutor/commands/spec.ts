/**
 * The shape of the one declarative command spec. Each command's file declares its spec next to its zod schema
 * and handler; the registry collects them, and Discord's application-command JSON, Slack's `/tutor` help, the
 * console's `/help` and README's table are all generated from the collected specs, so the same words work on
 * every platform.
 */

export interface Localized {
  readonly en: string;
  readonly zh: string;
}

export type OptionType = 'string' | 'integer' | 'boolean' | 'user';

export interface OptionSpec {
  readonly name: string;
  readonly type: OptionType;
  readonly description: Localized;
  readonly required?: boolean;
  /** Allowed values (string options). In text form any of them may stand alone as a token. */
  readonly choices?: readonly string[];
  /** Discord autocomplete from the knowledge graph. */
  readonly autocomplete?: boolean;
  /** In text form (console, Slack) this option takes the rest of the line. */
  readonly rest?: boolean;
  readonly maxLength?: number;
  /** How usage text names the value (`<HH:MM>`), when the option's name would say less. */
  readonly placeholder?: string;
}

/**
 * `learner` commands are top-level on Discord and the console; `admin` ones live under `/tutor` on Discord;
 * on Slack everything is `/tutor <name>` because `/topic` is a Slack built-in. An `admin` command may only be
 * run by an admin: the group is the `admin` precondition.
 */
export type CommandGroup = 'learner' | 'admin';

/**
 * Whether the reply is usually for the requester only. Platforms that must acknowledge before the reply is
 * ready (Discord's deferral) show their "thinking…" state with this visibility; each message is still
 * delivered with its own.
 */
export type Visibility = 'public' | 'private';

/**
 * What must hold before a handler runs, checked in one place (`preconditions.ts`) in the order declared, each
 * failure answered with its own error id. `admin` is not listed here: it follows from `group: 'admin'`.
 * - `acceptable-answer`: the `text` option passes grading's empty/over-long rule (`empty-answer`, `answer-too-long`);
 * - `needs-channel`: the request comes from a channel, registered on first sight (`no-channel`);
 * - `needs-todays-challenge`: today's challenge is posted in that channel (`no-challenge`).
 */
export type Precondition = 'acceptable-answer' | 'needs-channel' | 'needs-todays-challenge';

export interface SubcommandSpec {
  readonly name: string;
  readonly description: Localized;
  readonly options: readonly OptionSpec[];
}

export const COMMAND_NAMES = [
  'topic',
  'challenge',
  'answer',
  'practice',
  'practice-answer',
  'review',
  'progress',
  'streak',
  'leaderboard',
  'team',
  'schedule',
  'pause',
  'resume',
  'post-now',
  'reload',
  'mode',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/** Platform payloads are untrusted: a command name is checked before anything is looked up by it. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name);
}

export interface CommandSpec<Name extends CommandName = CommandName> {
  readonly name: Name;
  readonly group: CommandGroup;
  readonly description: Localized;
  readonly visibility: Visibility;
  readonly preconditions: readonly Precondition[];
  readonly options: readonly OptionSpec[];
  /** e.g. `team join <name>` / `team leave`: the first token of the text form picks one. */
  readonly subcommands?: readonly SubcommandSpec[];
}
