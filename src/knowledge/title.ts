/**
 * `title：body` / `title: body` splitting shared by the note parsers. A colon separates only when it is
 * full-width, or an ASCII colon that is not glued between two non-space ASCII characters — so a URL
 * (`http://`), a time (`9:00`), a port mapping (`docker run -p 8080:8080`) or an image tag (`app:0.1.0`) stay
 * in one piece, while `技术选型:选型因素` and `Pod: 一个逻辑主机` split.
 */

export interface TitleAndBody {
  readonly title: string;
  readonly body: string;
}

/** What `\s` (and `String.prototype.trim`) counts as white space. */
export function isSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** `;`, `；`, `。` and `.`, dropped from the end of a title with white space. */
function isTrailingMark(code: number): boolean {
  return code === 0x3b || code === 0xff1b || code === 0x3002 || code === 0x2e;
}

function isAsciiNonSpace(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

const FULL_WIDTH_COLON = 0xff1a;
const COLON = 0x3a;

/** Where `text[start, end)` (already trimmed) splits into title and body; -1 when it does not. */
function separatorIndex(text: string, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === FULL_WIDTH_COLON) return i;
    if (code !== COLON) continue;
    const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
    if (next === 0x2f || next === 0x5c) continue; // `/` or `\`: a URL or a Windows path
    if (isAsciiNonSpace(text.charCodeAt(i - 1)) && isAsciiNonSpace(next)) continue;
    return i;
  }
  return -1;
}

/**
 * Trailing `;`, `；`, `。` and runs of `.` go (and leading backslashes: the seed separates sibling topics with
 * one, `\内存利用率`, and it is not part of the name); an all-punctuation title is kept as written.
 * Character loops, not end-anchored regular expressions, which would be tried at every position of every title.
 */
export function trimTitle(title: string): string {
  return trimmedTitleOf(title, 0, title.length);
}

/** `trimTitle(text.slice(start, end))`, slicing once. */
function trimmedTitleOf(text: string, start: number, end: number): string {
  let wholeStart = start;
  let wholeEnd = end;
  while (wholeStart < wholeEnd && isSpace(text.charCodeAt(wholeStart))) wholeStart++;
  while (wholeEnd > wholeStart && isSpace(text.charCodeAt(wholeEnd - 1))) wholeEnd--;
  let last = wholeEnd;
  while (last > wholeStart && (isTrailingMark(text.charCodeAt(last - 1)) || isSpace(text.charCodeAt(last - 1)))) last--;
  let first = wholeStart;
  while (first < last && (text.charCodeAt(first) === 0x5c || isSpace(text.charCodeAt(first)))) first++;
  return first < last ? text.slice(first, last) : text.slice(wholeStart, wholeEnd);
}

/** Tabs inside a line are content, not indentation: they read as one space. */
export function splitTitle(content: string): TitleAndBody {
  return splitTitleOf(content, 0, content.length);
}

/** `splitTitle(line.slice(start, end))`, slicing only the title and the body out of the line. */
export function splitTitleOf(line: string, start: number, end: number): TitleAndBody {
  const tab = line.indexOf('\t', start);
  if (tab >= 0 && tab < end) {
    const text = line.slice(start, end).replace(/\t+/g, ' ');
    return splitTitleOf(text, 0, text.length);
  }
  let from = start;
  let to = end;
  while (from < to && isSpace(line.charCodeAt(from))) from++;
  while (to > from && isSpace(line.charCodeAt(to - 1))) to--;
  const at = separatorIndex(line, from, to);
  if (at > from) {
    const title = trimmedTitleOf(line, from, at);
    if (title.length > 0) {
      let bodyStart = at + 1;
      while (bodyStart < to && isSpace(line.charCodeAt(bodyStart))) bodyStart++;
      return { title, body: line.slice(bodyStart, to) };
    }
  }
  return { title: trimmedTitleOf(line, from, to), body: '' };
}
