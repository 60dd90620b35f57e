/**
 * Feedback in the reply's language: the score, ✓ concepts found with the words that matched, ✗ concepts
 * missing, ⚠ concepts negated, the similarity to the notes, and one hint — the single most useful next step.
 * Each concept is named in the reply's language where it has a name there, the notes' term in brackets
 * ("link hijacking (链路劫持)"), so every line reads in one language.
 */
import type { PreparedConcept } from './prepare.js';
import type { Grade, GradeFlag, GroupGrade, Language, ReferenceSimilarity } from './types.js';

type Graded = Omit<Grade, 'feedback'>;

interface Phrases {
  score(score: number, passed: boolean, passMark: number): string;
  readonly group: Record<'pain' | 'fix', string>;
  missing(group: 'pain' | 'fix'): string;
  readonly negated: string;
  readonly hint: string;
  readonly listSeparator: string;
  readonly hints: Record<
    'off-topic' | 'too-short' | 'keyword-list' | 'fix-only' | 'pain-only' | 'negation' | 'complete',
    string
  >;
  alsoCover(label: string): string;
  otherTopic(title: string): string;
  similarity(pain: string, fix: string): string;
}

const PHRASES: Record<Language, Phrases> = {
  en: {
    score: (score, passed, passMark) =>
      `Score: ${score}/100 — ${passed ? 'passed' : 'not yet'} (pass mark ${passMark}).`,
    group: { pain: 'Pain', fix: 'Fix' },
    missing: (group) => `Missing (${group === 'pain' ? 'pain' : 'fix'})`,
    negated: 'Negated (a not/no/without in the same clause cancels it)',
    hint: 'Hint',
    listSeparator: '; ',
    hints: {
      'off-topic': 'None of the key ideas came up. Start with the pain: what goes wrong without it?',
      'too-short': 'Say a little more: one sentence on what goes wrong, one on how it is fixed.',
      'keyword-list': 'Connect the terms: say why the pain happens and how the fix removes it (because…, so…).',
      'fix-only': 'Start with the pain: what goes wrong without it?',
      'pain-only': 'Now the fix: what removes that pain?',
      negation: 'Check the negated terms: as written, your reply says they are not needed.',
      complete: 'Complete — pain and fix both covered.',
    },
    alsoCover: (label) => `Also cover: ${label}.`,
    otherTopic: (title) => `This answers another topic of the notes, "${title}". What is the pain and fix here?`,
    similarity: (pain, fix) => `Similarity to the notes: pain ${pain}, fix ${fix}`,
  },
  zh: {
    score: (score, passed, passMark) => `得分：${score}/100 — ${passed ? '通过' : '未通过'}（及格线 ${passMark}）。`,
    group: { pain: '痛点', fix: '解法' },
    missing: (group) => `缺少${group === 'pain' ? '痛点' : '解法'}`,
    negated: '被否定（同一分句里的“不/没有/无需”抵消了它）',
    hint: '提示',
    listSeparator: '；',
    hints: {
      'off-topic': '没有提到任何要点。先说痛点：没有它会出什么问题？',
      'too-short': '再多说一点：一句讲出了什么问题，一句讲怎么解决。',
      'keyword-list': '把关键词连成句子：为什么会痛，方案又如何消除它（因为……所以……）。',
      'fix-only': '先说痛点：没有它会出什么问题？',
      'pain-only': '再说解法：用什么来消除这个痛点？',
      negation: '检查被否定的概念：按你的写法，它们是不需要的。',
      complete: '完整，痛点和解法都讲到了。',
    },
    alsoCover: (label) => `还可以补充：${label}。`,
    otherTopic: (title) => `这是在回答笔记里的另一个话题「${title}」。这一题的痛点和解法是什么？`,
    similarity: (pain, fix) => `与笔记的相似度：痛点 ${pain}，解法 ${fix}`,
  },
};

// The first flag present in this order decides the hint.
const HINT_ORDER: readonly (GradeFlag & keyof Phrases['hints'])[] = [
  'off-topic',
  'too-short',
  'keyword-list',
  'fix-only',
  'pain-only',
  'negation',
];

type Namer = (label: string) => string;

const HAN = /\p{Script=Han}/u;

/** Names concepts in `language`: the concept's term in that language, with the notes' label in brackets. */
function namerFor(language: Language, concepts: readonly PreparedConcept[]): Namer {
  const byLabel = new Map(concepts.map((c) => [c.concept.label, c]));
  return (label) => {
    const prepared = byLabel.get(label);
    // A concept with alternatives is named with all of them: any one is enough.
    const shown = [label, ...(prepared?.concept.alternatives ?? [])].join(' / ');
    const name = prepared?.names[language];
    if (name === undefined || name === label) return shown;
    // Only across scripts: a Chinese label gets an English name for an English reply, and the reverse.
    if (HAN.test(label) === (language === 'zh')) return shown;
    return language === 'zh' ? `${name}（${shown}）` : `${name} (${shown})`;
  };
}

function hintFor(grade: Graded, phrases: Phrases, name: Namer): string {
  if (grade.otherTopic !== undefined) return phrases.otherTopic(grade.otherTopic);
  const flag = HINT_ORDER.find((f) => grade.flags.includes(f));
  if (flag) return phrases.hints[flag];
  const firstMissing = grade.pain.missing[0] ?? grade.fix.missing[0];
  return firstMissing === undefined ? phrases.hints.complete : phrases.alsoCover(name(firstMissing));
}

function similarityLine(similarity: ReferenceSimilarity | null, phrases: Phrases): string[] {
  if (!similarity) return [];
  const shown = (value: number | null): string => (value === null ? '—' : value.toFixed(2));
  return [phrases.similarity(shown(similarity.pain), shown(similarity.fix))];
}

function colon(language: Language): string {
  return language === 'zh' ? '：' : ': ';
}

function groupLines(
  group: 'pain' | 'fix',
  graded: GroupGrade,
  phrases: Phrases,
  language: Language,
  name: Namer,
): string[] {
  const lines: string[] = [];
  const sep = colon(language);
  if (graded.matched.length > 0) {
    const hits = graded.matched.map((hit) => {
      // The words that matched, unless they only repeat the concept's own name ("槽（slot）", not "槽（slot）（slot）").
      const label = hit.label.toLowerCase();
      const words = hit.words.filter((w) => w.toLowerCase() !== label).join(', ');
      if (words === '') return name(hit.label);
      return language === 'zh' ? `${name(hit.label)}（${words}）` : `${name(hit.label)} (${words})`;
    });
    lines.push(`✓ ${phrases.group[group]}${sep}${hits.join(phrases.listSeparator)}`);
  }
  if (graded.missing.length > 0)
    lines.push(`✗ ${phrases.missing(group)}${sep}${graded.missing.map(name).join(phrases.listSeparator)}`);
  return lines;
}

/** The feedback text; `concepts` (the prepared challenge's) name concepts in the reply's language. */
export function feedbackFor(grade: Graded, passMark: number, concepts: readonly PreparedConcept[] = []): string {
  const phrases = PHRASES[grade.language];
  const sep = colon(grade.language);
  const name = namerFor(grade.language, concepts);
  const negated = [...grade.pain.negated, ...grade.fix.negated];
  return [
    phrases.score(grade.score, grade.passed, passMark),
    ...groupLines('pain', grade.pain, phrases, grade.language, name),
    ...groupLines('fix', grade.fix, phrases, grade.language, name),
    ...(negated.length > 0 ? [`⚠ ${phrases.negated}${sep}${negated.map(name).join(phrases.listSeparator)}`] : []),
    ...similarityLine(grade.similarity, phrases),
    `${phrases.hint}${sep}${hintFor(grade, phrases, name)}`,
  ].join('\n');
}
