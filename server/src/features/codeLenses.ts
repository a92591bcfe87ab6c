// Where the "Run query" code lenses go: one per PromQL expression that has something to run,
// at the expression's first character (file offset). Knows nothing of LSP.
import type { EmbeddedExpression } from '../documents/types';

/** Above this many expressions a file gets no lenses: thousands of lenses slow the editor down. */
export const MAX_LENSES = 2000;

export function runQueryLenses(expressions: readonly EmbeddedExpression[]): number[] {
  const out: number[] = [];
  for (const e of expressions) {
    if (e.source.trim() === '') continue;
    const lead = e.text.length - e.text.trimStart().length;
    out.push(e.toFileOffset(lead));
    if (out.length >= MAX_LENSES) break;
  }
  return out;
}
