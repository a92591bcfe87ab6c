// Links from prometheus.yml and rule test files to the files they name: rule_files,
// scrape_config_files, file_sd `files`, and every `*_file` setting (TLS, passwords, tokens).
// Relative paths resolve against the file's folder, as Prometheus and promtool resolve them; a
// pattern links when it names exactly one existing file, a plain path when the file exists.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';

export interface FileLink {
  start: number;
  end: number;
  /** Absolute path of the file linked to. */
  target: string;
}

/** Keys whose value is a list of file paths or patterns. */
const FILE_LISTS = new Set(['rule_files', 'scrape_config_files', 'files']);

/** At most this many links per document (a link is cheap; a stat per path is not free). */
const MAX_LINKS = 500;
/** Larger files get no links: parsing them on every request would hold up the editor. */
const MAX_TEXT = 2 * 1024 * 1024;

export function fileLinks(fileName: string, text: string, exists: (p: string) => boolean = fs.existsSync, glob?: (pattern: string) => string[]): FileLink[] {
  if (text.length > MAX_TEXT) return [];
  let root: unknown;
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    if (doc.errors.length > 0) return [];
    root = doc.contents;
  } catch {
    return [];
  }
  const base = path.dirname(path.resolve(fileName));
  const out: FileLink[] = [];
  const link = (n: unknown): void => {
    if (out.length >= MAX_LINKS || !isScalar(n) || typeof n.value !== 'string' || !n.range || n.value === '') return;
    const p = n.value;
    const abs = path.isAbsolute(p) ? p : path.resolve(base, p);
    let target: string | undefined;
    if (/[*?[]/.test(p)) {
      const matches = glob ? glob(abs) : [];
      target = matches.length === 1 ? matches[0] : undefined;
    } else if (exists(abs)) target = abs;
    if (!target) return;
    // The path's characters: inside the quotes of a quoted scalar.
    const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' ? 1 : 0;
    out.push({ start: n.range[0] + quoted, end: n.range[1] - quoted, target });
  };
  const visit = (n: unknown, depth: number): void => {
    if (depth > 64 || out.length >= MAX_LINKS) return;
    if (isSeq(n)) for (const item of n.items) visit(item, depth + 1);
    else if (isMap(n)) {
      for (const pair of n.items as Pair[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value as Node | null;
        if (FILE_LISTS.has(key) && isSeq(value)) value.items.forEach(link);
        else if (key.endsWith('_file')) link(value);
        else visit(value, depth + 1);
      }
    }
  };
  visit(root, 0);
  return out;
}
