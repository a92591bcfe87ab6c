// The full lint of a document (the rules of lint/ for its file kind), as the editor shows it: on
// open and save, or as you type when `monitoring.lint.run` is `onType`. PromQL syntax errors are
// left to the as-you-type diagnostics (features/diagnostics), which are always current.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintFile } from '../lint/index';
import { ruleAnchor } from '../lint/registry';
import { EMPTY_SETTINGS, LINT_SETTINGS_FILE, mergeSettings, parseLintSettings, type LintSettings } from '../lint/settings';
import type { FileKind, LintDiagnostic } from '../lint/types';
import type { ParseOptions } from '../promql/types';

/** Rules whose findings duplicate the live PromQL diagnostics. */
const PROMQL_SYNTAX_RULES = new Set(['promql/syntax', 'rule/promql-invalid', 'rule-test/promql-invalid', 'dashboard/target-promql', 'dashboard/template-label-promql']);

export const LINT_SOURCE = 'monitoring-lint';

/** docs/rules.md next to the server bundle (server/out → repository or extension root). */
const RULES_DOC = path.resolve(__dirname, '../../docs/rules.md');

export function ruleDocUrl(ruleId: string): string {
  return `${pathToFileURL(RULES_DOC).href}#${ruleAnchor(ruleId)}`;
}

export interface DocumentLint {
  kind: FileKind | null;
  diagnostics: LintDiagnostic[];
}

export function lintDocument(fileName: string, text: string, parseOptions: ParseOptions, settings: LintSettings): DocumentLint {
  const report = lintFile(fileName, text, { parseOptions, settings });
  if (!report) return { kind: null, diagnostics: [] };
  return { kind: report.kind, diagnostics: report.diagnostics.filter((d) => !PROMQL_SYNTAX_RULES.has(d.ruleId)) };
}

/**
 * `.monitoring-lint.yml` of the workspace folder holding the file (the nearest one above it),
 * merged under the editor's `monitoring.lint.rules`. Read on every lint: it is small, and edits to it
 * take effect at the next save without a file watcher.
 */
export function lintSettingsFor(fileName: string, editorRules: LintSettings, workspaceRoots: string[]): LintSettings {
  const abs = path.resolve(fileName);
  const root = workspaceRoots.filter((r) => abs.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0];
  let fromFile = EMPTY_SETTINGS;
  for (let dir = path.dirname(abs); root && dir.length >= root.length; dir = path.dirname(dir)) {
    const p = path.join(dir, LINT_SETTINGS_FILE);
    if (fs.existsSync(p)) {
      try {
        fromFile = parseLintSettings(fs.readFileSync(p, 'utf8')).settings;
      } catch {
        // unreadable: keep the defaults
      }
      break;
    }
    if (dir === path.dirname(dir)) break;
  }
  return mergeSettings(fromFile, editorRules);
}
