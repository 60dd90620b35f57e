/**
 * Bytes of a note file → text, with a warning (file:line) for every defect instead of a failure: a BOM is
 * dropped, invalid UTF-8 becomes U+FFFD, NUL bytes are removed, an empty or oversized file yields nothing.
 */
import { isUtf8 } from 'node:buffer';
import type { LoadWarning } from './types.js';

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface DecodedFile {
  /** `null` when the file yields no text at all (empty or too large). */
  readonly text: string | null;
  readonly warnings: LoadWarning[];
}

/** 1-based line number of a byte offset. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, or -1. Only called once `isUtf8` said the file is broken. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

export function decodeNoteFile(bytes: Uint8Array, file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): DecodedFile {
  const warnings: LoadWarning[] = [];
  const warn = (line: number, code: string, message: string, severity: LoadWarning['severity']) =>
    warnings.push({ file, line, code, message, severity });
  if (bytes.length > maxBytes) {
    warn(1, 'file-too-large', `${bytes.length} bytes is over the ${maxBytes}-byte limit; file skipped`, 'error');
    return { text: null, warnings };
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    warn(lineAt(bytes, at), 'invalid-utf8', `invalid UTF-8 at byte ${at}; read as U+FFFD`, 'error');
  }
  let text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    warn(line, 'nul-byte', 'NUL byte in a text file (binary data?); NUL bytes removed', 'error');
    text = text.replaceAll('\u0000', '');
  }
  if (text.trim().length === 0) {
    warn(1, 'empty-file', 'file has no notes', 'warning');
    return { text: null, warnings };
  }
  return { text, warnings };
}
