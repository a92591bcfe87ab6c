// One entry for linting a whole file of any kind; the CLI and the language server both use it.
import '../documents/goYamlLeniency'; // go-yaml's leniency in flow collections and quoted scalars
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { detectFileKind } from '../documents/detect';
import { promqlFileExpressions } from '../documents/promqlFile';
import type { PosRange } from '../promql/ast';
import { parseDuration } from '../promql/durations';
import { parsePromQL } from '../promql/parse';
import type { ParseOptions } from '../promql/types';
import { lineIndex } from '../text/lines';
import { checkPrometheusConfig } from './config/index';
import { checkDashboard } from './dashboards/index';
import { impossibleMatches, placeInFile } from './promql/impossibleMatch';
import { checkRuleFile } from './rules/index';
import { checkRuleTestFile } from './ruleTests/index';
import { allRuleIds } from './registry';
import { applySettings, EMPTY_SETTINGS, type LintSettings } from './settings';
import { checkDisableComments, checkLintSettingsFile } from './settingsFile';
import type { FileKind, LintDiagnostic } from './types';

export interface FileReport {
  file: string;
  kind: FileKind;
  text: string;
  diagnostics: LintDiagnostic[];
}

export interface LintOptions {
  /** Overrides detection by name and content. */
  kind?: FileKind;
  parseOptions?: ParseOptions;
  settings?: LintSettings;
  /** Scrape interval for rate-window checks; by default read from a prometheus.yml near the file. */
  scrapeIntervalMs?: number;
  /**
   * Finds that prometheus.yml's interval when scrapeIntervalMs is not given; default
   * scrapeIntervalNear. A one-shot run over many files passes scrapeIntervalLookup(), which
   * remembers each folder's answer instead of looking up the tree again for every file.
   */
  scrapeIntervalNear?: (file: string) => number | undefined;
}

/** Lints one file; null when the file is of no kind we know (and no kind was forced). */
export function lintFile(file: string, text: string, opts: LintOptions = {}): FileReport | null {
  const kind = opts.kind ?? detectFileKind(file, text);
  if (!kind) return null;
  const raw = lintByKind(kind, file, text, opts);
  raw.push(...checkDisableComments(text, allRuleIds));
  // The line index is only needed when a diagnostic meets an inline disable comment.
  let idx: ReturnType<typeof lineIndex> | undefined;
  const lineOf = (o: number): number => (idx ??= lineIndex(text)).position(o).line;
  const diagnostics = applySettings(raw, text, opts.settings ?? EMPTY_SETTINGS, lineOf, kind === 'promql').sort(
    (a, b) => a.range.start - b.range.start || a.range.end - b.range.end,
  );
  return { file, kind, text, diagnostics };
}

function lintByKind(kind: FileKind, file: string, text: string, opts: LintOptions): LintDiagnostic[] {
  switch (kind) {
    case 'prometheus-config':
      return checkPrometheusConfig(text, { filePath: path.resolve(file) });
    case 'rule-file':
      return checkRuleFile(text, {
        filePath: file,
        parseOptions: opts.parseOptions,
        scrapeIntervalMs: opts.scrapeIntervalMs ?? (opts.scrapeIntervalNear ?? scrapeIntervalNear)(file) ?? opts.settings?.scrapeIntervalMs,
      });
    case 'rule-test':
      return checkRuleTestFile(text, { filePath: path.resolve(file), parseOptions: opts.parseOptions });
    case 'dashboard':
      return checkDashboard(text, { parseOptions: opts.parseOptions });
    case 'promql':
      return lintPromqlFile(text, opts.parseOptions);
    case 'lint-settings':
      return checkLintSettingsFile(text, allRuleIds);
  }
}

/** A .promql file: each expression parsed and checked, errors mapped to the file. */
export function lintPromqlFile(text: string, parseOptions: ParseOptions = {}): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  for (const expr of promqlFileExpressions(text)) {
    const parsed = parsePromQL(expr.text, parseOptions);
    for (const e of parsed.errors) {
      out.push({
        ruleId: 'promql/syntax',
        severity: 'error',
        message: e.message,
        range: { start: expr.toFileOffset(e.range.start), end: expr.toFileOffset(e.range.end) },
      });
    }
    if (!parsed.expr || parsed.errors.length > 0) continue;
    const toFile = (r: PosRange): PosRange => ({ start: expr.toFileOffset(r.start), end: expr.toFileOffset(r.end) });
    for (const found of impossibleMatches(parsed.expr, { text: expr.text })) {
      out.push({ ruleId: 'promql/impossible-vector-match', severity: 'warning', ...placeInFile(found, toFile) });
    }
  }
  return out;
}

const CONFIG_NAMES = ['prometheus.yml', 'prometheus.yaml'];
/** Parsed scrape intervals by config path, valid while the file's mtime is unchanged. */
const intervalCache = new Map<string, { mtimeMs: number; interval: number | undefined }>();

/**
 * The global scrape_interval of the nearest prometheus.yml in the file's folder or above it
 * (up to the filesystem root), so rate-window checks use the real interval. The language server
 * runs for hours: a config edited since the last lint is read again.
 */
export function scrapeIntervalNear(file: string): number | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const found = intervalIn(dir);
    if (found) return found.interval;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The interval of a prometheus.yml in dir itself; null when there is none. */
function intervalIn(dir: string): { interval: number | undefined } | null {
  for (const name of CONFIG_NAMES) {
    const p = path.join(dir, name);
    let mtimeMs: number;
    try {
      // No exception for the usual "not there": a thrown ENOENT costs far more than the stat.
      const st = fs.statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      mtimeMs = st.mtimeMs;
    } catch {
      continue;
    }
    const hit = intervalCache.get(p);
    if (hit?.mtimeMs === mtimeMs) return hit;
    const interval = readScrapeInterval(p);
    intervalCache.set(p, { mtimeMs, interval });
    return { interval };
  }
  return null;
}

/**
 * scrapeIntervalNear for one run over files that do not change meanwhile (the CLI): each folder
 * is looked at once, however many files sit in it or below it.
 */
export function scrapeIntervalLookup(): (file: string) => number | undefined {
  const byDir = new Map<string, number | undefined>();
  return (file) => {
    const visited: string[] = [];
    let result: number | undefined;
    for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
      if (byDir.has(dir)) {
        result = byDir.get(dir);
        break;
      }
      visited.push(dir);
      const found = intervalIn(dir);
      if (found) {
        result = found.interval;
        break;
      }
      if (path.dirname(dir) === dir) break;
    }
    for (const d of visited) byDir.set(d, result);
    return result;
  };
}

function readScrapeInterval(configPath: string): number | undefined {
  try {
    const doc = parseYaml(fs.readFileSync(configPath, 'utf8')) as { global?: { scrape_interval?: unknown } } | null;
    const s = doc?.global?.scrape_interval;
    if (typeof s !== 'string') return 60_000; // Prometheus' default global scrape interval
    return parseDuration(s).ms;
  } catch {
    return undefined;
  }
}
