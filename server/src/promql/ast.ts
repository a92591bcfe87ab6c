// The PromQL syntax tree. It mirrors Prometheus' promql/parser/ast.go node for node, so the
// type checker and the printers can follow the Go code case by case. Every node carries its
// source range as UTF-16 offsets into the parsed text, half-open [start, end).

export interface PosRange {
  start: number;
  end: number;
}

/** Go's ValueType. `matrix` is a range vector, `vector` an instant vector. */
export type ValueType = 'none' | 'vector' | 'scalar' | 'matrix' | 'string';

/** Go's DocumentedType(): the words Prometheus uses in its error messages. */
export function documentedType(t: ValueType): string {
  switch (t) {
    case 'vector':
      return 'instant vector';
    case 'matrix':
      return 'range vector';
    default:
      return t;
  }
}

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
  /** Source range of the whole matcher; absent for the implicit __name__ matcher. */
  range?: PosRange;
}

export type AggregateOp =
  | 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar'
  | 'topk' | 'bottomk' | 'count_values' | 'quantile' | 'limitk' | 'limit_ratio';

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | 'atan2'
  | '==' | '!=' | '>' | '<' | '>=' | '<='
  | '</' | '>/'
  | 'and' | 'or' | 'unless';

export type DurationOp = '+' | '-' | '*' | '/' | '%' | '^' | 'step' | 'range' | 'min_of' | 'max_of';

export type Cardinality = 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';

export interface VectorMatching {
  card: Cardinality;
  /** Labels in on(...) / ignoring(...). */
  matchingLabels: string[];
  /** true for on(...), false for ignoring(...) or no clause. */
  on: boolean;
  /** Labels in group_left(...) / group_right(...). */
  include: string[];
  /** Fill modifiers (experimental): fill(v), fill_left(v), fill_right(v). */
  fillValues?: { lhs?: number; rhs?: number };
  /** Whether an on/ignoring clause was written at all (for printing `ignoring()` vs nothing). */
  explicit?: boolean;
}

interface NodeBase {
  range: PosRange;
}

export interface AggregateExpr extends NodeBase {
  type: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr | null;
  param: Expr | null;
  grouping: string[];
  without: boolean;
  /** by(...)/without(...) written at all (by() with no labels still counts). */
  hasGrouping?: boolean;
}

export interface BinaryExpr extends NodeBase {
  type: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** null when not both sides are vectors (Go leaves it nil). */
  vectorMatching: VectorMatching | null;
  returnBool: boolean;
}

export interface Call extends NodeBase {
  type: 'Call';
  func: FunctionInfo;
  args: Expr[];
}

export interface MatrixSelector extends NodeBase {
  type: 'MatrixSelector';
  vectorSelector: Expr;
  /** Range in milliseconds (Go's time.Duration divided by 1e6). */
  rangeMs: number;
  rangeExpr: DurationExpr | null;
}

export interface SubqueryExpr extends NodeBase {
  type: 'SubqueryExpr';
  expr: Expr;
  rangeMs: number;
  rangeExpr: DurationExpr | null;
  originalOffsetMs: number;
  originalOffsetExpr: DurationExpr | null;
  /** @ timestamp in milliseconds, or null. */
  timestamp: number | null;
  startOrEnd: 'start' | 'end' | null;
  stepMs: number;
  stepExpr: DurationExpr | null;
}

export interface NumberLiteral extends NodeBase {
  type: 'NumberLiteral';
  val: number;
  /** Written as a duration (e.g. `5m` in a numeric position): printed as a duration. */
  duration: boolean;
}

export interface ParenExpr extends NodeBase {
  type: 'ParenExpr';
  expr: Expr;
}

export interface StringLiteral extends NodeBase {
  type: 'StringLiteral';
  val: string;
}

export interface UnaryExpr extends NodeBase {
  type: 'UnaryExpr';
  op: '+' | '-';
  expr: Expr;
}

export interface VectorSelector extends NodeBase {
  type: 'VectorSelector';
  name: string;
  originalOffsetMs: number;
  originalOffsetExpr: DurationExpr | null;
  timestamp: number | null;
  startOrEnd: 'start' | 'end' | null;
  labelMatchers: LabelMatcher[];
  bypassEmptyMatcherCheck: boolean;
  anchored: boolean;
  smoothed: boolean;
}

/** Arithmetic on durations (experimental duration expressions), step(), range(), min_of/max_of. */
export interface DurationExpr extends NodeBase {
  type: 'DurationExpr';
  /** null for a bare number/duration leaf wrapped as DurationExpr. */
  op: DurationOp | null;
  lhs: Expr | null;
  rhs: Expr | null;
  wrapped: boolean;
}

/** Placeholder the parser leaves where recovery had to skip input; never valid. */
export interface ErrorExpr extends NodeBase {
  type: 'ErrorExpr';
}

export type Expr =
  | AggregateExpr
  | BinaryExpr
  | Call
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | ParenExpr
  | StringLiteral
  | UnaryExpr
  | VectorSelector
  | DurationExpr
  | ErrorExpr;

export interface FunctionInfo {
  name: string;
  argTypes: ValueType[];
  variadic: number;
  returnType: ValueType;
  experimental: boolean;
}

/** Go's Type() where it does not depend on the operands; undefined for paren, unary, binary. */
export function ownType(e: Expr): ValueType | undefined {
  switch (e.type) {
    case 'AggregateExpr':
    case 'VectorSelector':
      return 'vector';
    case 'Call':
      return e.func.returnType;
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return 'matrix';
    case 'NumberLiteral':
    case 'DurationExpr':
      return 'scalar';
    case 'StringLiteral':
      return 'string';
    case 'ErrorExpr':
      return 'none';
    default:
      return undefined;
  }
}

/** Go's Expr.Type(). Recursive: for deep trees the checker memoises it with an explicit stack. */
export function exprType(e: Expr): ValueType {
  const own = ownType(e);
  if (own) return own;
  switch (e.type) {
    case 'ParenExpr':
    case 'UnaryExpr':
      return exprType(e.expr);
    case 'BinaryExpr':
      return exprType(e.lhs) === 'scalar' && exprType(e.rhs) === 'scalar' ? 'scalar' : 'vector';
    default:
      return 'none';
  }
}

/**
 * Go's Type() for every expression, memoised. Paren, unary and binary types come from their
 * operands, which are resolved bottom-up with an explicit stack: chains 20,000 deep must not
 * recurse, and Go's own re-computation at every level would be quadratic.
 */
export class TypeCache {
  private readonly derived = new Map<Expr, ValueType>();

  get(e: Expr): ValueType {
    return ownType(e) ?? this.derived.get(e) ?? this.resolve(e);
  }

  private known(e: Expr): ValueType | undefined {
    return ownType(e) ?? this.derived.get(e);
  }

  private resolve(root: Expr): ValueType {
    const stack: Expr[] = [root];
    while (stack.length > 0) {
      const e = stack[stack.length - 1];
      const operands = e.type === 'BinaryExpr' ? [e.lhs, e.rhs] : e.type === 'ParenExpr' || e.type === 'UnaryExpr' ? [e.expr] : [];
      const pending = operands.filter((o) => this.known(o) === undefined);
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      stack.pop();
      if (e.type === 'BinaryExpr') {
        this.derived.set(e, this.known(e.lhs) === 'scalar' && this.known(e.rhs) === 'scalar' ? 'scalar' : 'vector');
      } else if (e.type === 'ParenExpr' || e.type === 'UnaryExpr') {
        this.derived.set(e, this.known(e.expr)!);
      }
    }
    return this.known(root)!;
  }
}

/** Every node of root's tree, each before its children (walk order). */
export function preorder(root: Expr): Expr[] {
  const nodes: Expr[] = [];
  walk(root, (node) => {
    nodes.push(node);
  });
  return nodes;
}

/**
 * A value for every node of a tree given in walk order (`preorder`), children first: `step` gets
 * the node and the values of its children (`of`). Iterative: trees 10,000 levels deep must not
 * overflow the stack.
 */
export function bottomUp<T>(nodes: readonly Expr[], step: (node: Expr, of: (child: Expr) => T) => T): Map<Expr, T> {
  const values = new Map<Expr, T>();
  const of = (child: Expr): T => values.get(child) as T;
  // Reverse walk order puts every node after its children.
  for (let i = nodes.length - 1; i >= 0; i--) values.set(nodes[i], step(nodes[i], of));
  return values;
}

const NO_CHILDREN: readonly Expr[] = [];

/** Go's Children(): direct sub-expressions in source order (a leaf's list is shared: do not modify). */
export function children(e: Expr): readonly Expr[] {
  switch (e.type) {
    case 'AggregateExpr': {
      const out: Expr[] = [];
      if (e.param && e.expr && e.param.range.start < e.expr.range.start) out.push(e.param, e.expr);
      else {
        if (e.expr) out.push(e.expr);
        if (e.param) out.push(e.param);
      }
      return out;
    }
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    case 'Call':
      return e.args;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
      return [e.expr];
    case 'MatrixSelector':
      return [e.vectorSelector];
    case 'DurationExpr': {
      const out: Expr[] = [];
      if (e.lhs) out.push(e.lhs);
      if (e.rhs) out.push(e.rhs);
      return out;
    }
    default:
      return NO_CHILDREN;
  }
}

/** Depth-first walk in source order; the callback gets each node and its parent. */
export function walk(e: Expr, visit: (node: Expr, parent: Expr | null) => void): void {
  // Iterative on purpose: trees 10,000 levels deep must not overflow the stack. Two parallel
  // stacks rather than a stack of [node, parent] pairs: no pair to allocate and destructure per
  // node (this runs mostly interpreted in the CLI, where destructuring allocates an iterator).
  const nodes: Expr[] = [e];
  const parents: Array<Expr | null> = [null];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    visit(node, parents.pop() as Expr | null);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) {
      nodes.push(kids[i]);
      parents.push(node);
    }
  }
}
