// Counters only make sense through rate()/increase()/irate()/resets(): their raw value depends on
// when the process last restarted. Without the target's metadata, a counter is told by its name:
// `_total` (the counter convention; see below for capacities) and `_bucket` (a histogram's buckets); `_count` and `_sum`
// only when they are a histogram's or summary's, that is when the name before them ends in a unit
// (`..._seconds_count`) or the same expression also reads its `_bucket`, `_sum` or `_count`.
// Plenty of gauges end in `_count` (postgres_exporter's `pg_stat_activity_count`, `pg_locks_count`).
// A `_total` read beside a `_free`/`_available`/`_used`... series of the same name is a capacity gauge
// (cAdvisor's `container_fs_inodes_free / container_fs_inodes_total`): counters have no free part.
import type { BinaryExpr, Expr } from '../../../promql/ast';
import type { Finding } from '../model';
import { ancestors, metricName, nodesOfType, parentMap, unwrapParens } from './astUtil';
import { ruleDoc, type RuleCheck } from './types';

const COUNT_OR_SUM = /^(.*)_(count|sum)$/;
/** Units (base and common scaled ones) and the words histogram and summary names end in before _count/_sum. */
const HISTOGRAM_BASE = /_(seconds|milliseconds|microseconds|nanoseconds|bytes|bits|meters|grams|joules|volts|amperes|celsius|ratio|duration|latency|size)$/;
/** Uses of a raw series that look only at its existence, labels or timestamp. */
const PRESENCE_FUNCS = new Set(['absent', 'timestamp', 'absent_over_time', 'present_over_time']);
const SET_OPS = new Set(['and', 'or', 'unless']);
/** Parts of a capacity that a `<base>_total` gauge is the whole of. */
const CAPACITY_PARTS = ['free', 'avail', 'available', 'used', 'usage', 'in_use', 'remaining', 'reserved'];

/** Whether the metric `name` is a counter, given the other metric names the expression reads. */
export function looksLikeCounter(name: string, names: ReadonlySet<string>): boolean {
  if (name.endsWith('_total')) {
    const base = name.slice(0, -'_total'.length);
    return !CAPACITY_PARTS.some((part) => names.has(`${base}_${part}`));
  }
  if (name.endsWith('_bucket')) return true;
  const m = COUNT_OR_SUM.exec(name);
  if (!m) return false;
  const base = m[1];
  return HISTOGRAM_BASE.test(base) || names.has(`${base}_bucket`) || names.has(`${base}_${m[2] === 'count' ? 'sum' : 'count'}`);
}

/** `x > 0` or `x != 0` used as a guard of and/or/unless: "the series exists and has counted something". */
function isNonZeroGuard(cmp: BinaryExpr, parent: Expr | undefined): boolean {
  if (cmp.op !== '>' && cmp.op !== '!=') return false;
  const rhs = unwrapParens(cmp.rhs);
  return rhs.type === 'NumberLiteral' && rhs.val === 0 && parent?.type === 'BinaryExpr' && SET_OPS.has(parent.op);
}

function rawUseIsFine(node: Expr, parents: Map<Expr, Expr | null>): boolean {
  let child: Expr = node;
  const chain = ancestors(node, parents);
  for (let i = 0; i < chain.length; i++) {
    const a = chain[i];
    if (a.type === 'MatrixSelector' || a.type === 'SubqueryExpr') return true; // some range function decides
    if (a.type === 'Call' && PRESENCE_FUNCS.has(a.func.name)) return true;
    if (a.type === 'AggregateExpr' && (a.op === 'count' || a.op === 'group' || a.op === 'count_values')) return true;
    // The right side of and/unless only contributes label sets.
    if (a.type === 'BinaryExpr' && (a.op === 'and' || a.op === 'unless') && a.rhs === child) return true;
    if (a.type === 'BinaryExpr' && a.lhs === child && isNonZeroGuard(a, chain.slice(i + 1).find((p) => p.type !== 'ParenExpr'))) return true;
    child = a;
  }
  return false;
}

export const counterWithoutRate: RuleCheck = {
  doc: ruleDoc(
    'rule/counter-without-rate',
    'warning',
    'A counter used without rate()/increase()/irate(): its raw value only grows and resets on restart. Told by its name: _total and _bucket; _count and _sum after a unit (_seconds_count) or beside the same histogram\'s other series. `x_total > 0` guarding an and/or/unless is allowed, and so is a `x_total` read beside its `x_free`, `x_available` or `x_used` (a capacity gauge).',
    'groups:\n- name: g\n  rules:\n  - alert: HighErrors\n    expr: http_errors_total > 100\n',
    'groups:\n- name: g\n  rules:\n  - alert: HighErrors\n    expr: rate(http_errors_total[5m]) > 1\n',
  ),
  check(ctx) {
    if (!ctx.ast) return [];
    const parents = parentMap(ctx.ast);
    const out: Finding[] = [];
    const selectors = nodesOfType(ctx.ast, 'VectorSelector');
    const names = new Set(selectors.map(metricName));
    for (let i = 0; i < selectors.length; i++) {
      const v = selectors[i];
      const name = metricName(v);
      if (!looksLikeCounter(name, names) || rawUseIsFine(v, parents)) continue;
      out.push({
        ruleId: 'rule/counter-without-rate',
        message: `${name} looks like a counter (by its name) but is used without rate(), irate() or increase(): its raw value depends on when the target last restarted`,
        range: ctx.toFile(v.range),
      });
    }
    return out;
  },
};
