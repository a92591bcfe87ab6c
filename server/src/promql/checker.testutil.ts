// Small factories for hand-built PromQL trees in checker tests. Ranges are UTF-16 offsets, as
// the parser would set them; composite nodes derive theirs from their parts where Go does.
import type {
  AggregateExpr,
  AggregateOp,
  BinaryExpr,
  BinaryOp,
  Call,
  DurationExpr,
  Expr,
  LabelMatcher,
  MatchOp,
  MatrixSelector,
  NumberLiteral,
  ParenExpr,
  StringLiteral,
  SubqueryExpr,
  UnaryExpr,
  VectorMatching,
  VectorSelector,
} from './ast';
import { FUNCTIONS } from './functions';

export function num(val: number, start: number, end: number): NumberLiteral {
  return { type: 'NumberLiteral', val, duration: false, range: { start, end } };
}

export function str(val: string, start: number, end: number): StringLiteral {
  return { type: 'StringLiteral', val, range: { start, end } };
}

export function matcher(name: string, op: MatchOp, value: string, start: number, end: number): LabelMatcher {
  return { name, op, value, range: { start, end } };
}

/** A selector; like Go's assembleVectorSelector, a name before the braces adds a last matcher. */
export function sel(name: string, start: number, end: number, matchers: LabelMatcher[] = []): VectorSelector {
  const labelMatchers = [...matchers];
  if (name !== '') labelMatchers.push({ name: '__name__', op: '=', value: name });
  return {
    type: 'VectorSelector',
    name,
    originalOffsetMs: 0,
    originalOffsetExpr: null,
    timestamp: null,
    startOrEnd: null,
    labelMatchers,
    bypassEmptyMatcherCheck: false,
    anchored: false,
    smoothed: false,
    range: { start, end },
  };
}

export interface BinModifiers {
  bool?: boolean;
  on?: string[];
  ignoring?: string[];
  groupLeft?: string[];
  groupRight?: string[];
  fill?: { lhs?: number; rhs?: number };
}

/** A binary expression with matching as the grammar builds it (always present, one-to-one). */
export function bin(op: BinaryOp, lhs: Expr, rhs: Expr, mods: BinModifiers = {}): BinaryExpr {
  const vectorMatching: VectorMatching = {
    card: mods.groupLeft ? 'many-to-one' : mods.groupRight ? 'one-to-many' : 'one-to-one',
    matchingLabels: mods.on ?? mods.ignoring ?? [],
    on: mods.on !== undefined,
    include: mods.groupLeft ?? mods.groupRight ?? [],
  };
  if (mods.fill) vectorMatching.fillValues = mods.fill;
  return {
    type: 'BinaryExpr',
    op,
    lhs,
    rhs,
    vectorMatching,
    returnBool: mods.bool ?? false,
    range: { start: lhs.range.start, end: rhs.range.end },
  };
}

export function call(name: string, args: Expr[], start: number, end: number): Call {
  const func = FUNCTIONS.get(name);
  if (!func) throw new Error(`no function ${name}`);
  return { type: 'Call', func, args, range: { start, end } };
}

export function agg(op: AggregateOp, expr: Expr | null, param: Expr | null, start: number, end: number): AggregateExpr {
  return { type: 'AggregateExpr', op, expr, param, grouping: [], without: false, range: { start, end } };
}

export function paren(expr: Expr, start: number, end: number): ParenExpr {
  return { type: 'ParenExpr', expr, range: { start, end } };
}

export function unary(op: '+' | '-', expr: Expr, start: number): UnaryExpr {
  return { type: 'UnaryExpr', op, expr, range: { start, end: expr.range.end } };
}

export function matrix(vectorSelector: Expr, rangeMs: number, end: number): MatrixSelector {
  return {
    type: 'MatrixSelector',
    vectorSelector,
    rangeMs,
    rangeExpr: null,
    range: { start: vectorSelector.range.start, end },
  };
}

export function subquery(expr: Expr, rangeMs: number, stepMs: number, end: number): SubqueryExpr {
  return {
    type: 'SubqueryExpr',
    expr,
    rangeMs,
    rangeExpr: null,
    originalOffsetMs: 0,
    originalOffsetExpr: null,
    timestamp: null,
    startOrEnd: null,
    stepMs,
    stepExpr: null,
    range: { start: expr.range.start, end },
  };
}

export function durationExpr(op: DurationExpr['op'], lhs: Expr | null, rhs: Expr | null, start: number, end: number): DurationExpr {
  return { type: 'DurationExpr', op, lhs, rhs, wrapped: false, range: { start, end } };
}

/** Every message Go's checkAST can produce (bar "unknown node type"), to tell them from syntax errors. */
export const CHECK_MESSAGE_PATTERNS: readonly RegExp[] = [
  /^set operator "\w+" not allowed in binary scalar expression$/,
  /^comparisons between scalars must use BOOL modifier$/,
  /^bool modifier can only be used on comparison operators$/,
  /^label ".+" must not occur in ON and GROUP clause at once$/,
  /^binary expression must contain only scalar and instant vector types$/,
  /^vector matching only allowed between instant vectors$/,
  /^filling in missing series only allowed between instant vectors$/,
  /^no grouping allowed for "\w+" operation$/,
  /^set operations must always be many-to-many$/,
  /^filling in missing series not allowed for set operators$/,
  /^expected \d+ argument\(s\) in call to ".+", got \d+$/,
  /^expected at least \d+ argument\(s\) in call to ".+", got \d+$/,
  /^expected at most \d+ argument\(s\) in call to ".+", got \d+$/,
  /^expected type .+ in call to function ".+", got .+$/,
  /^expected label selectors only$/,
  /^expected label selectors only, got vector selector instead$/,
  /^expected type (scalar|string) in aggregation parameter, got .+$/,
  /^expected type instant vector in aggregation expression, got .+$/,
  /^unary expression only allowed on expressions of type scalar or instant vector, got ".+"$/,
  /^subquery is only allowed on instant vector, got \w+ instead$/,
  /^vector selector must contain at least one non-empty matcher$/,
  /^metric name must not be set twice: ".+" or ".+"$/,
];

export function isCheckMessage(message: string): boolean {
  return CHECK_MESSAGE_PATTERNS.some((p) => p.test(message));
}
