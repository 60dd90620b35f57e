/** Challenge and grade shapes shared by `challenges/`, `grading/` and the tutor core. */
import type { Glossary, NodeId } from '../knowledge/types.js';
import type { BilingualDictionary } from '../text/bilingual.js';
import type { Segmenter } from '../text/segment.js';

export interface Concept {
  /** Shown in feedback (✓ label / ✗ label). */
  readonly label: string;
  /** Chinese and English ways to say it; the label itself always counts too. */
  readonly aliases: readonly string[];
  /** Relative weight inside its group (default 1). */
  readonly weight: number;
  /**
   * Different things, each enough on its own ("redis 或 memcached": the label is `redis`, the alternatives
   * `["memcached"]`). Unlike aliases they are not synonyms of the label: feedback names them all ("redis /
   * memcached"), and a reply naming any one of them earns the concept once.
   */
  readonly alternatives?: readonly string[];
}

/** The notes' own words for a topic's pain and fix (empty string when the notes have none). */
export interface ChallengeReference {
  readonly pain: string;
  readonly fix: string;
}

export interface Challenge {
  readonly topicId: NodeId;
  readonly title: string;
  readonly path: readonly string[];
  /** The question put to the learner; defaults to "state the pain point, then the fix" for the topic. */
  readonly prompt?: string;
  readonly pain: readonly Concept[];
  readonly fix: readonly Concept[];
  /** Drawn from the notes; revealed when the challenge closes. */
  readonly modelAnswer: string;
  readonly origin: 'curated' | 'derived';
  /**
   * The notes' pain text and fix text for this topic: a reply's pain part and fix part are compared with them,
   * and that similarity is one visible component of the score. Absent when the notes have neither.
   */
  readonly reference?: ChallengeReference;
  /**
   * The topics beside this one in the notes (its siblings that are topics too), without neighbours of their own:
   * a reply that fails here but passes one of them answers that topic instead.
   */
  readonly neighbours?: readonly Challenge[];
}

export type Language = 'zh' | 'en';

export interface ConceptHit {
  readonly label: string;
  /** Credit earned, 0–1: 1 for the whole term or all its words, less for a soft (bigram) match. */
  readonly credit: number;
  /** The words of the reply that matched. */
  readonly words: readonly string[];
}

export interface GroupGrade {
  /** 0–100 within the group. */
  readonly score: number;
  readonly matched: readonly ConceptHit[];
  readonly missing: readonly string[];
  readonly negated: readonly string[];
}

export type GradeFlag =
  | 'negation'
  | 'keyword-list'
  | 'fix-only'
  | 'pain-only'
  | 'too-short'
  | 'off-topic'
  | 'other-topic'
  | 'fix-before-pain';

/** How close the reply's pain part and fix part come to the notes' pain and fix text, 0–1 (null: no text). */
export interface ReferenceSimilarity {
  readonly pain: number | null;
  readonly fix: number | null;
}

export interface Grade {
  /** 0–100 overall. */
  readonly score: number;
  readonly passed: boolean;
  readonly pain: GroupGrade;
  readonly fix: GroupGrade;
  /** Similarity to the notes' own text (`Challenge.reference`), a component of `score`; null without a reference. */
  readonly similarity: ReferenceSimilarity | null;
  readonly flags: readonly GradeFlag[];
  /** The title of a neighbouring topic the reply answers instead of this one (flag `other-topic`). */
  readonly otherTopic?: string;
  readonly language: Language;
  /** Multi-line feedback in the reply's language: score, ✓ hits (with words), ✗ misses, ⚠ negated, a hint. */
  readonly feedback: string;
}

/** Replies refused before grading: they use no attempt. */
export type AnswerRejection =
  | { readonly id: 'empty-answer'; readonly message: string }
  | { readonly id: 'answer-too-long'; readonly message: string; readonly limit: number };

export const MAX_ANSWER_CHARS = 4000;

export const DEFAULT_PASS_MARK = 60;

export interface GradeOptions {
  /** Score (0–100) a reply needs to pass. */
  readonly passMark: number;
  /** Interchangeable terms: a concept's alias also matches each of its synonyms, and the other way round. */
  readonly glossary?: Glossary;
  /** Chinese ⇄ English terms: English and mixed replies match Chinese concepts, and the reverse. */
  readonly dictionary?: BilingualDictionary;
  /** Word segmentation (the notes' titles and glossary terms as user words) for word-level matching. */
  readonly segmenter?: Segmenter;
}

/** What matching may use besides the challenge: every part optional (no dictionary → one language only). */
export type MatchTools = Pick<GradeOptions, 'glossary' | 'dictionary' | 'segmenter'>;
