/**
 * Fitting text into a platform's length limits without breaking it badly: prefer paragraph, line and word
 * boundaries, never cut a surrogate pair in half, and mark a cut with an ellipsis. Limits are counted in UTF-16
 * code units, which is never less than the code-point count the platforms measure, so a fitted text always fits.
 */

const ELLIPSIS = '…';

/** Back off one unit when `index` would separate a high surrogate from its low one. */
function safeCut(text: string, index: number): number {
  if (index <= 0 || index >= text.length) return Math.max(0, Math.min(index, text.length));
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/** `text` cut to at most `max` units, ending in an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return text.slice(0, safeCut(text, max));
  return `${text.slice(0, safeCut(text, max - ELLIPSIS.length)).trimEnd()}${ELLIPSIS}`;
}

/** Where to end a chunk of at most `max` units: the last paragraph, line, sentence or word break that keeps it fuller than half. */
function breakPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const separator of ['\n\n', '\n', '。', '. ', ' ']) {
    const at = window.lastIndexOf(separator);
    const end = at + (separator === '。' || separator === '. ' ? separator.trimEnd().length : 0);
    if (at > max / 2 && end <= max) return end;
  }
  return safeCut(text, max);
}

/** `text` split into chunks of at most `max` units each (at least one chunk, possibly empty). */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const end = Math.max(1, breakPoint(rest, max));
    chunks.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).replace(/^\s+/, '');
  }
  chunks.push(rest);
  return chunks;
}
