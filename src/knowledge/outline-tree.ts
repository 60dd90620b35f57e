/**
 * What the note parsers produce: the items of a file in document order, as parallel arrays (a 100k-item file
 * makes no object per item), each with its source line and its parent's index (-1: a top-level note).
 */
import type { LoadWarning } from './types.js';

export class ParsedNotes {
  readonly titles: string[] = [];
  readonly bodies: string[] = [];
  /** 1-based line in the source file. */
  readonly lines: number[] = [];
  readonly parents: number[] = [];
  readonly warnings: LoadWarning[] = [];

  get size(): number {
    return this.titles.length;
  }

  /** Adds an item under `parent` (-1: top level) and returns its index. */
  add(title: string, body: string, line: number, parent: number): number {
    this.titles.push(title);
    this.bodies.push(body);
    this.lines.push(line);
    this.parents.push(parent);
    return this.titles.length - 1;
  }

  appendBody(item: number, text: string, maxLength: number): void {
    const body = this.bodies[item] as string;
    if (text.length === 0 || body.length >= maxLength) return;
    const joined = body.length > 0 ? `${body} ${text}` : text;
    this.bodies[item] = joined.length > maxLength ? joined.slice(0, maxLength) : joined;
  }
}

const TAB_STOP = 4;

/**
 * Display width of leading indentation: a space is one column, a tab moves to the next multiple of four.
 * Depth is then decided relative to the lines above (deeper than the open item → its child), so `\t>` and
 * ` >` both sit one level under `>`, and a file that mixes tabs and spaces still nests the way it looks.
 * `end`: the indentation is `indent[0, end)`, so a caller need not slice it off the line.
 */
export function indentWidth(indent: string, end = indent.length): number {
  let width = 0;
  for (let i = 0; i < end; i++) {
    width = indent.charCodeAt(i) === 0x09 ? (Math.floor(width / TAB_STOP) + 1) * TAB_STOP : width + 1;
  }
  return width;
}

/** Splits on LF, CRLF and lone CR (a plain string split when there is no CR: several times faster on 10 MB). */
export function splitLines(text: string): string[] {
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}
