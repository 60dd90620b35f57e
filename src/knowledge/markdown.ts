/**
 * Markdown outlines: `#` headings nest by level, `-`/`*`/`+`/`1.` bullets nest by indentation under the
 * heading above them, paragraph text becomes the body of the heading (or of the bullet it is indented under;
 * prose before the first heading has no topic to belong to and is left out).
 * Code fences, HTML blocks, tables, horizontal rules and images carry no outline and are skipped.
 */
import { indentWidth, ParsedNotes, splitLines } from './outline-tree.js';
import { splitTitle, trimTitle } from './title.js';

interface OpenHeading {
  readonly level: number;
  readonly item: number;
}

interface OpenBullet {
  readonly width: number;
  readonly item: number;
}

const MAX_BODY = 2000;
const FENCE = /^\s*(```|~~~)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^([ \t]*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;
const RULE = /^\s*([-*_])(?:\s*\1){2,}\s*$/;
const SKIPPED_BLOCK = /^\s*(?:<|\|)/;

/** Inline Markdown → plain text: images dropped, links keep their text, emphasis and code marks removed. */
export function plainInline(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseMarkdown(text: string, file: string): ParsedNotes {
  const notes = new ParsedNotes();
  const headings: OpenHeading[] = [];
  let bullets: OpenBullet[] = [];
  let inFence = false;
  let fenceLine = 0;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = i + 1;
    if (FENCE.test(raw)) {
      inFence = !inFence;
      fenceLine = line;
      continue;
    }
    if (inFence || raw.trim().length === 0 || RULE.test(raw) || SKIPPED_BLOCK.test(raw)) continue;
    const heading = HEADING.exec(raw);
    if (heading) {
      const title = trimTitle(plainInline(heading[2] as string));
      if (title.length === 0) continue;
      const level = (heading[1] as string).length;
      while (headings.length > 0 && (headings[headings.length - 1] as OpenHeading).level >= level) headings.pop();
      const item = notes.add(title, '', line, headings[headings.length - 1]?.item ?? -1);
      headings.push({ level, item });
      bullets = [];
      continue;
    }
    const bullet = BULLET.exec(raw);
    if (bullet) {
      const content = plainInline(bullet[2] as string);
      if (content.length === 0) continue;
      const width = indentWidth(bullet[1] as string);
      while (bullets.length > 0 && (bullets[bullets.length - 1] as OpenBullet).width >= width) bullets.pop();
      const { title, body } = splitTitle(content);
      const parent = bullets[bullets.length - 1]?.item ?? headings[headings.length - 1]?.item ?? -1;
      bullets.push({ width, item: notes.add(title, body, line, parent) });
      continue;
    }
    const paragraph = plainInline(raw);
    const indented = /^[ \t]{2,}/.test(raw);
    const owner = (indented ? bullets[bullets.length - 1]?.item : undefined) ?? headings[headings.length - 1]?.item;
    if (owner !== undefined) notes.appendBody(owner, paragraph, MAX_BODY);
  }
  if (inFence) {
    notes.warnings.push({
      file,
      line: fenceLine,
      code: 'unclosed-fence',
      message: 'code fence never closed; the rest of the file was read as code',
      severity: 'warning',
    });
  }
  return notes;
}
