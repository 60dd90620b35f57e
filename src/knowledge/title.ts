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
function isSpace(code: number): boolean {
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

function isAsciiNonSpace(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  return code > 0x20 && code < 0x7f;
}

function separatorIndex(text: string): number {
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '：') return i;
    if (ch !== ':') continue;
    const next = text[i + 1];
    if (next === '/' || next === '\\') continue;
    if (isAsciiNonSpace(text[i - 1]) && isAsciiNonSpace(next)) continue;
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
  const whole = title.trim();
  let end = whole.length;
  while (end > 0 && (isTrailingMark(whole.charCodeAt(end - 1)) || isSpace(whole.charCodeAt(end - 1)))) end--;
  let start = 0;
  while (start < end && (whole.charCodeAt(start) === 0x5c || isSpace(whole.charCodeAt(start)))) start++;
  return start < end ? whole.slice(start, end) : whole;
}

/** Tabs inside a line are content, not indentation: they read as one space. */
export function splitTitle(content: string): TitleAndBody {
  const text = (content.includes('\t') ? content.replace(/\t+/g, ' ') : content).trim();
  const at = separatorIndex(text);
  if (at > 0) {
    const title = trimTitle(text.slice(0, at));
    if (title.length > 0) return { title, body: text.slice(at + 1).trim() };
  }
  return { title: trimTitle(text), body: '' };
}
