/**
 * The registry: every command's file, collected by name. A name in `COMMAND_NAMES` without a command here,
 * or a command filed under another name, is a type error. `COMMANDS` (the specs, in `COMMAND_NAMES`
 * order) is what Discord's JSON, the help texts and README's table are generated from.
 */
import { answer } from './answer.js';
import { challenge } from './challenge.js';
import type { Command } from './define.js';
import { leaderboard } from './leaderboard.js';
import { mode } from './mode.js';
import { pause } from './pause.js';
import { postNow } from './post-now.js';
import { practiceAnswer } from './practice-answer.js';
import { practice } from './practice.js';
import { progress } from './progress.js';
import { reload } from './reload.js';
import { resume } from './resume.js';
import { review } from './review.js';
import { schedule } from './schedule.js';
import { COMMAND_NAMES, type CommandName, type CommandSpec } from './spec.js';
import { streak } from './streak.js';
import { team } from './team.js';
import { topic } from './topic.js';

export const REGISTRY: { readonly [Name in CommandName]: Command<Name> } = {
  topic,
  challenge,
  answer,
  practice,
  'practice-answer': practiceAnswer,
  review,
  progress,
  streak,
  leaderboard,
  team,
  schedule,
  pause,
  resume,
  'post-now': postNow,
  reload,
  mode,
};

export const COMMANDS: readonly CommandSpec[] = COMMAND_NAMES.map((name) => REGISTRY[name].spec);

export function commandSpec(name: CommandName): CommandSpec {
  return REGISTRY[name].spec;
}
