/**
 * The glossary (`knowledge/glossary.json`): sets of interchangeable terms (k8s ⇄ kubernetes, 缓存 ⇄ cache).
 * Validated by zod entry by entry, so one bad entry is a warning with its file:line and the rest still load.
 * Terms are compared in their normalized form; a term listed in two entries joins them.
 */
import { z } from 'zod';
import { normalizeForIndex } from '../text/tokenize.js';
import { entryOffsets, lineOfOffset, parseJsonText } from './json-lines.js';
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

export function parseGlossary(text: string, file: string): ParsedGlossary {
  const warnings: LoadWarning[] = [];
  const fail = (line: number, code: string, message: string): ParsedGlossary => {
    warnings.push({ file, line, code, message, severity: 'error' });
    return { glossary: EMPTY_GLOSSARY, warnings };
  };
  const parsed = parseJsonText(text);
  if (!parsed.ok) return fail(parsed.line, 'glossary-json', parsed.message);
  const json = parsed.value;
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
