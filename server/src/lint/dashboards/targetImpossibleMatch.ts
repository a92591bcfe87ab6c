// dashboard/target-impossible-vector-match: lint/promql/impossibleMatch.ts on each Prometheus
// target. Grafana variables are placeholders in the parsed text, so a matcher holding one fixes
// nothing (`instance=~"$node"` may equal the other side's value at run time), and a query with a
// variable where a label name could stand (`by ($group)`, label_replace's arguments) is left alone.
import { preorder, type Expr, type LabelMatcher, type PosRange } from '../../promql/ast';
import type { DashboardExpression } from '../../documents/dashboard';
import { findGrafanaVariables } from '../../documents/grafanaVariables';
import { IMPOSSIBLE_MATCH_BAD, IMPOSSIBLE_MATCH_GOOD, IMPOSSIBLE_MATCH_SUMMARY, impossibleMatches, matchCandidates, placeInFile } from '../promql/impossibleMatch';
import { ruleDoc, type DashboardCheck, type Finding } from './context';

const inside = (r: PosRange, outer: PosRange): boolean => r.start >= outer.start && r.end <= outer.end;

/**
 * The matchers that hold a variable, or undefined when a variable stands where it could change
 * which labels the query compares or keeps.
 */
function variableMatchers(e: DashboardExpression, nodes: readonly Expr[]): Set<LabelMatcher> | undefined {
  const refs = findGrafanaVariables(e.source);
  const out = new Set<LabelMatcher>();
  if (refs.length === 0) return out;
  for (const ref of refs) {
    // The innermost node around the reference says what it stands for.
    let innermost: Expr | undefined;
    for (const n of nodes) {
      if (inside(ref.range, n.range) && (!innermost || n.range.end - n.range.start < innermost.range.end - innermost.range.start)) innermost = n;
    }
    if (!innermost) continue;
    switch (innermost.type) {
      case 'VectorSelector': {
        const m = innermost.labelMatchers.find((x) => x.range && inside(ref.range, x.range));
        if (m) out.add(m); // else the metric name, which matching ignores
        break;
      }
      case 'MatrixSelector': // [$__rate_interval], offset $x: durations
      case 'SubqueryExpr':
      case 'NumberLiteral': // > $threshold
      case 'DurationExpr':
        break;
      default:
        return undefined; // by ($label), on ($label), a string argument, ...
    }
  }
  return out;
}

export const targetImpossibleMatch: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/target-impossible-vector-match', 'warning',
    `${IMPOSSIBLE_MATCH_SUMMARY} A matcher holding a Grafana variable is not taken as fixed.`,
    `"expr": ${JSON.stringify(IMPOSSIBLE_MATCH_BAD)}`,
    `"expr": ${JSON.stringify(IMPOSSIBLE_MATCH_GOOD)}`,
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.targets) {
      const r = ctx.parse(e);
      if (!r?.expr || r.errors.length > 0) continue;
      const nodes = preorder(r.expr);
      if (matchCandidates(nodes).length === 0) continue;
      const variables = variableMatchers(e, nodes);
      if (!variables) continue;
      for (const found of impossibleMatches(r.expr, { literal: (m) => !variables.has(m), text: e.text, nodes })) {
        const placed = placeInFile(found, (range) => ctx.fileRange(e, range));
        out.push({ ...placed, message: `${e.label}: ${placed.message}` });
      }
    }
    return out;
  },
};
