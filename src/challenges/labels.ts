/**
 * Which nodes of the notes are labels and which are asides. A label (`痛点`, `解法`, `Pain`, `Fix`,
 * `缺点`, `Disadvantage(s): sharding`, `回写模式的缺点：`) only names the role of the text under it: it is never a
 * topic of its own, it feeds its parent. An aside (`注意`, `Note`, `Tips`, `来源及延伸阅读`, `Source(s) and further
 * reading`) is kept for lookup but is neither a topic nor a pain or a fix.
 */
import { normalizeForIndex } from '../text/tokenize.js';

export type LabelRole = 'pain' | 'fix' | 'drawback';

/** Longest title that can be a bare label (`Disadvantage(s): master-slave replication` is 42 characters). */
const MAX_LABEL_TITLE = 60;

/*
 * Role words, matched on the normalized title (lower case, punctuation → one space). Order matters: a
 * drawback word is tested before the pain words it contains (`引入的问题` before `问题`).
 */
const DRAWBACK_WORDS =
  /缺点|缺陷|不利之处|弊端|劣势|不足之处|不足|局限性|局限|引入的问题|引进的问题|带来的问题|新的问题|新问题|新痛点|副作用|代价|drawbacks?|disadvantages?|downsides?|cons|limitations?|trade ?offs?|side effects?|caveats? of/g;
const PAIN_WORDS =
  /痛点|问题|难点|挑战|症状|现象|背景|原因|pain points?|pains?|problems?|issues?|symptoms?|challenges?|motivation|why/g;
const FIX_WORDS =
  /解决方案|解决办法|解决方法|解决思路|解决|解法|方案|对策|办法|措施|做法|处理|修复|应对|fix(?:es)?|solutions?|remed(?:y|ies)|mitigations?|workarounds?|how to fix|resolution/g;

/** Cheap test on the raw title before normalizing it: every label holds one of these (most titles hold none). */
const ROLE_HINT =
  /缺|不利|弊|劣|不足|局限|问题|痛点|副作用|代价|难点|挑战|症状|现象|背景|原因|解|方案|对策|办法|措施|做法|处理|修复|应对|drawback|disadvantage|downside|cons|limitation|trade|side effect|caveat|pain|problem|issue|symptom|challenge|motivation|why|fix|solution|remed|mitigation|workaround|resolution/i;

/** Words that only qualify a role word (`新的`, `主要`, `the`, `s` of `(s)`): nothing is left of a label after them. */
const QUALIFIERS =
  /的|主要|常见|核心|可能|存在|失败|带来|引入|引进|相关|及|和|与|其|该|此|\b(?:the|a|an|main|key|common|possible|known|and|of|s)\b/g;

/** Titles of asides: kept for lookup, never a topic, a pain or a fix. */
const ASIDE =
  /^(?:注意|注意事项|备注|提示|说明|重要|小结|总结|参考|参考资料|延伸阅读|来源及延伸阅读|相关资源和延伸阅读|相关资源|工具|常用工具|示例|例子|note|notes|caveat|caveats|warning|tip|tips|summary|see also|references?|further reading|tools?|examples?)$|来源及延伸阅读|延伸阅读|further reading|^sources?\b/;

function stripped(normalized: string, words: RegExp): { rest: string; found: boolean } {
  let found = false;
  const rest = normalized.replace(words, () => {
    found = true;
    return ' ';
  });
  return { rest, found };
}

/** What is left of a title once its role words, qualifiers and spaces are gone. */
function remainder(text: string): string {
  return text.replace(QUALIFIERS, ' ').replace(/\s+/g, '');
}

/**
 * The role a label names, or `null` when the title names a topic. `ancestors`: normalized titles above the
 * node; a label may repeat one of them (`Disadvantage(s): sharding` under `Sharding`, `缺陷：水平扩展`).
 */
export function labelRole(
  title: string,
  ancestors: readonly string[] | (() => readonly string[]) = [],
): LabelRole | null {
  if (title.length > MAX_LABEL_TITLE || !ROLE_HINT.test(title)) return null;
  const normalized = normalizeForIndex(title);
  for (const [role, words] of [
    ['drawback', DRAWBACK_WORDS],
    ['fix', FIX_WORDS],
    ['pain', PAIN_WORDS],
  ] as const) {
    const { rest, found } = stripped(normalized, words);
    if (!found) continue;
    // Every role word goes before the test: a title naming both (`问题与解决`) is a label of the first role tried.
    const left = remainder(stripped(stripped(stripped(rest, DRAWBACK_WORDS).rest, FIX_WORDS).rest, PAIN_WORDS).rest);
    if (left.length === 0) return role;
    return repeatsAncestor(left, typeof ancestors === 'function' ? ancestors() : ancestors) ? role : null;
  }
  return null;
}

/** Ancestors a label may name: the nearest two (`不利之处：复制` under `主主复制` under `复制`). */
const NAMED_ANCESTORS = 2;

function repeatsAncestor(left: string, ancestors: readonly string[]): boolean {
  return ancestors.slice(-NAMED_ANCESTORS).some((a) => a.replace(/\s+/g, '').includes(left));
}

/** An aside: a note about notes (`注意`, `Source(s) and further reading`), never a topic. */
export function isAside(title: string): boolean {
  return ASIDE_HINT.test(title) && ASIDE.test(normalizeForIndex(title));
}

/** Cheap test on the raw title: every aside holds one of these. */
const ASIDE_HINT =
  /注意|备注|提示|说明|重要|小结|总结|参考|阅读|相关资源|工具|示例|例子|note|caveat|warning|tip|summary|see also|reference|reading|tool|example|source/i;
