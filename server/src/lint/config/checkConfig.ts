// Entry point: validates a prometheus.yml the way Prometheus 3.x LoadFile does, but reports every
// problem (Prometheus stops at the first) with a range on the exact key or value.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, type Document } from 'yaml';
import { goYamlDecodedPart, ignoredTailFinding } from '../../documents/goYamlDocumentEnd';
import type { AlertmanagerTarget, FileSdEntry, StaticTarget } from './checks/targetGroups';
import { yamlSyntaxFindings } from '../../documents/yamlSyntaxErrors';
import { parseYamlDocuments } from '../../documents/yamlFast';
import type { LintDiagnostic } from '../types';
import { checkIncludedScrapeConfigs, defaultIncludedFileHooks } from './includedScrapeConfigs';
import { checkLoadedRuleFiles } from './loadedRuleFiles';
import { rootConfig } from './schema/root';
import { report, type NameScheme, type WalkContext } from './walkContext';
import { walk, WalkBudgetExceeded } from './walker';
import { goString, isNull, mapEntries } from './yamlNodes';

export interface ConfigCheckOptions {
  /** Absolute path of the file; relative paths in the config resolve against its directory. */
  filePath?: string;
  fileExists?: (absPath: string) => boolean;
  globMatches?: (absPattern: string) => boolean;
  /** Reads a file named by scrape_config_files (default: node:fs); undefined when unreadable. */
  readFile?: (absPath: string) => string | undefined;
  /** Expands a scrape_config_files pattern to the files it names (default: node:fs). */
  expandGlob?: (absPattern: string) => string[];
  /** Check as `prometheus --agent` loads it: no alerting, rule_files or remote_read. */
  agentMode?: boolean;
  /** Above this many lines plus commas (a cheap YAML node estimate) the file is not checked. */
  maxItems?: number;
  /** Told each static target of each job as its relabel_configs leave it (editor hover). */
  onStaticTarget?: (t: StaticTarget) => void;
  /** Told each file_sd `files` entry with the targets of the files it names (editor hover). */
  onFileSdEntry?: (e: FileSdEntry) => void;
  /** Told each static Alertmanager target with where it is sent alerts (editor hover). */
  onAlertmanagerTarget?: (t: AlertmanagerTarget) => void;
}

/**
 * The YAML parser keeps ~1 KB per node; a few million nodes (say a 10 MB flow list) would take
 * gigabytes and take the language server down, so such files are refused up front.
 */
const defaultMaxItems = 1_000_000;

/**
 * Targets relabeled per file, at about 4 us per target and rule: a few hundred milliseconds at
 * most, on configs far larger than any written by hand. Beyond it, targets are not simulated.
 */
const TARGET_BUDGET = 10_000;

function estimateItems(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44) n++;
  }
  return n;
}

export function checkPrometheusConfig(text: string, opts: ConfigCheckOptions = {}): LintDiagnostic[] {
  if (typeof text !== 'string') {
    return [{ ruleId: 'config/internal', severity: 'error', message: 'expected the configuration text as a string', range: { start: 0, end: 0 } }];
  }
  try {
    return run(text, opts);
  } catch (e) {
    // A checker bug must never take the editor down; say so where the user can see it.
    const message = `internal error while checking this configuration: ${e instanceof Error ? e.message : String(e)}`;
    return [{ ruleId: 'config/internal', severity: 'error', message, range: { start: 0, end: 0 } }];
  }
}

function run(text: string, opts: ConfigCheckOptions): LintDiagnostic[] {
  return decodeWithSchema(text, opts, (doc, ctx) => walkDocument(doc, ctx, opts)).diagnostics;
}

/**
 * Reads the text as Prometheus' go-yaml v2 decoder does (first document, go-yaml's syntax errors)
 * and hands the document to `walkDoc`, which walks a schema over it; the findings carry config/
 * rule ids. Also used for other files Prometheus' tools decode strictly with go-yaml v2.
 */
export function decodeWithSchema(
  text: string,
  opts: ConfigCheckOptions,
  walkDoc: (doc: Document, ctx: WalkContext) => void,
): { diagnostics: LintDiagnostic[]; doc?: Document; decoded: boolean } {
  const maxItems = opts.maxItems ?? defaultMaxItems;
  const items = estimateItems(text);
  if (items > maxItems) {
    const firstLine = text.indexOf('\n');
    const message = `not checked: about ${items} YAML items, more than the ${maxItems} this checker handles`;
    return { diagnostics: [{ ruleId: 'config/too-large', severity: 'warning', message, range: { start: 0, end: firstLine < 0 ? Math.min(text.length, 80) : firstLine } }], decoded: false };
  }
  const ctx: WalkContext = {
    text,
    diagnostics: [],
    views: new WeakMap(),
    globalScheme: 'utf8',
    agentMode: opts.agentMode === true,
    visits: 0,
    maxVisits: 5 * maxItems,
    deferred: [],
    baseDir: opts.filePath ? path.dirname(opts.filePath) : undefined,
    fileExists: opts.fileExists ?? existsSync,
    globMatches: opts.globMatches ?? defaultGlobMatches,
    readFile: opts.readFile ?? defaultIncludedFileHooks.readFile,
    expandGlob: opts.expandGlob ?? defaultIncludedFileHooks.expandGlob,
    onStaticTarget: opts.onStaticTarget,
    onFileSdEntry: opts.onFileSdEntry,
    onAlertmanagerTarget: opts.onAlertmanagerTarget,
    targetBudget: TARGET_BUDGET,
  };
  const { parsed: docs, ignored } = goYamlDecodedPart(
    text,
    (t) => parseYamlDocuments(t, { version: '1.1', uniqueKeys: false, merge: true, prettyErrors: false }),
    (d) => (Array.isArray(d) && d.length > 0 ? d[0].errors.map((e) => e.pos[0]) : []),
  );
  if (ignored) {
    const { range, message } = ignoredTailFinding(text, ignored);
    report(ctx, 'config/multi-document', [range.start, range.end], message, 'warning');
  }
  if (!Array.isArray(docs) || docs.length === 0) return { diagnostics: ctx.diagnostics, decoded: true };
  const syntax = yamlSyntaxFindings(text, docs[0].errors, 'v2');
  for (const f of syntax) report(ctx, 'config/yaml-syntax', f.range, f.message);
  for (const extra of docs.slice(1).filter((d) => !isNull(d.contents))) {
    const start = extra.range[0];
    report(ctx, 'config/multi-document', [start, Math.min(text.length, start + 3)],
      'Prometheus loads only the first YAML document of a configuration file; this one is ignored', 'warning');
  }
  // Prometheus stops at a YAML error, even one that only go-yaml finds.
  const decoded = docs[0].errors.length === 0 && syntax.length === 0;
  if (decoded) {
    try {
      walkDoc(docs[0], ctx);
    } catch (e) {
      if (!(e instanceof WalkBudgetExceeded)) throw e;
      report(ctx, 'config/too-large', [0, 0], `not checked completely: ${e.message}`, 'warning');
    }
  }
  return { diagnostics: dedupe(ctx.diagnostics, text.length), doc: docs[0], decoded };
}

function walkDocument(doc: Document, ctx: WalkContext, opts: ConfigCheckOptions): void {
  ctx.globalScheme = readGlobalScheme(doc);
  walk({ doc, ctx }, doc.contents, { kind: 'struct', def: () => rootConfig }, [0, 0]);
  for (const f of ctx.deferred) f();
  const root = doc.contents ? ctx.views.get(doc.contents) : undefined;
  if (!root) return;
  checkIncludedScrapeConfigs(root, ctx);
  checkLoadedRuleFiles(root, ctx);
}

/** The name validation scheme must be known before `global` is walked (it may come last). */
function readGlobalScheme(doc: Document): NameScheme {
  if (!isMap(doc.contents)) return 'utf8';
  const global = mapEntries(doc.contents, doc).entries.find((e) => e.keyText === 'global');
  if (!global?.value || !isMap(global.value)) return 'utf8';
  const scheme = mapEntries(global.value, doc).entries.find((e) => e.keyText === 'metric_name_validation_scheme');
  const value = scheme ? goString(scheme.value) : undefined;
  return value?.ok && value.value === 'legacy' ? 'legacy' : 'utf8';
}

/** Drops repeats (a block reached through two aliases) and keeps ranges inside the text. */
function dedupe(diags: LintDiagnostic[], length: number): LintDiagnostic[] {
  const seen = new Set<string>();
  return diags
    .map((d) => ({ ...d, range: { start: Math.min(d.range.start, length), end: Math.min(d.range.end, length) } }))
    .filter((d) => {
      const k = `${d.ruleId}|${d.range.start}|${d.range.end}|${d.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

/** Whether a rule_files-like pattern matches a file (globMatches is only asked about patterns). */
function defaultGlobMatches(absPattern: string): boolean {
  try {
    return defaultIncludedFileHooks.expandGlob(absPattern).length > 0;
  } catch {
    return false;
  }
}
