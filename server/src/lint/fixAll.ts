// "Fix all": the safe quick fixes of a file's findings applied together, as `check --fix` and the
// editor's source.fixAll action do. Only fixes marked `safe` (mechanical, meaning kept) are
// taken; a fix whose edits overlap one taken before it waits for the next pass.
import type { LintDiagnostic, TextEdit } from './types';

/**
 * The edits of the safe fixes of these findings that can be applied together, in file order:
 * per finding its first safe fix, whole or not at all, skipped where it touches an edit already
 * taken (two inserts at one offset count as touching: their order would be a guess).
 */
export function safeFixEdits(diagnostics: readonly LintDiagnostic[]): { edits: TextEdit[]; fixes: number } {
  const candidates = diagnostics
    .map((d) => d.fixes?.find((f) => f.safe && f.edits.length > 0))
    .filter((f): f is NonNullable<typeof f> => f !== undefined)
    .sort((a, b) => firstStart(a.edits) - firstStart(b.edits));
  const taken: TextEdit[] = [];
  let fixes = 0;
  for (const fix of candidates) {
    if (fix.edits.some((e) => taken.some((t) => touches(e, t)) || fix.edits.some((o) => o !== e && touches(e, o)))) continue;
    taken.push(...fix.edits);
    fixes++;
  }
  return { edits: taken.sort((a, b) => a.range.start - b.range.start), fixes };
}

const firstStart = (edits: readonly TextEdit[]): number => Math.min(...edits.map((e) => e.range.start));

function touches(a: TextEdit, b: TextEdit): boolean {
  if (a.range.start === b.range.start) return true;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}

/** The text with non-overlapping edits applied (offsets are into the text as given). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.range.start) + e.newText;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/** Passes at most: a fix rarely uncovers another, and a loop of fixes undoing each other must end. */
const MAX_PASSES = 10;

export interface FixedFile {
  text: string;
  /** Fixes applied over all passes. */
  applied: number;
  /** The findings of the final text. */
  diagnostics: LintDiagnostic[];
}

/**
 * Applies safe fixes until none is left (or MAX_PASSES), linting the text again after each pass,
 * so the findings returned are those of the text returned.
 */
export function fixAll(text: string, lint: (text: string) => LintDiagnostic[]): FixedFile {
  let diagnostics = lint(text);
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { edits, fixes } = safeFixEdits(diagnostics);
    if (fixes === 0) break;
    const next = applyEdits(text, edits);
    if (next === text) break;
    text = next;
    applied += fixes;
    diagnostics = lint(text);
  }
  return { text, applied, diagnostics };
}
