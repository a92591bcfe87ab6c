// Port of Prometheus' String() for every PromQL node (promql/parser/printer.go, 3.14).
//
// What the printer needs from the parser (ast.ts), to match Go's output:
// - VectorSelector.name is "" when no metric name was written before the braces, so
//   `{__name__="a"}` keeps its matcher; labelMatchers include the implicit __name__ matcher.
// - `(5)` in a duration position is a DurationExpr {op: '+', lhs: null, rhs, wrapped: true},
//   as Go builds it; a leaf with op null is printed the same way (both forms are accepted).
// - NumberLiteral.duration is true only for literals written with a unit (`5m`), and a `-`
//   folded into a literal is in its value.
// - rangeMs/stepMs/originalOffsetMs hold what Go holds: float seconds rounded to nanoseconds
//   (math.Round(v * 1e9)), then cut to milliseconds, so `foo[1s1ms]` keeps its 1001 ms.
//
// Printing is iterative (an explicit stack of pieces) so that trees thousands of levels deep
// do not overflow the call stack.
import type {
  AggregateExpr, AggregateOp, BinaryExpr, DurationExpr, Expr, LabelMatcher, MatrixSelector,
  SubqueryExpr, VectorMatching, VectorSelector,
} from './ast';
import { compareGoStrings, formatAtSeconds, formatDurationMs, formatDurationSeconds, formatFloatF, formatFloatV, goQuote } from './goFormatting';

/** A node's String() as a sequence: literal text and sub-expressions printed in place. */
export type Piece = string | Expr;

/** Prometheus' Expr.String(). */
export function exprToString(expr: Expr): string {
  let out = '';
  const stack: Piece[] = [expr];
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (typeof p === 'string') out += p;
    else {
      const ps = pieces(p);
      for (let i = ps.length - 1; i >= 0; i--) stack.push(ps[i]);
    }
  }
  return out;
}

/** The pieces of one node's String(), in order. */
export function pieces(e: Expr): Piece[] {
  switch (e.type) {
    case 'AggregateExpr': {
      const out: Piece[] = [aggregateOpString(e), '('];
      if (aggregatorTakesParam(e.op) && e.param) out.push(e.param, ', ');
      if (e.expr) out.push(e.expr);
      out.push(')');
      return out;
    }
    case 'BinaryExpr':
      return [e.lhs, ` ${binaryOpString(e)} `, e.rhs];
    case 'Call': {
      const out: Piece[] = [e.func.name + '('];
      e.args.forEach((a, i) => {
        if (i > 0) out.push(', ');
        out.push(a);
      });
      out.push(')');
      return out;
    }
    case 'MatrixSelector':
      return matrixPieces(e);
    case 'SubqueryExpr':
      return [e.expr, ...subqueryTimeSuffix(e)];
    case 'NumberLiteral':
      if (e.duration) return [e.val < 0 ? '-' + formatDurationSeconds(-e.val) : formatDurationSeconds(e.val)];
      return [formatFloatF(e.val)];
    case 'ParenExpr':
      return ['(', e.expr, ')'];
    case 'StringLiteral':
      return [goQuote(e.val)];
    case 'UnaryExpr':
      return [e.op, e.expr];
    case 'VectorSelector': {
      const out: Piece[] = [selectorNameAndMatchers(e) + atString(e) + (e.anchored ? ' anchored' : e.smoothed ? ' smoothed' : '')];
      out.push(...offsetPieces(e));
      return out;
    }
    case 'DurationExpr':
      return durationPieces(e);
    case 'ErrorExpr':
      return [];
  }
}

const PARAM_AGGREGATORS: ReadonlySet<AggregateOp> = new Set<AggregateOp>(['topk', 'bottomk', 'count_values', 'quantile', 'limitk', 'limit_ratio']);

/** ItemType.IsAggregatorWithParam(). */
export function aggregatorTakesParam(op: AggregateOp): boolean {
  return PARAM_AGGREGATORS.has(op);
}

/** writeAggOpStr: `sum`, `sum by (a, b) `, `sum without () `; by() with no labels prints nothing. */
export function aggregateOpString(e: AggregateExpr): string {
  if (e.without) return `${e.op} without (${labelList(e.grouping)}) `;
  if (e.grouping.length > 0) return `${e.op} by (${labelList(e.grouping)}) `;
  return e.op;
}

/** The operator with `bool` and the matching clause, as between the operands (ShortString). */
export function binaryOpString(e: BinaryExpr): string {
  return e.op + (e.returnBool ? ' bool' : '') + matchingString(e.vectorMatching);
}

/** getMatchingStr: ` on (a)`, ` ignoring (b) group_left (c)`, ` fill (0)`. */
export function matchingString(vm: VectorMatching | null): string {
  if (!vm) return '';
  let out = '';
  const grouped = vm.card === 'many-to-one' || vm.card === 'one-to-many';
  // ignoring() without labels or grouping means nothing and is dropped, like Prometheus does.
  if (vm.matchingLabels.length > 0 || vm.on || grouped) {
    out += ` ${vm.on ? 'on' : 'ignoring'} (${labelList(vm.matchingLabels)})`;
  }
  if (grouped) out += ` group_${vm.card === 'many-to-one' ? 'left' : 'right'} (${labelList(vm.include)})`;
  const fill = vm.fillValues;
  if (fill && (fill.lhs !== undefined || fill.rhs !== undefined)) {
    // One value for both sides prints as fill(v); NaN counts as equal to itself here.
    const same = fill.lhs !== undefined && fill.rhs !== undefined && (fill.lhs === fill.rhs || (Number.isNaN(fill.lhs) && Number.isNaN(fill.rhs)));
    if (same) {
      out += ` fill (${formatFloatV(fill.lhs!)})`;
    } else {
      if (fill.lhs !== undefined) out += ` fill_left (${formatFloatV(fill.lhs)})`;
      if (fill.rhs !== undefined) out += ` fill_right (${formatFloatV(fill.rhs)})`;
    }
  }
  return out;
}

/** writeLabels: names that are not legacy label names are quoted. */
function labelList(names: readonly string[]): string {
  return names.map((n) => (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(n) ? n : goQuote(n))).join(', ');
}

/** Matcher.String(): the name is quoted unless it is [a-zA-Z_][a-zA-Z0-9_]*. */
export function matcherString(m: LabelMatcher): string {
  const name = /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(m.name) ? m.name : goQuote(m.name);
  return name + m.op + goQuote(m.value);
}

/** The name and sorted matchers of a selector, without @, offset or anchored/smoothed. */
export function selectorNameAndMatchers(vs: VectorSelector): string {
  const labels: string[] = [];
  for (const m of vs.labelMatchers) {
    // The __name__ matcher that repeats the metric name is implied by the name.
    if (m.name === '__name__' && m.op === '=' && m.value === vs.name && m.value !== '') continue;
    labels.push(matcherString(m));
  }
  if (labels.length === 0) return vs.name;
  labels.sort(compareGoStrings);
  return `${vs.name}{${labels.join(',')}}`;
}

function atString(n: { timestamp: number | null; startOrEnd: 'start' | 'end' | null }): string {
  if (n.timestamp !== null) return ' @ ' + formatAtSeconds(n.timestamp);
  if (n.startOrEnd === 'start') return ' @ start()';
  if (n.startOrEnd === 'end') return ' @ end()';
  return '';
}

function offsetPieces(n: { originalOffsetMs: number; originalOffsetExpr: DurationExpr | null }): Piece[] {
  if (n.originalOffsetExpr) return [' offset ', n.originalOffsetExpr];
  if (n.originalOffsetMs > 0) return [' offset ' + formatDurationMs(n.originalOffsetMs)];
  if (n.originalOffsetMs < 0) return [' offset -' + formatDurationMs(-n.originalOffsetMs)];
  return [];
}

function matrixPieces(e: MatrixSelector): Piece[] {
  const vs = e.vectorSelector;
  if (vs.type !== 'VectorSelector') {
    // Only a broken tree has anything else here; print what there is.
    return [vs, '[', e.rangeExpr ?? formatDurationMs(e.rangeMs), ']'];
  }
  // @, offset and anchored/smoothed belong to the vector selector but print after the range.
  const ext = vs.anchored ? ' anchored' : vs.smoothed ? ' smoothed' : '';
  return [
    selectorNameAndMatchers(vs) + '[',
    e.rangeExpr ?? formatDurationMs(e.rangeMs),
    ']' + ext + atString(vs),
    ...offsetPieces(vs),
  ];
}

/** getSubqueryTimeSuffix: `[range:step] @ ts offset d`. */
export function subqueryTimeSuffix(e: SubqueryExpr): Piece[] {
  const step: Piece = e.stepExpr ?? (e.stepMs !== 0 ? formatDurationMs(e.stepMs) : '');
  return [
    '[',
    e.rangeExpr ?? formatDurationMs(e.rangeMs),
    ':',
    step,
    ']' + atString(e),
    ...offsetPieces(e),
  ];
}

function durationPieces(e: DurationExpr): Piece[] {
  const inner: Piece[] = [];
  switch (e.op) {
    case 'step':
      inner.push('step()');
      break;
    case 'range':
      inner.push('range()');
      break;
    case 'min_of':
    case 'max_of':
      inner.push(e.op + '(', e.lhs ?? '', ', ', e.rhs ?? '', ')');
      break;
    case null: {
      const leaf = e.lhs ?? e.rhs;
      if (leaf) inner.push(leaf);
      break;
    }
    default:
      if (e.lhs === null) {
        // Unary: `-x` keeps its sign, `+x` prints as x.
        if (e.op === '-') inner.push('-');
        if (e.rhs) inner.push(e.rhs);
      } else {
        inner.push(e.lhs, ` ${e.op} `, e.rhs ?? '');
      }
  }
  return e.wrapped ? ['(', ...inner, ')'] : inner;
}
