/** What the note parsers produce: a plain tree of titled items with their source line, before ids and edges. */
import type { LoadWarning } from './types.js';

export interface OutlineItem {
  title: string;
  body: string;
  /** 1-based line in the source file. */
  readonly line: number;
  readonly children: OutlineItem[];
}

export interface ParsedNotes {
  readonly roots: OutlineItem[];
  readonly warnings: LoadWarning[];
}

const TAB_STOP = 4;

/**
 * Display width of leading indentation: a space is one column, a tab moves to the next multiple of four.
 * Depth is then decided relative to the lines above (deeper than the open item → its child), so `\t>` and
 * ` >` both sit one level under `>`, and a file that mixes tabs and spaces still nests the way it looks.
 */
export function indentWidth(indent: string): number {
  let width = 0;
  for (const ch of indent) width = ch === '\t' ? (Math.floor(width / TAB_STOP) + 1) * TAB_STOP : width + 1;
  return width;
}

/** Splits on LF, CRLF and lone CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function appendBody(item: OutlineItem, text: string, maxLength: number): void {
  if (text.length === 0 || item.body.length >= maxLength) return;
  const joined = item.body.length > 0 ? `${item.body} ${text}` : text;
  item.body = joined.length > maxLength ? joined.slice(0, maxLength) : joined;
}
