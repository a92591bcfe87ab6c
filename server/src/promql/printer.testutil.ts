// Hand-built PromQL trees for printer tests that must not depend on the parser. Ranges are
// irrelevant to printing and left at zero.
import type {
  AggregateExpr, AggregateOp, BinaryExpr, BinaryOp, Call, DurationExpr, DurationOp, Expr, LabelMatcher, MatchOp,
  MatrixSelector, NumberLiteral, ParenExpr, StringLiteral, SubqueryExpr, UnaryExpr, VectorMatching, VectorSelector,
} from './ast';
import { getFunction } from './functions';

const R = { start: 0, end: 0 };

export function sel(name: string, matchers: Array<[string, MatchOp, string]> = [], extra: Partial<VectorSelector> = {}): VectorSelector {
  const labelMatchers: LabelMatcher[] = matchers.map(([n, op, value]) => ({ name: n, op, value, range: R }));
  if (name !== '') labelMatchers.push({ name: '__name__', op: '=', value: name });
  return {
    type: 'VectorSelector', range: R, name, originalOffsetMs: 0, originalOffsetExpr: null, timestamp: null, startOrEnd: null,
    labelMatchers, bypassEmptyMatcherCheck: false, anchored: false, smoothed: false, ...extra,
  };
}

export function matrix(vs: VectorSelector, rangeMs: number, rangeExpr: DurationExpr | null = null): MatrixSelector {
  return { type: 'MatrixSelector', range: R, vectorSelector: vs, rangeMs, rangeExpr };
}

export function subquery(expr: Expr, rangeMs: number, stepMs: number, extra: Partial<SubqueryExpr> = {}): SubqueryExpr {
  return {
    type: 'SubqueryExpr', range: R, expr, rangeMs, rangeExpr: null, originalOffsetMs: 0, originalOffsetExpr: null,
    timestamp: null, startOrEnd: null, stepMs, stepExpr: null, ...extra,
  };
}

export function num(val: number, duration = false): NumberLiteral {
  return { type: 'NumberLiteral', range: R, val, duration };
}

export function str(val: string): StringLiteral {
  return { type: 'StringLiteral', range: R, val };
}

export function paren(expr: Expr): ParenExpr {
  return { type: 'ParenExpr', range: R, expr };
}

export function unary(op: '+' | '-', expr: Expr): UnaryExpr {
  return { type: 'UnaryExpr', range: R, op, expr };
}

export function call(name: string, ...args: Expr[]): Call {
  const func = getFunction(name);
  if (!func) throw new Error(`unknown function ${name}`);
  return { type: 'Call', range: R, func, args };
}

export function agg(op: AggregateOp, expr: Expr, extra: Partial<AggregateExpr> = {}): AggregateExpr {
  return { type: 'AggregateExpr', range: R, op, expr, param: null, grouping: [], without: false, ...extra };
}

export function bin(lhs: Expr, op: BinaryOp, rhs: Expr, extra: Partial<BinaryExpr> = {}): BinaryExpr {
  return { type: 'BinaryExpr', range: R, op, lhs, rhs, vectorMatching: null, returnBool: false, ...extra };
}

export function matching(extra: Partial<VectorMatching> = {}): VectorMatching {
  return { card: 'one-to-one', matchingLabels: [], on: false, include: [], ...extra };
}

export function dur(op: DurationOp | null, lhs: Expr | null, rhs: Expr | null, wrapped = false): DurationExpr {
  return { type: 'DurationExpr', range: R, op, lhs, rhs, wrapped };
}
