// Query rules: dashboard-linter's target-promql, target-rate-interval, target-job, target-instance
// and target-counter-agg (lint/rule_target_*.go), checked on the PromQL as Grafana sends it
// (variables replaced by placeholders) and reported on the exact characters of the dashboard.
import { exprType, type Expr, type LabelMatcher, type VectorSelector } from '../../promql/ast';
import type { DashboardExpression } from '../../documents/dashboard';
import { allPanels, num, prop } from '../../documents/dashboardModel';
import { findGrafanaVariables } from '../../documents/grafanaVariables';
import { walkWithParents } from './astWalk';
import { ruleDoc, type DashboardCheck, type DashboardContext, type Finding } from './context';
import { targetImpossibleMatch } from './targetImpossibleMatch';

const MAX_ERRORS_PER_QUERY = 3;

export const targetPromql: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/target-promql', 'error',
    'Each Prometheus query is valid PromQL once Grafana has replaced its variables, and a range query (every target not marked instant) gives an instant vector or a scalar, as /api/v1/query_range requires; a query without expr that reuses another panel names a panel that exists. Where a variable decides the syntax (a function or part of a name held in a variable), the query is not judged.',
    '"expr": "sum(rate(http_requests_total{job=~\\"$job\\"}[$__rate_interval])"',
    '"expr": "sum(rate(http_requests_total{job=~\\"$job\\"}[$__rate_interval]))"',
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const e of ctx.expressions) {
      if (e.kind !== 'dashboard-target') continue; // variable queries: template-label-promql
      if (e.source.trim() === '') continue;
      const r = ctx.parse(e);
      if (!r) continue;
      for (const err of r.errors.slice(0, MAX_ERRORS_PER_QUERY)) {
        out.push({ message: `${e.label}: invalid PromQL query: ${err.message}`, range: ctx.fileRange(e, err.range) });
      }
      // Prometheus' /api/v1/query_range evaluates only scalars and instant vectors.
      if (r.errors.length === 0 && r.expr && sendsRangeQuery(e)) {
        const type = exprType(r.expr);
        if (type === 'matrix' || type === 'string') {
          const name = type === 'matrix' ? 'range vector' : 'string';
          out.push({ message: `${e.label}: invalid expression type "${name}" for range query, must be Scalar or instant Vector`, range: ctx.fileRange(e, { start: 0, end: e.text.length }) });
        }
      }
    }
    out.push(...panelReferences(ctx));
    return out;
  },
};

/**
 * Whether Grafana runs the target as a range query: `range: true`, or neither flag but `instant`
 * not set (the older targets). Instant queries may return a range vector (a table of samples).
 */
function sendsRangeQuery(e: DashboardExpression): boolean {
  if (!e.target) return false;
  const hide = prop(e.target, 'hide');
  if (hide?.type === 'boolean' && hide.value) return false; // not run at all
  const range = prop(e.target, 'range');
  if (range?.type === 'boolean') return range.value === true;
  const instant = prop(e.target, 'instant');
  return !(instant?.type === 'boolean' && instant.value === true);
}

/** Targets without expr that point at another panel (panelId) must point at an existing one. */
function panelReferences(ctx: DashboardContext): Finding[] {
  const ids = new Set(allPanels(ctx.dash).map((p) => num(prop(p, 'id'))));
  const out: Finding[] = [];
  for (const p of ctx.panels) {
    for (const t of prop(p, 'targets')?.children ?? []) {
      const ref = prop(t, 'panelId');
      const id = num(ref);
      if (!ref || id === undefined || id <= 0 || prop(t, 'expr') || ids.has(id)) continue;
      out.push({ message: `${ctx.panelLabel(p)} invalid panel reference in target, reference panel id: '${id}'`, range: { start: ref.offset, end: ref.offset + ref.length } });
    }
  }
  return out;
}

/** Each parsed, valid Prometheus target with its tree. */
function parsedTargets(ctx: DashboardContext): Array<{ e: DashboardExpression; expr: Expr }> {
  const out: Array<{ e: DashboardExpression; expr: Expr }> = [];
  for (const e of ctx.targets) {
    const r = ctx.parse(e);
    if (r?.expr && r.errors.length === 0) out.push({ e, expr: r.expr });
  }
  return out;
}

const usesVariable = (source: string, name: string): boolean => findGrafanaVariables(source).some((v) => v.name === name);

/** A fixed window of an hour or more is chosen on purpose (an SLO's 30d, a daily increase). */
const DELIBERATE_WINDOW_MS = 3600_000;

export const targetRateInterval: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/target-rate-interval', 'warning',
    'rate() and irate() use `$__rate_interval` as their range, so they stay correct at every zoom level and scrape interval. A fixed window of an hour or more (an SLO window, `[1d]`) is taken as chosen on purpose and not reported. The quick fix is for review: the panel then shows another window.',
    '"expr": "rate(http_requests_total[5m])"',
    '"expr": "rate(http_requests_total[$__rate_interval])"',
  ),
  check(ctx) {
    if (!ctx.prometheusTemplated) return [];
    const out: Finding[] = [];
    for (const { e, expr } of parsedTargets(ctx)) {
      walkWithParents(expr, (node, parents) => {
        if (node.type !== 'MatrixSelector') return;
        const parent = parents[parents.length - 1];
        if (parent?.type !== 'Call' || (parent.func.name !== 'rate' && parent.func.name !== 'irate')) return;
        // The brackets after the selector: [ ... ] in the text; the variable in the source. The
        // selector's own range runs on over an offset or @ modifier written after the brackets.
        const open = e.text.indexOf('[', node.vectorSelector.range.end);
        const close = open < 0 ? -1 : e.text.indexOf(']', open);
        if (open < 0 || close < 0 || close >= node.range.end) return;
        const window = e.source.slice(open + 1, close);
        if (usesVariable(window, '__rate_interval')) return;
        if (findGrafanaVariables(window).length === 0 && node.rangeMs >= DELIBERATE_WINDOW_MS) return;
        const inner = { start: open + 1, end: close };
        const range = ctx.fileRange(e, inner);
        out.push({
          message: `${e.label}: ${parent.func.name}() should use $__rate_interval, not [${window.trim()}]`,
          range,
          fixes: [{ title: 'Use $__rate_interval', edits: [{ range, newText: '$__rate_interval' }] }],
        });
      });
    }
    return out;
  },
};

/** The source text of a matcher's value (between its quotes), e.g. `$job` for job=~"$job". */
function matcherValueSource(e: DashboardExpression, m: LabelMatcher): string | undefined {
  if (!m.range) return undefined;
  const src = e.source.slice(m.range.start, m.range.end);
  return /(["'`])([\s\S]*)\1\s*$/.exec(src)?.[2];
}

/** dashboard-linter's checkForMatcher: name=~"$name" in every selector. */
function checkMatcher(vs: VectorSelector, e: DashboardExpression, name: string): string | null {
  let result: string | null = `${name} selector not found`;
  for (const m of vs.labelMatchers) {
    if (m.name !== name) continue;
    const value = matcherValueSource(e, m) ?? m.value;
    const refs = findGrafanaVariables(value);
    const isVar = refs.length === 1 && refs[0].name === name && refs[0].raw === value;
    if (m.op === '=~' && isVar) return null;
    if (m.op !== '=~') result = `${name} selector is ${m.op}, not =~`;
    if (!isVar) result = `${name} selector is ${value}, not $${name}`;
  }
  return result;
}

function requiredMatcherRule(name: 'job' | 'instance'): DashboardCheck {
  return {
    doc: ruleDoc(
      `dashboard/target-${name}`, 'info',
      `When the dashboard has a \`${name}\` variable, every selector of a Prometheus query filters on it with ${name}=~"$${name}".`,
      `"expr": "up{cluster=\\"$cluster\\"}"`,
      `"expr": "up{${name}=~\\"$${name}\\"}"`,
    ),
    check(ctx) {
      if (!ctx.prometheusTemplated || !ctx.variable(name)) return [];
      const out: Finding[] = [];
      for (const { e, expr } of parsedTargets(ctx)) {
        walkWithParents(expr, (node) => {
          if (node.type !== 'VectorSelector') return;
          const problem = checkMatcher(node, e, name);
          if (problem) out.push({ message: `${e.label}: ${problem}`, range: ctx.fileRange(e, node.range) });
        });
      }
      return out;
    },
  };
}

export const targetJob = requiredMatcherRule('job');
export const targetInstance = requiredMatcherRule('instance');

const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
// Where a counter's value does not matter, only that the series exists (counting CPUs with
// count(node_cpu_seconds_total) is the classic case): not reported, unlike dashboard-linter.
const EXISTENCE_AGGREGATIONS = new Set(['count', 'group', 'count_values']);
const EXISTENCE_FUNCTIONS = new Set(['absent', 'present_over_time', 'absent_over_time', 'timestamp', 'changes', 'resets']);

function onlyExistenceMatters(parents: readonly Expr[]): boolean {
  for (let i = parents.length - 1; i >= 0; i--) {
    const p = parents[i];
    if (p.type === 'ParenExpr' || p.type === 'MatrixSelector') continue;
    if (p.type === 'AggregateExpr') return EXISTENCE_AGGREGATIONS.has(p.op);
    if (p.type === 'Call') return EXISTENCE_FUNCTIONS.has(p.func.name);
    return false;
  }
  return false;
}

export const targetCounterAgg: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/target-counter-agg', 'warning',
    'A counter (a metric ending in _total) is only shown through rate(), irate() or increase(): its raw value only says how long the process has been running.',
    '"expr": "sum(http_requests_total)"',
    '"expr": "sum(rate(http_requests_total[$__rate_interval]))"',
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const { e, expr } of parsedTargets(ctx)) {
      walkWithParents(expr, (node, parents) => {
        if (node.type !== 'VectorSelector' || !node.name.endsWith('_total')) return;
        const range = parents[parents.length - 1];
        const call = parents[parents.length - 2];
        if (range?.type === 'MatrixSelector' && call?.type === 'Call' && COUNTER_FUNCTIONS.has(call.func.name)) return;
        // rate(x_total[5m:1m]), rate((a_total + b_total)[1h:]): the subquery's samples are rated.
        let sub = parents.length - 1;
        while (sub >= 0 && parents[sub].type !== 'SubqueryExpr') sub--;
        const subCall = sub > 0 ? parents[sub - 1] : undefined;
        if (subCall?.type === 'Call' && COUNTER_FUNCTIONS.has(subCall.func.name)) return;
        if (onlyExistenceMatters(parents)) return;
        out.push({
          message: `${e.label}: counter metric '${e.source.slice(node.range.start, node.range.end)}' is not aggregated with rate, irate, or increase`,
          range: ctx.fileRange(e, node.range),
        });
      });
    }
    return out;
  },
};

export const targetRules: DashboardCheck[] = [targetPromql, targetRateInterval, targetJob, targetInstance, targetCounterAgg, targetImpossibleMatch];
