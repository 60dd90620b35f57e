/**
 * `loadKnowledgeGraph(dir)`: reads every note file under the knowledge directory (.txt, .outline, .md,
 * .markdown; glossary and overlay JSON are not notes) and the glossary, then builds the graph. Nothing here
 * throws on bad content: every defect is a warning with file:line and the rest still loads. A knowledge folder
 * that is missing, not a folder or unreadable is no content at all, and throws `KnowledgeRootError`: carrying on
 * with an empty graph only moves the problem to a puzzling "the knowledge base is empty" later.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeNoteFile, DEFAULT_MAX_FILE_BYTES } from './decode.js';
import { EMPTY_GLOSSARY, parseGlossary } from './glossary.js';
import { buildGraph, isNoteFile, type NoteFile } from './graph.js';
import type { Glossary, KnowledgeGraph, LoadWarning } from './types.js';

export const GLOSSARY_FILE = 'glossary.json';

export class KnowledgeRootError extends Error {
  override readonly name = 'KnowledgeRootError';
}

function rootProblem(dir: string, error: unknown): KnowledgeRootError {
  const code = (error as NodeJS.ErrnoException).code;
  const what =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'ENOTDIR'
        ? 'is not a folder'
        : `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  return new KnowledgeRootError(`the knowledge folder ${dir} ${what}: set TUTOR_KNOWLEDGE (or --knowledge)`, {
    cause: error,
  });
}

export interface LoadOptions {
  /** Files larger than this are skipped with an error (default 64 MiB). */
  readonly maxFileBytes?: number;
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

async function loadGlossary(root: string, warnings: LoadWarning[]): Promise<Glossary> {
  let text: string;
  try {
    text = await readFile(path.join(root, GLOSSARY_FILE), 'utf8');
  } catch {
    return EMPTY_GLOSSARY;
  }
  const parsed = parseGlossary(text, GLOSSARY_FILE);
  warnings.push(...parsed.warnings);
  return parsed.glossary;
}

export async function loadKnowledgeGraph(dir: string, options: LoadOptions = {}): Promise<KnowledgeGraph> {
  const warnings: LoadWarning[] = [];
  let names: string[];
  try {
    names = await listFiles(dir);
  } catch (error) {
    throw rootProblem(dir, error);
  }
  const glossary = await loadGlossary(dir, warnings);
  const noteNames = names.filter((name) => {
    if (isNoteFile(name)) return true;
    if (!name.toLowerCase().endsWith('.json')) {
      warnings.push({
        file: name,
        line: 0,
        code: 'unsupported-file',
        message: 'not a note file (.txt, .outline, .md, .markdown); ignored',
        severity: 'warning',
      });
    }
    return false;
  });
  // Read synchronously: the promise API reads a large file in 512 KiB round trips through the thread pool (a
  // tenth of a 10 MB load spent idle), and parsing what is read blocks this thread far longer anyway.
  const decoded = noteNames.map((name) => {
    const bytes = readFileSync(path.join(dir, name));
    return { name, ...decodeNoteFile(bytes, name, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES) };
  });
  const files: NoteFile[] = [];
  for (const file of decoded) {
    warnings.push(...file.warnings);
    if (file.text !== null) files.push({ path: file.name, text: file.text });
  }
  return buildGraph(files, glossary, warnings);
}
