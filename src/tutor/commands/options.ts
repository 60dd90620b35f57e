/**
 * Command options arrive raw from three platforms; each command's zod schema checks them once, at the core's
 * edge, through `parseOptions`. Unknown options are refused rather than ignored, so a typo never silently
 * does something else. The building blocks below are shared by the commands' schemas.
 */
import { z } from 'zod';
import type { OptionValue } from '../api.js';
import type { OptionSpec } from './spec.js';

export const text = (max: number) => z.string().trim().max(max);
export const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
export const noOptions = z.strictObject({});
/** Empty and over-long answers are refused by grading's own rule (the `acceptable-answer` precondition). */
export const answerText = z.strictObject({ text: z.string().default('') });
/** The one option of `/answer` and `/practice-answer`: the rest of the line. */
export const ANSWER_TEXT_OPTION: OptionSpec = {
  name: 'text',
  type: 'string',
  required: true,
  rest: true,
  maxLength: 4000,
  description: { en: 'Your answer', zh: '你的回答' },
};

export type ParsedOptions<T> =
  { readonly ok: true; readonly options: T } | { readonly ok: false; readonly detail: string };

export function parseOptions<S extends z.ZodType>(
  command: string,
  schema: S,
  raw: Readonly<Record<string, OptionValue | undefined>>,
): ParsedOptions<z.output<S>> {
  const present = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(present);
  if (result.success) return { ok: true, options: result.data };
  const detail = result.error.issues
    .map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown option ${issue.keys.join(', ')}`;
      return `${issue.path.join('.') || command}: ${issue.message}`;
    })
    .join('; ');
  return { ok: false, detail };
}
