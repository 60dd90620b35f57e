/**
 * The curated challenge overlay (`knowledge/challenges.json`): hand-written pain and fix concepts, prompts and
 * model answers for topics named by title or by path. Validated by zod entry by entry, so a bad entry is an
 * error with its file:line (and JSON path) and the rest still loads. Curated entries win over derivation.
 */
import { z } from 'zod';
import type { Concept } from '../grading/types.js';
import { entryOffsets, lineOfOffset, parseJsonText } from '../knowledge/json-lines.js';
import { normalizedNodes } from '../knowledge/normalized.js';
import type { KnowledgeGraph, LoadWarning, NodeId } from '../knowledge/types.js';
import { normalizeForIndex } from '../text/tokenize.js';

export const OVERLAY_FILE = 'challenges.json';

const text = z.string().trim().min(1, 'must not be blank');

export const conceptSchema = z.strictObject({
  label: text,
  aliases: z.array(text).default([]),
  weight: z.number().positive().max(10).default(1),
});

/** A title (`"Redis Cluster"`), a path string (`"缓存选型 > redis"`) or a path array (`["缓存选型", "redis"]`). */
export const topicRefSchema = z.union([text, z.array(text).min(1)]);

export const promptSchema = z.union([
  text,
  z
    .strictObject({ zh: text.optional(), en: text.optional() })
    .refine((p) => p.zh !== undefined || p.en !== undefined, 'give zh, en or both'),
]);

export const overlayEntrySchema = z.strictObject({
  topic: topicRefSchema,
  prompt: promptSchema.optional(),
  pain: z.array(conceptSchema).min(1, 'needs at least one pain concept'),
  fix: z.array(conceptSchema).min(1, 'needs at least one fix concept'),
  modelAnswer: text.optional(),
});

export const overlayFileSchema = z.object({
  description: z.string().optional(),
  entries: z.array(z.unknown()),
});

export type OverlayEntry = z.infer<typeof overlayEntrySchema>;

export interface CuratedEntry {
  readonly topicId: NodeId;
  /** 0-based index in `entries`, and the line where the entry starts. */
  readonly index: number;
  readonly line: number;
  /** The reference as written, for reports. */
  readonly ref: string;
  readonly prompt?: string;
  readonly pain: readonly Concept[];
  readonly fix: readonly Concept[];
  readonly modelAnswer?: string;
}

export interface ParsedOverlay {
  readonly entries: readonly CuratedEntry[];
  readonly warnings: readonly LoadWarning[];
}

/** Titles compared without case, width, script variant or spaces: `缓存引进的必要原因` finds `缓存引进的 必要原因`. */
function titleKey(title: string): string {
  return normalizeForIndex(title).replace(/ /g, '');
}

export interface TitleIndex {
  /** Nodes whose path ends with these titles (one title: every node with that title). */
  resolve(path: readonly string[]): readonly NodeId[];
}

export function createTitleIndex(graph: KnowledgeGraph): TitleIndex {
  const byTitle = new Map<string, NodeId[]>();
  // The titles' normalized form is computed once per graph (a reload's worker computed it): normalizing every
  // title again here held the event loop for a quarter of a second on a 10 MB tree.
  const { titles } = normalizedNodes(graph);
  let at = 0;
  for (const node of graph.nodes.values()) {
    const key = (titles[at++] as string).replace(/ /g, '');
    const list = byTitle.get(key);
    if (list) list.push(node.id);
    else byTitle.set(key, [node.id]);
  }
  return {
    resolve(path) {
      const keys = path.map(titleKey);
      const candidates = byTitle.get(keys[keys.length - 1] as string) ?? [];
      return candidates.filter((id) => {
        const nodePath = (graph.nodes.get(id) as { path: readonly string[] }).path;
        if (nodePath.length < keys.length) return false;
        const offset = nodePath.length - keys.length;
        return keys.every((key, i) => titleKey(nodePath[offset + i] as string) === key);
      });
    },
  };
}

function refPath(ref: string | readonly string[]): string[] {
  if (typeof ref !== 'string') return [...ref];
  return ref.includes('>')
    ? ref
        .split('>')
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : [ref];
}

function promptText(prompt: OverlayEntry['prompt']): string | undefined {
  if (prompt === undefined || typeof prompt === 'string') return prompt;
  return [prompt.zh, prompt.en].filter((p) => p !== undefined).join('\n');
}

/** Parses and resolves the overlay against the graph; never throws. */
export function parseOverlay(source: string, titles: TitleIndex, file = OVERLAY_FILE): ParsedOverlay {
  const warnings: LoadWarning[] = [];
  const warn = (line: number, code: string, message: string, severity: LoadWarning['severity'] = 'error') =>
    warnings.push({ file, line, code, message, severity });
  const parsed = parseJsonText(source);
  if (!parsed.ok) {
    warn(parsed.line, 'overlay-json', parsed.message);
    return { entries: [], warnings };
  }
  const json = parsed.value;
  const whole = overlayFileSchema.safeParse(json);
  if (!whole.success) {
    warn(1, 'overlay-schema', 'expected an object {"entries": [{"topic", "pain": [...], "fix": [...]}, …]}');
    return { entries: [], warnings };
  }
  const offsets = entryOffsets(source);
  const entries: CuratedEntry[] = [];
  const claimed = new Map<NodeId, number>();
  whole.data.entries.forEach((raw, index) => {
    const line = lineOfOffset(source, offsets[index] ?? 0);
    const where = `entries[${index}]`;
    const parsed = overlayEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map(
          (issue) =>
            `${[where, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('')}: ${issue.message}`,
        )
        .join('; ');
      warn(line, 'overlay-entry', `entry skipped: ${detail}`);
      return;
    }
    const entry = parsed.data;
    const path = refPath(entry.topic);
    const ref = path.join(' > ');
    const ids = titles.resolve(path);
    if (ids.length === 0) {
      warn(line, 'overlay-unknown-topic', `${where}: topic "${ref}" matches no node; entry skipped`);
      return;
    }
    if (ids.length > 1) {
      warn(
        line,
        'overlay-ambiguous-topic',
        `${where}: topic "${ref}" matches ${ids.length} nodes; give more of its path (a > b > c); entry skipped`,
      );
      return;
    }
    const topicId = ids[0] as NodeId;
    const earlier = claimed.get(topicId);
    if (earlier !== undefined) {
      warn(
        line,
        'overlay-duplicate-topic',
        `${where}: topic "${ref}" already curated by entries[${earlier}]; entry skipped`,
      );
      return;
    }
    claimed.set(topicId, index);
    const prompt = promptText(entry.prompt);
    entries.push({
      topicId,
      index,
      line,
      ref,
      ...(prompt !== undefined ? { prompt } : {}),
      pain: entry.pain,
      fix: entry.fix,
      ...(entry.modelAnswer !== undefined ? { modelAnswer: entry.modelAnswer } : {}),
    });
  });
  return { entries, warnings };
}
