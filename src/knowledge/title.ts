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

const TRAILING = /[\s;；。.]+$/u;
/** The seed separates sibling topics with a leading backslash (`\内存利用率`); it is not part of the name. */
const LEADING = /^[\s\\]+/u;

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

/** Trailing `;`, `；`, `。` and runs of `.` go (and leading backslashes); an all-punctuation title is kept as written. */
export function trimTitle(title: string): string {
  const trimmed = title.trim().replace(TRAILING, '').replace(LEADING, '');
  return trimmed.length > 0 ? trimmed : title.trim();
}

/** Tabs inside a line are content, not indentation: they read as one space. */
export function splitTitle(content: string): TitleAndBody {
  const text = content.replace(/\t+/g, ' ').trim();
  const at = separatorIndex(text);
  if (at > 0) {
    const title = trimTitle(text.slice(0, at));
    if (title.length > 0) return { title, body: text.slice(at + 1).trim() };
  }
  return { title: trimTitle(text), body: '' };
}
