/**
 * `tutor grade`: grade one answer against a topic's challenge, or a JSONL batch of them, with the same
 * grader the bot uses. One answer: `--topic <query> --answer <text> [--json]`. Batch: `--batch <file.jsonl>`
 * (or `-` for stdin), one `{"topic", "answer"}` per line in, one JSON result per line out, in order; a bad
 * line yields an error object for that line and the batch goes on.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { loadCliKnowledge, UsageError } from '../app/cli-support.js';
import { loadConfig } from '../config/config.js';
import {
  topicGrader,
  type GradeResultJson,
  type KnowledgeBase,
  type TopicGradeOutcome,
  type TopicRef,
} from '../tutor/use-cases/grade-topic.js';
import type { CliIo } from './io.js';
import { defineSubcommand, JSON_OPTION, KNOWLEDGE_OPTION } from './options.js';

const passMarkSchema = z.coerce.number().int().min(1).max(100);
const batchLineSchema = z.object({ topic: z.string().trim().min(1), answer: z.string() });

/** Why one answer could not be graded; in a batch, printed in place of its result. */
export interface GradeError {
  readonly id: 'unknown-topic' | 'no-challenge' | 'empty-answer' | 'answer-too-long' | 'bad-line';
  readonly message: string;
  readonly nearest?: readonly TopicRef[];
}

type Outcome = { readonly result: GradeResultJson } | { readonly error: GradeError };

type Grader = (topicQuery: string, answer: string) => Outcome;

const MAX_TITLE = 40;

/** The topic's breadcrumb, long titles cut (some notes use a whole paragraph as a title). */
function topicLabel(topic: TopicRef): string {
  return topic.path.map((t) => (t.length > MAX_TITLE ? `${t.slice(0, MAX_TITLE)}…` : t)).join(' › ');
}

/** The core's outcome in the command's words. */
function outcomeOf(query: string, graded: TopicGradeOutcome): Outcome {
  switch (graded.kind) {
    case 'graded':
      return { result: graded.result };
    case 'rejected':
      return { error: { id: graded.id, message: graded.message } };
    case 'unknown-topic': {
      const empty = graded.emptyKnowledge ? ' (the knowledge base is empty)' : '';
      return {
        error: { id: 'unknown-topic', message: `no topic matches "${query}"${empty}`, nearest: graded.nearest },
      };
    }
    case 'no-challenge':
      return {
        error: { id: 'no-challenge', message: `topic "${topicLabel(graded.topic)}" has no content to grade against` },
      };
  }
}

/** Grades as chat does (`/practice <topic>` then `/practice-answer`): the same resolution, the same grade. */
function createGrader(kb: KnowledgeBase, passMark: number): Grader {
  const grade = topicGrader({ knowledge: () => kb, config: { passMark } });
  return (query, answer) => outcomeOf(query, grade(query, answer));
}

function renderError(error: GradeError): string {
  const nearest = error.nearest?.length
    ? `. Nearest topics:\n${error.nearest.map((n) => `  - ${topicLabel(n)}`).join('\n')}`
    : '';
  return `${error.message}${nearest}\n`;
}

async function readBatch(io: CliIo, file: string): Promise<string> {
  if (file !== '-') return readFile(path.resolve(io.cwd, file), 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function batchOutcome(grader: Grader, line: string): Outcome {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: { id: 'bad-line', message: 'not valid JSON: expected {"topic": "...", "answer": "..."}' } };
  }
  const parsed = batchLineSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
    return { error: { id: 'bad-line', message: `expected {"topic": "...", "answer": "..."} (${detail})` } };
  }
  return grader(parsed.data.topic, parsed.data.answer);
}

/** Grades every non-blank line; returns how many lines were errors. */
async function runBatch(io: CliIo, grader: Grader, file: string): Promise<number> {
  const lines = (await readBatch(io, file)).replace(/^\uFEFF/, '').split(/\r?\n/);
  let errors = 0;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const outcome = batchOutcome(grader, line);
    if ('error' in outcome) errors++;
    const out = 'error' in outcome ? { line: index + 1, error: outcome.error } : outcome.result;
    io.stdout.write(`${JSON.stringify(out)}\n`);
  });
  return errors;
}

export const gradeCommand = defineSubcommand({
  name: 'grade',
  summary: 'Grade an answer: --topic <query> --answer <text> [--json], or --batch <file.jsonl>',
  usage: `Usage: tutor grade --topic <query> --answer <text> [--json] [--pass-mark N] [--knowledge DIR]
       tutor grade --batch <file.jsonl | -> [--pass-mark N] [--knowledge DIR]

Grades an answer against the topic's challenge (curated, else derived from the notes) exactly as the
tutor does: concepts found and missing for the pain and the fix, negations, flags, score 0–100, and
feedback in the answer's language. The topic is resolved as \`tutor topic\` and /practice resolve it
(its best hit; the output names the topic graded); an unknown one lists the close topics, if any. --json prints {"topic": {"id","title","path"}, "score", "passed", "pain": {"score",
"matched","missing","negated"}, "fix": {…}, "flags", "language", "feedback"}.
--batch reads one {"topic": "...", "answer": "..."} per line (blank lines skipped) and prints one JSON
result per line, in order; a line that cannot be graded prints {"line": N, "error": {"id","message"}}.
The pass mark defaults to TUTOR_PASS_MARK (60). Exit 0 when everything was graded, 1 when a topic is
unknown (as for every command) or a batch line could not be graded, 2 for usage errors.`,
  options: {
    topic: { type: 'string' },
    answer: { type: 'string' },
    batch: { type: 'string' },
    ...JSON_OPTION,
    'pass-mark': { type: 'string' },
    ...KNOWLEDGE_OPTION,
  },
  async run({ values }, io) {
    const single = values.topic !== undefined || values.answer !== undefined;
    if (values.batch !== undefined && single) throw new UsageError('use either --batch or --topic with --answer');
    if (values.batch === undefined && (values.topic === undefined || values.answer === undefined)) {
      throw new UsageError('need --topic <query> and --answer <text>, or --batch <file.jsonl>');
    }
    const passMarkText = values['pass-mark'];
    const passMark = passMarkSchema.safeParse(passMarkText ?? loadConfig(io.env).passMark);
    if (!passMark.success) throw new UsageError(`--pass-mark: a whole number from 1 to 100, not "${passMarkText}"`);
    const kb = await loadCliKnowledge(io, values.knowledge);
    const grader = createGrader(kb, passMark.data);

    if (values.batch !== undefined) return (await runBatch(io, grader, values.batch)) > 0 ? 1 : 0;

    const outcome = grader(values.topic ?? '', values.answer ?? '');
    if ('error' in outcome) {
      if (values.json) io.stdout.write(`${JSON.stringify({ error: outcome.error })}\n`);
      else io.stderr.write(`tutor grade: ${renderError(outcome.error)}`);
      return 1;
    }
    const { result } = outcome;
    io.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${topicLabel(result.topic)}\n${result.feedback}\n`);
    return 0;
  },
});
