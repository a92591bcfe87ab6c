// Counters (by the _total/_count/_sum/_bucket naming convention) only make sense through
// rate()/increase()/irate()/resets(): their raw value depends on when the process last restarted.
import type { Expr } from '../../../promql/ast';
import type { Finding } from '../model';
import { ancestors, metricName, nodesOfType, parentMap } from './astUtil';
import { ruleDoc, type RuleCheck } from './types';

const COUNTER_NAME = /_(total|count|sum|bucket)$/;
/** Uses of a raw series that look only at its existence, labels or timestamp. */
const PRESENCE_FUNCS = new Set(['absent', 'timestamp', 'absent_over_time', 'present_over_time']);

function rawUseIsFine(node: Expr, parents: Map<Expr, Expr | null>): boolean {
  let child: Expr = node;
  for (const a of ancestors(node, parents)) {
    if (a.type === 'MatrixSelector' || a.type === 'SubqueryExpr') return true; // some range function decides
    if (a.type === 'Call' && PRESENCE_FUNCS.has(a.func.name)) return true;
    if (a.type === 'AggregateExpr' && (a.op === 'count' || a.op === 'group' || a.op === 'count_values')) return true;
    // The right side of and/unless only contributes label sets.
    if (a.type === 'BinaryExpr' && (a.op === 'and' || a.op === 'unless') && a.rhs === child) return true;
    child = a;
  }
  return false;
}

export const counterWithoutRate: RuleCheck = {
  doc: ruleDoc(
    'rule/counter-without-rate',
    'warning',
    'A counter (name ending in _total, _count, _sum or _bucket) used without rate()/increase()/irate(): its raw value only grows and resets on restart.',
    'groups:\n- name: g\n  rules:\n  - alert: HighErrors\n    expr: http_errors_total > 100\n',
    'groups:\n- name: g\n  rules:\n  - alert: HighErrors\n    expr: rate(http_errors_total[5m]) > 1\n',
  ),
  check(ctx) {
    if (!ctx.ast) return [];
    const parents = parentMap(ctx.ast);
    const out: Finding[] = [];
    for (const v of nodesOfType(ctx.ast, 'VectorSelector')) {
      const name = metricName(v);
      if (!COUNTER_NAME.test(name) || rawUseIsFine(v, parents)) continue;
      out.push({
        ruleId: 'rule/counter-without-rate',
        message: `${name} looks like a counter (by its name) but is used without rate(), irate() or increase(): its raw value depends on when the target last restarted`,
        range: ctx.toFile(v.range),
      });
    }
    return out;
  },
};
