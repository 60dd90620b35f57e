/**
 * Parser for the seed's outline format: `--…` headline lines are top-level notes, `>` lines are bullets whose
 * depth comes from leading tabs and spaces, and a blank (or whitespace-only) line closes the block, so the
 * next `>` at column 0 starts a new top-level note.
 */
import {
  addChild,
  appendBody,
  indentWidth,
  newItem,
  splitLines,
  type OutlineItem,
  type ParsedNotes,
} from './outline-tree.js';
import { splitTitle } from './title.js';
import type { LoadWarning } from './types.js';

/** Headlines are width -1 so that a `>` at column 0 nests under them. */
interface Open {
  readonly width: number;
  readonly item: OutlineItem;
}

const MAX_BODY = 4000;

export function parseOutline(text: string, file: string): ParsedNotes {
  const roots: OutlineItem[] = [];
  const warnings: LoadWarning[] = [];
  let open: Open[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = i + 1;
    let indent = 0;
    while (indent < raw.length && (raw.charCodeAt(indent) === 0x20 || raw.charCodeAt(indent) === 0x09)) indent++;
    if (indent === raw.length) {
      open = [];
      continue;
    }
    const rest = indent > 0 ? raw.slice(indent) : raw;
    const width = indentWidth(raw, indent);
    const isHeadline = width === 0 && rest.startsWith('--');
    const isBullet = rest.startsWith('>');
    if (!isHeadline && !isBullet) {
      const current = open[open.length - 1];
      if (current) appendBody(current.item, rest.replace(/\t+/g, ' ').trim(), MAX_BODY);
      else pushRoot(rest, line, -1);
      continue;
    }
    const content = isHeadline ? rest.replace(/^-+/, '') : rest.slice(1);
    if (content.trim().length === 0) {
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
      open = [];
      pushRoot(content, line, -1);
      continue;
    }
    while (open.length > 0 && (open[open.length - 1] as Open).width >= width) open.pop();
    const parent = open[open.length - 1];
    const { title, body } = splitTitle(content);
    const item = newItem(title, body, line);
    if (parent) addChild(parent.item, item);
    else {
      if (width > 0) {
        warnings.push({
          file,
          line,
          code: 'orphan-indent',
          message: 'indented bullet with nothing above it to nest under; read as a top-level note',
          severity: 'warning',
        });
      }
      roots.push(item);
    }
    open.push({ width, item });
  }
  return { roots, warnings };

  function pushRoot(content: string, line: number, width: number): void {
    const { title, body } = splitTitle(content);
    const item = newItem(title, body, line);
    roots.push(item);
    open = [{ width, item }];
  }
}
