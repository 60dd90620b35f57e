/**
 * Parser for the seed's outline format: `--…` headline lines are top-level notes, `>` lines are bullets whose
 * depth comes from leading tabs and spaces, and a blank (or whitespace-only) line closes the block, so the
 * next `>` at column 0 starts a new top-level note.
 */
import { indentWidth, ParsedNotes, splitLines } from './outline-tree.js';
import { isSpace, splitTitleOf } from './title.js';

const MAX_BODY = 4000;
const BULLET = 0x3e; // >
const DASH = 0x2d;

/** Whether `raw[from…]` holds only white space (what `trim` removes). */
function isBlank(raw: string, from: number): boolean {
  for (let i = from; i < raw.length; i++) if (!isSpace(raw.charCodeAt(i))) return false;
  return true;
}

export function parseOutline(text: string, file: string): ParsedNotes {
  const notes = new ParsedNotes();
  const { warnings } = notes;
  // The items lines may still nest under, innermost last, with their indentation widths (a headline is -1, so
  // a `>` at column 0 nests under it).
  const openItems: number[] = [];
  const openWidths: number[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = i + 1;
    let indent = 0;
    while (indent < raw.length && (raw.charCodeAt(indent) === 0x20 || raw.charCodeAt(indent) === 0x09)) indent++;
    if (indent === raw.length) {
      openItems.length = 0;
      openWidths.length = 0;
      continue;
    }
    const width = indentWidth(raw, indent);
    const isHeadline = width === 0 && raw.startsWith('--', indent);
    const isBullet = raw.charCodeAt(indent) === BULLET;
    if (!isHeadline && !isBullet) {
      const current = openItems[openItems.length - 1];
      if (current !== undefined) notes.appendBody(current, raw.slice(indent).replace(/\t+/g, ' ').trim(), MAX_BODY);
      else pushRoot(raw, indent, line);
      continue;
    }
    let contentStart = indent + 1;
    if (isHeadline) while (raw.charCodeAt(contentStart) === DASH) contentStart++;
    if (isBlank(raw, contentStart)) {
      warnings.push({
        file,
        line,
        code: 'empty-item',
        message: `${isHeadline ? 'headline' : 'bullet'} without text; skipped`,
        severity: 'warning',
      });
      continue;
    }
    if (isHeadline) {
      pushRoot(raw, contentStart, line);
      continue;
    }
    while (openWidths.length > 0 && (openWidths[openWidths.length - 1] as number) >= width) {
      openWidths.pop();
      openItems.pop();
    }
    const parent = openItems[openItems.length - 1] ?? -1;
    const { title, body } = splitTitleOf(raw, contentStart, raw.length);
    if (parent < 0 && width > 0) {
      warnings.push({
        file,
        line,
        code: 'orphan-indent',
        message: 'indented bullet with nothing above it to nest under; read as a top-level note',
        severity: 'warning',
      });
    }
    openItems.push(notes.add(title, body, line, parent));
    openWidths.push(width);
  }
  return notes;

  /** A top-level note from `raw[start…]`; it is what the bullets below it nest under. */
  function pushRoot(raw: string, start: number, line: number): void {
    const { title, body } = splitTitleOf(raw, start, raw.length);
    openItems.length = 0;
    openWidths.length = 0;
    openItems.push(notes.add(title, body, line, -1));
    openWidths.push(-1);
  }
}
