// The alerting rules a `promtool test rules` file tests: its rule_files resolved against its
// folder and globbed as promtool does, each read and its alerting rules collected by name with
// where their name is written. Shared by the checks (alertnames, expected alerts) and the editor
// (completion, hover and go to definition on alertname).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { groupSequences } from '../../documents/ruleFile';
import { defaultIncludedFileHooks } from '../config/includedScrapeConfigs';

/** An alerting rule as a test sees it: what it always gives its alerts, and where it is. */
export interface AlertingRule {
  /** Its static labels, under its group's labels (Prometheus 3). */
  labels: Map<string, string>;
  annotations: Map<string, string>;
  expr: string;
  file: string;
  /** The alert name's characters in `file`. */
  nameRange: { start: number; end: number };
}

const get = (map: unknown, key: string): Node | undefined => (isMap(map) ? (map.get(key, true) as Node | undefined) : undefined);
const items = (seq: unknown): Node[] => (isSeq(seq) ? (seq.items as Node[]) : []);
const str = (n: unknown): string | undefined => (isScalar(n) && n.value !== null ? String(n.value) : undefined);

/** A string-to-string map as go-yaml decodes it: plain scalars as written (1.0, True, 1e3), null as ''. */
export function stringMap(n: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (isMap(n)) for (const p of n.items) if (isScalar(p.key)) out.set(String(p.key.value), asWritten(p.value));
  return out;
}

/** A scalar's text as go-yaml gives it to a string field: as written when plain (1.0, True), '' for null. */
export function asWritten(v: unknown): string {
  if (!isScalar(v) || v.value === null) return '';
  const src = (v as { source?: unknown }).source;
  return v.type === 'PLAIN' && typeof v.value !== 'string' && typeof src === 'string' ? src : String(v.value);
}

const defaultRead = (p: string): string | undefined => {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The alerting rules of the rule files `patterns` (as written in the test file at `testFile`) by
 * name; undefined when a pattern names no file or a file cannot be read or parsed (then nothing
 * can be said about which alerts exist).
 */
export function testedAlertingRules(testFile: string, patterns: ReadonlyArray<string | undefined>, read: (absPath: string) => string | undefined = defaultRead): Map<string, AlertingRule[]> | undefined {
  const base = path.dirname(testFile);
  const byName = new Map<string, AlertingRule[]>();
  for (const pattern of patterns) {
    if (!pattern) continue;
    let files: string[];
    try {
      files = defaultIncludedFileHooks.expandGlob(path.resolve(base, pattern));
    } catch {
      return undefined;
    }
    if (files.length === 0) return undefined;
    for (const file of files) {
      const content = read(file);
      if (content === undefined) return undefined;
      const docs = parseAllDocuments(content);
      if (!Array.isArray(docs)) continue; // an empty file
      for (const d of docs as Document.Parsed[]) {
        if (d.errors.length > 0) return undefined;
        for (const groups of groupSequences(d.contents)) {
          for (const g of items(groups)) {
            const groupLabels = stringMap(get(g, 'labels'));
            for (const r of items(get(g, 'rules'))) {
              const nameNode = get(r, 'alert');
              const name = str(nameNode);
              if (!name) continue;
              const range = (nameNode as { range?: [number, number, number] }).range ?? [0, 0, 0];
              const list = byName.get(name) ?? [];
              list.push({
                labels: new Map([...groupLabels, ...stringMap(get(r, 'labels'))]),
                annotations: stringMap(get(r, 'annotations')),
                expr: str(get(r, 'expr')) ?? '',
                file,
                nameRange: { start: range[0], end: range[1] },
              });
              byName.set(name, list);
            }
          }
        }
      }
    }
  }
  return byName;
}

/** The rule_files patterns of a test file's text (none when it does not parse). */
export function ruleFilePatterns(testText: string): string[] {
  try {
    const docs = parseAllDocuments(testText);
    const first = Array.isArray(docs) ? docs[0] : undefined;
    return items(get(first?.contents, 'rule_files')).map(str).filter((s): s is string => s !== undefined);
  } catch {
    return [];
  }
}
