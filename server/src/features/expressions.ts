// The PromQL expressions of an open document, whatever kind of file it is (documents/ does the
// finding), and the position helpers every feature shares. A feature never needs to know whether
// it works on a .promql file, a rule file or a dashboard: it gets expressions with a map to the file.
import { detectFileKind } from '../documents/detect';
import { documentExpressions as detectAndExtract, expressionsOf } from '../documents/expressions';
import type { EmbeddedExpression } from '../documents/types';

/** The file name part of a document URI (`file:///a/b.yml` → `/a/b.yml`, `untitled:Untitled-1` → `Untitled-1`). */
export function fileNameOf(uri: string): string {
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

/**
 * All PromQL expressions of a document, in file order. The language id wins over the file name
 * (an untitled PromQL buffer has no extension); otherwise documents/ detects the kind.
 */
export function documentExpressions(uri: string, text: string, languageId?: string): EmbeddedExpression[] {
  if (languageId === 'promql') return expressionsOf('promql', text);
  return detectAndExtract(fileNameOf(uri), text).expressions;
}

/** Whether a document is PromQL through and through (so an empty line can start an expression). */
export function isPromQLDocument(uri: string, languageId?: string): boolean {
  return languageId === 'promql' || detectFileKind(fileNameOf(uri), '') === 'promql';
}

/** The expression whose file range contains `offset` (its end included, for a cursor after it). */
export function expressionAt(expressions: readonly EmbeddedExpression[], offset: number): EmbeddedExpression | undefined {
  return expressions.find((e) => e.range.start <= offset && offset <= e.range.end);
}

/** Inverse of toFileOffset for one expression: a file offset to an offset in the expression text. */
export function toExpressionOffset(expr: EmbeddedExpression, fileOffset: number): number | undefined {
  // The map is monotonic, so a binary search over text offsets finds the preimage even for escaped
  // strings (JSON "\"" is two file characters for one expression character).
  let lo = 0;
  let hi = expr.text.length;
  if (fileOffset < expr.toFileOffset(0) || fileOffset > expr.toFileOffset(hi)) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (expr.toFileOffset(mid) < fileOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
