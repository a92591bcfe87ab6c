// Tree helpers the quality checks share: parent links, unwrapping parentheses, metric names.
import { walk, type Expr, type VectorSelector } from '../../../promql/ast';

export function parentMap(root: Expr): Map<Expr, Expr | null> {
  const parents = new Map<Expr, Expr | null>();
  walk(root, (node, parent) => parents.set(node, parent));
  return parents;
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

export function nodesOfType<T extends Expr['type']>(root: Expr, type: T): Array<Extract<Expr, { type: T }>> {
  const out: Array<Extract<Expr, { type: T }>> = [];
  walk(root, (n) => {
    if (n.type === type) out.push(n as Extract<Expr, { type: T }>);
  });
  return out;
}
