// Tree helpers the quality checks share: parent links, unwrapping parentheses, metric names.
import { ownType, walk, type Expr, type ValueType, type VectorSelector } from '../../../promql/ast';

/** One walk of a rule's tree, shared by all quality checks (each used to walk it again). */
interface FlatTree {
  nodes: Expr[];
  parentOf: (Expr | null)[];
  parents?: Map<Expr, Expr | null>;
}

const flatTrees = new WeakMap<Expr, FlatTree>();

function flatTree(root: Expr): FlatTree {
  let f = flatTrees.get(root);
  if (!f) {
    const nodes: Expr[] = [];
    const parentOf: (Expr | null)[] = [];
    walk(root, (node, parent) => {
      nodes.push(node);
      parentOf.push(parent);
    });
    f = { nodes, parentOf };
    flatTrees.set(root, f);
  }
  return f;
}

/** Each node's parent; shared between callers, do not modify. */
export function parentMap(root: Expr): Map<Expr, Expr | null> {
  const f = flatTree(root);
  if (!f.parents) {
    f.parents = new Map<Expr, Expr | null>();
    for (let i = 0; i < f.nodes.length; i++) f.parents.set(f.nodes[i], f.parentOf[i]);
  }
  return f.parents;
}

export function ancestors(node: Expr, parents: Map<Expr, Expr | null>): Expr[] {
  const out: Expr[] = [];
  for (let p = parents.get(node) ?? null; p; p = parents.get(p) ?? null) out.push(p);
  return out;
}

export function unwrapParens(e: Expr): Expr {
  while (e.type === 'ParenExpr') e = e.expr;
  return e;
}

/** The metric name a selector asks for: its name, or an equality matcher on __name__. */
export function metricName(v: VectorSelector): string {
  if (v.name) return v.name;
  return v.labelMatchers.find((m) => m.name === '__name__' && m.op === '=')?.value ?? '';
}

/** Every node of root's tree in walk order; shared between callers, do not modify. */
export function treeNodes(root: Expr): readonly Expr[] {
  return flatTree(root).nodes;
}

export function nodesOfType<T extends Expr['type']>(root: Expr, type: T): Array<Extract<Expr, { type: T }>> {
  const out: Array<Extract<Expr, { type: T }>> = [];
  // An index loop: interpreted (as most of a CLI run is), for…of allocates a result per step.
  const nodes = flatTree(root).nodes;
  for (let i = 0; i < nodes.length; i++) if (nodes[i].type === type) out.push(nodes[i] as Extract<Expr, { type: T }>);
  return out;
}

/** The type of an expression's result (Go's Expr.Type()), without recursing into deep trees. */
export function resultType(e: Expr): ValueType {
  let x = e;
  while (x.type === 'ParenExpr' || x.type === 'UnaryExpr') x = x.expr;
  // An operator's result is an instant vector or a scalar.
  if (x.type === 'BinaryExpr') return 'vector';
  return ownType(x) ?? 'none';
}
