// Visits a PromQL tree with each node's ancestors (innermost last), like Go's parser.Walk path.
import { children, type Expr } from '../../promql/ast';

export function walkWithParents(root: Expr, visit: (node: Expr, parents: readonly Expr[]) => void): void {
  const parents: Expr[] = [];
  const go = (n: Expr): void => {
    visit(n, parents);
    parents.push(n);
    for (const c of children(n)) go(c);
    parents.pop();
  };
  go(root);
}
