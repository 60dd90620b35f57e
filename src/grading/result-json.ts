/** The JSON shape of one graded answer, as `tutor grade --json` and `--batch` print it. */
import type { Grade, GroupGrade } from './types.js';

export interface GradedTopic {
  readonly id: string;
  readonly title: string;
  readonly path: readonly string[];
}

export interface GroupResultJson {
  readonly score: number;
  readonly matched: readonly { readonly label: string; readonly credit: number; readonly words: readonly string[] }[];
  readonly missing: readonly string[];
  readonly negated: readonly string[];
}

export interface GradeResultJson {
  readonly topic: GradedTopic;
  readonly score: number;
  readonly passed: boolean;
  readonly pain: GroupResultJson;
  readonly fix: GroupResultJson;
  readonly similarity: { readonly pain: number | null; readonly fix: number | null } | null;
  readonly flags: readonly string[];
  readonly language: string;
  readonly feedback: string;
}

function group(graded: GroupGrade): GroupResultJson {
  return { score: graded.score, matched: graded.matched, missing: graded.missing, negated: graded.negated };
}

export function gradeResultJson(topic: GradedTopic, grade: Grade): GradeResultJson {
  return {
    topic: { id: topic.id, title: topic.title, path: topic.path },
    score: grade.score,
    passed: grade.passed,
    pain: group(grade.pain),
    fix: group(grade.fix),
    similarity: grade.similarity,
    flags: grade.flags,
    language: grade.language,
    feedback: grade.feedback,
  };
}
