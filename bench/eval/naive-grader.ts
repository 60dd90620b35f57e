/**
 * The naive lexical-overlap baseline the evaluation compares the tutor with: no concepts, no dictionary, no
 * structure. A text's features are its Han character bigrams (two adjacent Han characters) and its Latin words
 * (runs of a–z and 0–9), after NFKC and lower-casing. A reply's score is the share of the topic's note features
 * that the reply also has: 100 × |reply ∩ notes| / |notes| (0 for notes with no feature) — how much of the notes
 * the reply covers. (The other ratio, the share of the reply's features found in the notes, rewards any short
 * fragment of the notes: on the tune half no threshold of it beats failing every reply.) Its pass threshold is
 * not fixed: the harness picks the one that agrees best with the labels of the tune half.
 */

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z0-9]+/g;

/** The distinct Han bigrams and Latin words of a text. */
export function naiveFeatures(text: string): Set<string> {
  const folded = text.normalize('NFKC').toLowerCase();
  const features = new Set<string>();
  for (const [run] of folded.matchAll(HAN_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) features.add(`${chars[i]}${chars[i + 1]}`);
  }
  for (const [word] of folded.matchAll(LATIN_WORD)) features.add(word);
  return features;
}

/** 0–100: the share of the notes' features that the reply has too. */
export function naiveScore(reply: string, notes: ReadonlySet<string>): number {
  if (notes.size === 0) return 0;
  let shared = 0;
  for (const feature of naiveFeatures(reply)) if (notes.has(feature)) shared++;
  return (100 * shared) / notes.size;
}
