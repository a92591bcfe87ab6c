// Range windows of rate()-like functions: long enough to hold two samples, and over raw series.
import type { Call } from '../../../promql/ast';
import { formatDuration } from '../duration';
import type { Finding } from '../model';
import { nodesOfType, unwrapParens } from './astUtil';
import { ruleDoc, type RuleCheck } from './types';

/** Functions that need at least two samples in their window to return anything. */
const TWO_SAMPLE_FUNCS = new Set(['rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear']);
/** Functions whose result is wrong when the input's counter resets are hidden by aggregation. */
const COUNTER_FUNCS = new Set(['rate', 'irate', 'increase', 'resets']);

export const rateWindow: RuleCheck = {
  doc: ruleDoc(
    'rule/rate-window',
    'warning',
    'A rate()/irate()/increase()/deriv()... window shorter than two scrape intervals may hold fewer than two samples and return nothing.',
    'groups:\n- name: g\n  rules:\n  - record: job:http_requests:rate30s\n    expr: sum by (job) (rate(http_requests_total[30s]))\n',
    'groups:\n- name: g\n  rules:\n  - record: job:http_requests:rate5m\n    expr: sum by (job) (rate(http_requests_total[5m]))\n',
  ),
  check(ctx, opts) {
    if (!ctx.ast) return [];
    const out: Finding[] = [];
    const min = 2 * opts.scrapeIntervalMs;
    const calls = nodesOfType(ctx.ast, 'Call');
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      if (!TWO_SAMPLE_FUNCS.has(call.func.name)) continue;
      const arg = call.args[0] ? unwrapParens(call.args[0]) : null;
      if (!arg || arg.type !== 'MatrixSelector' || arg.rangeExpr) continue;
      if (arg.rangeMs >= min) continue;
      out.push({
        ruleId: 'rule/rate-window',
        message:
          `${call.func.name}() window ${formatDuration(arg.rangeMs)} is shorter than two scrape intervals ` +
          `(scrape interval ${formatDuration(opts.scrapeIntervalMs)}${opts.scrapeIntervalIsDefault ? ", Prometheus' default: no prometheus.yml was found to give it; scrapeInterval in .monitoring-lint.yml sets it" : ''}): ` +
          `it may see fewer than two samples and return nothing; use at least ${formatDuration(min)}`,
        range: ctx.toFile(arg.range),
      });
    }
    return out;
  },
};

function describeInner(call: Call): string | null {
  const arg = call.args[0] ? unwrapParens(call.args[0]) : null;
  if (!arg || arg.type !== 'SubqueryExpr') return null;
  const inner = unwrapParens(arg.expr);
  if (inner.type === 'AggregateExpr') return `an aggregation (${inner.op})`;
  if (inner.type === 'BinaryExpr') return 'a binary expression';
  if (inner.type === 'Call' && !COUNTER_FUNCS.has(inner.func.name)) return `${inner.func.name}()`;
  return null;
}

export const rateOverAggregation: RuleCheck = {
  doc: ruleDoc(
    'rule/rate-over-aggregation',
    'warning',
    'rate()/increase()/irate() over a subquery of an aggregation or computation: counter resets of the underlying series are lost; rate first, aggregate after.',
    'groups:\n- name: g\n  rules:\n  - record: job:http_requests:rate5m\n    expr: rate(sum by (job) (http_requests_total)[5m:1m])\n',
    'groups:\n- name: g\n  rules:\n  - record: job:http_requests:rate5m\n    expr: sum by (job) (rate(http_requests_total[5m]))\n',
  ),
  check(ctx) {
    if (!ctx.ast) return [];
    const out: Finding[] = [];
    const calls = nodesOfType(ctx.ast, 'Call');
    for (let i = 0; i < calls.length; i++) {
      const call = calls[i];
      if (!COUNTER_FUNCS.has(call.func.name)) continue;
      const what = describeInner(call);
      if (!what) continue;
      out.push({
        ruleId: 'rule/rate-over-aggregation',
        message: `${call.func.name}() over a subquery of ${what}: counter resets of the individual series are lost; apply ${call.func.name}() to the raw counter and aggregate the result, e.g. sum(rate(x[5m]))`,
        range: ctx.toFile(call.range),
      });
    }
    return out;
  },
};
