/**
 * JSON knowledge files (glossary, challenge overlay) report their problems at a line, as note files do:
 * parse errors at the line JSON.parse names, invalid entries at the line their element starts.
 */

export type JsonText =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly line: number; readonly message: string };

/** JSON.parse (a leading BOM allowed) that never throws: a failure carries its line and a readable message. */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    return {
      ok: false,
      line: position ? lineOfOffset(text, Number(position[1])) : 1,
      message: `not valid JSON: ${message}`,
    };
  }
}

/**
 * Start offsets of the elements of the top-level `entries` array, found by a small scanner that tracks
 * strings and nesting, so an invalid entry can be reported at its own line.
 */
export function entryOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let entriesDepth = -1;
  let lastKey = '';
  let keyStart = -1;
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (depth === 1 && keyStart >= 0) lastKey = text.slice(keyStart + 1, i);
      }
      continue;
    }
    if (ch === '"') {
      if (depth === entriesDepth && expectValue) offsets.push(i);
      expectValue = false;
      inString = true;
      keyStart = depth === 1 ? i : -1;
      continue;
    }
    if (ch === '{' || ch === '[') {
      if (depth === entriesDepth && expectValue) offsets.push(i);
      expectValue = false;
      depth++;
      if (ch === '[' && depth === 2 && lastKey === 'entries') {
        entriesDepth = 2;
        expectValue = true;
      }
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth < entriesDepth) entriesDepth = -1;
    } else if (ch === ',' && depth === entriesDepth) expectValue = true;
    else if (expectValue && depth === entriesDepth && !/\s/.test(ch as string)) {
      offsets.push(i);
      expectValue = false;
    }
  }
  return offsets;
}

export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
