// Which labels an expression's result can carry, when the query fixes them (by(...), on(...),
// vector(), ...). null means "any": a raw selector can return whatever labels its series have.
// Computed bottom-up over one walk of the tree, without recursion: trees 10,000 levels deep
// must not overflow the stack, and a chain of n operators costs n steps, not n².
import { bottomUp, preorder, TypeCache, type Expr, type ValueType } from '../../../promql/ast';

export type LabelSet = ReadonlySet<string> | null;

/** Aggregations whose result series are input series, labels and all. */
export const KEEP_INPUT_AGGREGATIONS = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
const NO_LABEL_FUNCS = new Set(['vector', 'time', 'scalar', 'pi']);

function union(a: LabelSet, b: LabelSet): LabelSet {
  return a && b ? new Set([...a, ...b]) : null;
}

export function firstVectorArg(args: Expr[], exprType: (e: Expr) => ValueType): Expr | undefined {
  return args.find((a) => {
    const t = exprType(a);
    return t === 'vector' || t === 'matrix';
  });
}

export function stringArg(e: Expr | undefined): string | null {
  while (e && e.type === 'ParenExpr') e = e.expr;
  return e && e.type === 'StringLiteral' ? e.val : null;
}

/** The label sets of every node of root's tree. */
export function labelSetsOf(root: Expr, types = new TypeCache(), nodes: readonly Expr[] = preorder(root)): Map<Expr, LabelSet> {
  const typeOf = (x: Expr): ValueType => types.get(x);
  return bottomUp<LabelSet>(nodes, (node, of) => outputLabelsStep(node, of, typeOf));
}

export function outputLabels(e: Expr): LabelSet {
  return labelSetsOf(e).get(e) ?? null;
}

/** e's label set, given those of its children (`of`). */
function outputLabelsStep(e: Expr, of: (x: Expr) => LabelSet, exprType: (x: Expr) => ValueType): LabelSet {
  switch (e.type) {
    case 'ParenExpr':
    case 'UnaryExpr':
      return of(e.expr);
    case 'NumberLiteral':
    case 'StringLiteral':
      return new Set();
    case 'MatrixSelector':
      return of(e.vectorSelector);
    case 'SubqueryExpr':
      return of(e.expr);
    case 'AggregateExpr': {
      if (KEEP_INPUT_AGGREGATIONS.has(e.op)) return e.expr ? of(e.expr) : null;
      if (e.without) return null;
      const set = new Set(e.grouping);
      if (e.op === 'count_values') {
        const label = stringArg(e.param ?? undefined);
        if (label === null) return null;
        set.add(label);
      }
      return set;
    }
    case 'BinaryExpr': {
      const lt = exprType(e.lhs);
      const rt = exprType(e.rhs);
      if (lt !== 'vector') return rt === 'vector' ? of(e.rhs) : new Set();
      if (rt !== 'vector') return of(e.lhs);
      if (e.op === 'and' || e.op === 'unless') return of(e.lhs);
      if (e.op === 'or') return union(of(e.lhs), of(e.rhs));
      const m = e.vectorMatching;
      if (!m) return null;
      if (m.card === 'one-to-one') {
        if (m.on) return new Set(m.matchingLabels);
        const l = of(e.lhs);
        return l ? new Set([...l].filter((x) => !m.matchingLabels.includes(x))) : null;
      }
      if (m.card === 'many-to-one') return union(of(e.lhs), new Set(m.include));
      if (m.card === 'one-to-many') return union(of(e.rhs), new Set(m.include));
      return null;
    }
    case 'Call': {
      const name = e.func.name;
      if (NO_LABEL_FUNCS.has(name)) return new Set();
      if (name === 'absent' || name === 'absent_over_time') {
        // absent() returns the equality matchers of its selector as labels.
        let arg: Expr | undefined = e.args[0];
        while (arg && (arg.type === 'ParenExpr' || arg.type === 'MatrixSelector')) arg = arg.type === 'ParenExpr' ? arg.expr : arg.vectorSelector;
        if (!arg || arg.type !== 'VectorSelector') return new Set();
        return new Set(arg.labelMatchers.filter((m) => m.op === '=' && m.name !== '__name__').map((m) => m.name));
      }
      const arg = firstVectorArg(e.args, exprType);
      if (!arg) return new Set();
      const inner = of(arg);
      if (name === 'label_replace' || name === 'label_join') {
        const dst = stringArg(e.args[1]);
        return inner && dst !== null ? new Set([...inner, dst]) : null;
      }
      if (name === 'histogram_quantile' && inner) return new Set([...inner].filter((l) => l !== 'le'));
      return inner;
    }
    default:
      return null;
  }
}
