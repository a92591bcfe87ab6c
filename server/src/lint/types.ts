// What every lint rule produces and how it describes itself. Rules live one module each under
// lint/<file kind>/ and are listed in that folder's `rules` array; the registry gathers them.
import type { PosRange } from '../promql/ast';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type FileKind = 'prometheus-config' | 'rule-file' | 'rule-test' | 'dashboard' | 'promql' | 'lint-settings';

export interface TextEdit {
  /** UTF-16 offsets into the file text, half-open. */
  range: PosRange;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /**
   * The fix is mechanical and keeps what the file means (a redundant regex operator, a timeout
   * clamped to its interval, ...): `check --fix` and the editor's "Fix all" apply it. Fixes
   * without it are guesses or drop something (a typo's nearest key, a field removed): offered
   * one by one in the editor, never applied in bulk.
   */
  safe?: boolean;
}

export interface LintDiagnostic {
  /** The rule that found it, e.g. `config/unknown-key`, `promql/syntax`, `rule/rate-window`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** UTF-16 offsets into the file text, half-open. */
  range: PosRange;
  fixes?: QuickFix[];
}

export interface RuleDoc {
  id: string;
  fileKind: FileKind;
  defaultSeverity: Severity;
  /** One sentence: what it catches. */
  summary: string;
  /** A short example that triggers the rule, and one that does not. */
  badExample: string;
  goodExample: string;
}
