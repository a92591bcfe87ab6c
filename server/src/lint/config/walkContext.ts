// State shared by one validation run: the text, the diagnostics found so far, the file hooks.
import type { Node } from 'yaml';
import type { LintDiagnostic, QuickFix, Severity } from '../types';
import type { AlertmanagerTarget, FileSdEntry, StaticTarget } from './checks/targetGroups';
import type { ObjView } from './objView';

export type NameScheme = 'utf8' | 'legacy';

export interface WalkContext {
  text: string;
  diagnostics: LintDiagnostic[];
  /** Struct views by their YAML map node, filled as the walker goes (children before parents). */
  views: WeakMap<Node, ObjView>;
  /** The global metric_name_validation_scheme (utf8 unless set to legacy). */
  globalScheme: NameScheme;
  /** Values walked so far, and the budget that bounds alias expansion. */
  visits: number;
  maxVisits: number;
  /** Prometheus runs in agent mode, which refuses some sections. */
  agentMode: boolean;
  /** The checked `global` block, once walked. */
  globalView?: ObjView;
  /** Checks that need the whole document (e.g. job defaults from `global`), run after the walk. */
  deferred: (() => void)[];
  baseDir: string | undefined;
  fileExists: (absPath: string) => boolean;
  globMatches: (absPattern: string) => boolean;
  /** Reads a file the config names (file_sd, scrape_config_files); undefined when unreadable. */
  readFile: (absPath: string) => string | undefined;
  /** Expands a pattern to the files it names (a plain path to itself). */
  expandGlob: (absPattern: string) => string[];
  /** Static and file_sd targets still to run through relabeling in this file (a bound on huge files). */
  targetBudget: number;
  /** Told each static target as relabeling leaves it (editor features). */
  onStaticTarget?: (t: StaticTarget) => void;
  /** Told each `files` entry of a file_sd config with the targets of its files (editor features). */
  onFileSdEntry?: (e: FileSdEntry) => void;
  /** Told each static Alertmanager target as its relabel_configs leave it (editor features). */
  onAlertmanagerTarget?: (t: AlertmanagerTarget) => void;
}

/**
 * The files a pattern the config names matches, with their text (through the context's hooks);
 * a file that cannot be listed or read is left out: config/missing-file speaks for it.
 */
export function readMatchingFiles(ctx: WalkContext, absPattern: string, onDirectory?: (file: string) => void): Array<{ file: string; text: string }> {
  let files: string[];
  try {
    files = ctx.expandGlob(absPattern);
  } catch {
    return [];
  }
  const out: Array<{ file: string; text: string }> = [];
  for (const file of files) {
    let text: string | undefined;
    try {
      text = ctx.readFile(file);
    } catch (e) {
      // Go's os.ReadFile of a directory fails: `read <file>: is a directory`.
      if ((e as NodeJS.ErrnoException).code === 'EISDIR') onDirectory?.(file);
      text = undefined;
    }
    if (text !== undefined) out.push({ file, text });
  }
  return out;
}

/** No error reported so far: checks that only make sense for a config Prometheus loads ask this. */
export function loadsSoFar(ctx: WalkContext): boolean {
  return !ctx.diagnostics.some((d) => d.severity === 'error');
}

export function report(
  ctx: WalkContext,
  ruleId: string,
  range: [number, number] | undefined,
  message: string,
  severity: Severity = 'error',
  fixes?: QuickFix[],
): void {
  const [start, end] = range ?? [0, 0];
  const diag: LintDiagnostic = { ruleId, severity, message, range: { start, end: Math.max(start, end) } };
  if (fixes) diag.fixes = fixes;
  ctx.diagnostics.push(diag);
}
