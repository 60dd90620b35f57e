/**
 * Command options arrive raw from three platforms; zod checks them once, here, at the core's edge.
 * Unknown options are refused rather than ignored, so a typo never silently does something else.
 */
import { z } from 'zod';
import { PERIODS } from '../domain/vocabulary.js';
import type { OptionValue } from './api.js';
import type { CommandName } from './commands.js';

const text = (max: number) => z.string().trim().max(max);
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const none = z.strictObject({});

const schemas = {
  topic: z.strictObject({ query: text(200).min(1) }),
  challenge: none,
  // Empty and over-long answers are refused by grading's own rule, with its own message.
  answer: z.strictObject({ text: z.string().default('') }),
  'practice-answer': z.strictObject({ text: z.string().default('') }),
  practice: z.strictObject({ topic: text(200).optional() }),
  streak: z.strictObject({ user: text(100).min(1).optional() }),
  leaderboard: z.strictObject({ period: z.enum(PERIODS).default('week'), teams: flag.default(false) }),
  team: z.strictObject({ name: text(50).min(1).optional() }),
  schedule: z.strictObject({ time: text(5).min(1), timezone: text(64).min(1).optional() }),
  pause: none,
  resume: none,
  'post-now': none,
  reload: none,
} satisfies Record<CommandName, z.ZodType>;

export type CommandOptions = { [K in CommandName]: z.output<(typeof schemas)[K]> };

export type ParsedOptions<K extends CommandName> =
  { readonly ok: true; readonly options: CommandOptions[K] } | { readonly ok: false; readonly detail: string };

export function parseCommandOptions<K extends CommandName>(
  command: K,
  raw: Readonly<Record<string, OptionValue | undefined>>,
): ParsedOptions<K> {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const result = schemas[command].safeParse(present);
  if (result.success) return { ok: true, options: result.data as CommandOptions[K] };
  const detail = result.error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown option ${issue.keys.join(', ')}`;
      return `${issue.path.join('.') || command}: ${issue.message}`;
    })
    .join('; ');
  return { ok: false, detail };
}
