/**
 * The glossary (`knowledge/glossary.json`): sets of interchangeable terms (k8s ⇄ kubernetes, 缓存 ⇄ cache).
 * Validated by zod entry by entry, so one bad entry is a warning with its file:line and the rest still load.
 * Terms are compared in their normalized form; a term listed in two entries joins them.
 */
import { z } from 'zod';
import { normalizeForIndex } from '../text/tokenize.js';
import type { Glossary, GlossaryEntry, LoadWarning } from './types.js';

export const glossaryEntrySchema = z.object({
  terms: z.array(z.string().trim().min(1, 'a term must not be blank')).min(2, 'an entry needs at least two terms'),
});

export const glossaryFileSchema = z.object({
  description: z.string().optional(),
  entries: z.array(z.unknown()),
});

export interface ParsedGlossary {
  readonly glossary: Glossary;
  readonly warnings: LoadWarning[];
}

export function createGlossary(entries: readonly GlossaryEntry[]): Glossary {
  const groupOf = new Map<string, Set<string>>();
  for (const entry of entries) {
    const terms = entry.terms.map(normalizeForIndex).filter((t) => t.length > 0);
    let group: Set<string> | undefined;
    for (const term of terms) {
      const existing = groupOf.get(term);
      if (existing && existing !== group) {
        if (group) for (const t of group) existing.add(t);
        group = existing;
      }
    }
    group ??= new Set<string>();
    for (const term of terms) group.add(term);
    for (const term of group) groupOf.set(term, group);
  }
  return {
    entries,
    synonyms(term: string): readonly string[] {
      const group = groupOf.get(normalizeForIndex(term));
      return group ? [...group] : [];
    },
  };
}

export const EMPTY_GLOSSARY: Glossary = createGlossary([]);

/**
 * Start offsets of the elements of the top-level `entries` array, found by a small scanner that tracks
 * strings and nesting, so an invalid entry can be reported at its own line.
 */
export function entryOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let entriesDepth = -1;
  let lastKey = '';
  let keyStart = -1;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1 && keyStart >= 0) lastKey = text.slice(keyStart + 1, i);
      }
      continue;
    }
    if (ch === '"') {
      if (depth === entriesDepth && expectValue) offsets.push(i);
      expectValue = false;
      inString = true;
      keyStart = depth === 1 ? i : -1;
      continue;
    }
    if (ch === '{' || ch === '[') {
      if (depth === entriesDepth && expectValue) offsets.push(i);
      expectValue = false;
      depth++;
      if (ch === '[' && depth === 2 && lastKey === 'entries') {
        entriesDepth = 2;
        expectValue = true;
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth < entriesDepth) entriesDepth = -1;
    } else if (ch === ',' && depth === entriesDepth) expectValue = true;
    else if (expectValue && depth === entriesDepth && !/\s/.test(ch as string)) {
      offsets.push(i);
      expectValue = false;
    }
  }
  return offsets;
}

export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function parseGlossary(text: string, file: string): ParsedGlossary {
  const warnings: LoadWarning[] = [];
  const fail = (line: number, code: string, message: string): ParsedGlossary => {
    warnings.push({ file, line, code, message, severity: 'error' });
    return { glossary: EMPTY_GLOSSARY, warnings };
  };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    return fail(position ? lineOfOffset(text, Number(position[1])) : 1, 'glossary-json', `not valid JSON: ${message}`);
  }
  const file_ = glossaryFileSchema.safeParse(json);
  if (!file_.success) {
    return fail(1, 'glossary-schema', 'expected an object {"entries": [{"terms": ["k8s", "kubernetes"]}, …]}');
  }
  const offsets = entryOffsets(text);
  const entries: GlossaryEntry[] = [];
  const seen = new Map<string, number>();
  file_.data.entries.forEach((raw, index) => {
    const line = lineOfOffset(text, offsets[index] ?? 0);
    const parsed = glossaryEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ');
      warnings.push({
        file,
        line,
        code: 'glossary-entry',
        message: `entry ${index + 1} skipped: ${detail}`,
        severity: 'error',
      });
      return;
    }
    for (const term of parsed.data.terms) {
      const key = normalizeForIndex(term);
      const first = seen.get(key);
      if (first !== undefined && first !== index) {
        warnings.push({
          file,
          line,
          code: 'glossary-duplicate',
          message: `"${term}" is also in entry ${first + 1}; the two entries are merged`,
          severity: 'warning',
        });
      } else seen.set(key, index);
    }
    entries.push({ terms: parsed.data.terms });
  });
  return { glossary: createGlossary(entries), warnings };
}
