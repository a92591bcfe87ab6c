// Finding rule files on disk for the workspace index: a breadth-first walk of the workspace
// folders, asynchronous (the server keeps answering meanwhile) and bounded, skipping folders that
// never hold hand-written rules.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';

export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', '.cache']);
export const DEFAULT_MAX_FILES = 5000;

export interface FindOptions {
  /** Stop after this many matching files. */
  maxFiles?: number;
  /** Which file names to keep; default *.yml and *.yaml. */
  accept?: (fileName: string) => boolean;
}

const isYaml = (name: string): boolean => /\.ya?ml$/i.test(name);

/** Paths of matching files under `roots`, nearest first; unreadable folders are skipped. */
export async function findFiles(roots: readonly string[], opts: FindOptions = {}): Promise<string[]> {
  const max = opts.maxFiles ?? DEFAULT_MAX_FILES;
  const accept = opts.accept ?? isYaml;
  const out: string[] = [];
  const queue = [...roots];
  const seen = new Set<string>();
  while (queue.length > 0 && out.length < max) {
    const dir = queue.shift()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(e.name)) queue.push(full);
      } else if (e.isFile() && accept(e.name)) {
        out.push(full);
        if (out.length >= max) break;
      }
    }
  }
  return out;
}
