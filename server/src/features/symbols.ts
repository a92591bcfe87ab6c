// Document symbols: one per PromQL expression, named by its label (rule name, panel title, or the
// first line of a .promql block), so the outline lists every query of a file.
import type { EmbeddedExpression, ExpressionKind } from '../documents/types';
import type { PosRange } from '../promql/ast';

export interface ExpressionSymbol {
  name: string;
  detail: string;
  kind: ExpressionKind;
  /** File offsets of the whole expression. */
  range: PosRange;
}

const DETAIL: Record<ExpressionKind, string> = {
  'promql-file': 'PromQL',
  'rule-expr': 'rule expression',
  'dashboard-target': 'panel query',
  'dashboard-variable': 'variable query',
};

export function expressionSymbols(expressions: readonly EmbeddedExpression[]): ExpressionSymbol[] {
  return expressions.map((e) => ({
    name: e.label.trim() || e.text.trim().split('\n')[0] || '(empty)',
    detail: DETAIL[e.kind],
    kind: e.kind,
    range: { start: e.range.start, end: e.range.end },
  }));
}
