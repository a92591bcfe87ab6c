// The editor's "Fix all": one code action of kind source.fixAll.monitoringAsCode holding the safe
// quick fixes of the whole document (lint/fixAll), for `editor.codeActionsOnSave` and the
// "Fix All" command; and the same offered as a quick fix next to a finding that has one.
import { CodeActionKind, type CodeAction, type Position } from 'vscode-languageserver/node';
import { safeFixEdits } from '../lint/fixAll';
import type { LintDiagnostic } from '../lint/types';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.monitoringAsCode`;

/**
 * Run by the editor after a lint fix is applied: lints the document again at once, so what the
 * fix mended leaves the Problems panel without waiting for a save (the full rule set runs on save).
 */
export const LINT_AGAIN_COMMAND = 'monitoring.lintAgain';
export const lintAgain = (uri: string) => ({ title: 'Lint again', command: LINT_AGAIN_COMMAND, arguments: [uri] });
export const FIX_ALL_TITLE = 'Fix all safely fixable problems (Monitoring as Code)';

/** True when a code action request's `only` asks for this kind (or a kind above it). */
export function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  return only !== undefined && only.some((k) => k === kind || kind.startsWith(`${k}.`));
}

/**
 * The action applying every safe fix of these findings (from the document's current text), or
 * undefined when there is none. `minFixes`: offer it only from this many fixes on (the quick fix
 * menu shows the single fix itself).
 */
export function fixAllAction(uri: string, diagnostics: readonly LintDiagnostic[], positionAt: (offset: number) => Position, kind: string, minFixes = 1): CodeAction | undefined {
  const { edits, fixes } = safeFixEdits(diagnostics);
  if (fixes < minFixes) return undefined;
  return {
    title: FIX_ALL_TITLE,
    kind,
    edit: { changes: { [uri]: edits.map((e) => ({ range: { start: positionAt(e.range.start), end: positionAt(e.range.end) }, newText: e.newText })) } },
    command: lintAgain(uri),
  };
}
