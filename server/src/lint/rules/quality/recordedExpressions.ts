// A rule that computes again what a recording rule of the same file already records (pint's
// promql/performance, offline): `sum(rate(foo_total[5m]))` in an alert when `foo:rate5m` records
// `rate(foo_total[5m])`. Expressions are compared as Prometheus prints them (String()), so
// spacing, `sum(x) by (a)` against `sum by (a) (x)` and the like do not matter.
import { children, type Expr } from '../../../promql/ast';
import { exprToString } from '../../../promql/format';
import { lineIndex, type LineIndex } from '../../../text/lines';
import type { CheckOptions, RuleContext } from '../context';
import type { Finding } from '../model';
import { metricName, nodesOfType, unwrapParens } from './astUtil';
import { ruleDoc, type RuleCheck } from './types';

interface Recorded {
  name: string;
  /** Where its `record:` key is in the file. */
  at: number;
  root: Expr;
  /** The metric names its selectors read: a candidate's text must contain them all. */
  metrics: string[];
  /** As Prometheus prints it, once needed. */
  key?: string;
}

/**
 * What an expression must begin with to be worth a recording rule and to be compared at all:
 * a function call, an aggregation, an operation or a subquery (a bare selector or number is not).
 */
function head(e: Expr): string | undefined {
  switch (e.type) {
    case 'Call':
      return `f:${e.func.name}`;
    case 'AggregateExpr':
      return `a:${e.op}`;
    case 'BinaryExpr':
      return `b:${e.op}`;
    case 'SubqueryExpr':
      return 's';
    default:
      return undefined;
  }
}

/** Printing every candidate subtree of a pathological file costs its size squared: stop there. */
const PRINT_BUDGET = 2_000_000;

export const useRecordingRule: RuleCheck = {
  doc: ruleDoc(
    'rule/use-recording-rule',
    'info',
    'A rule computes again an expression that a recording rule of the same file records (pint\'s promql/performance): query the recorded series instead, computed once per evaluation.',
    'groups:\n- name: g\n  rules:\n  - record: job:http_requests:rate5m\n    expr: sum by (job) (rate(http_requests_total[5m]))\n  - alert: HighRequestRate\n    expr: sum by (job) (rate(http_requests_total[5m])) > 100\n',
    'groups:\n- name: g\n  rules:\n  - record: job:http_requests:rate5m\n    expr: sum by (job) (rate(http_requests_total[5m]))\n  - alert: HighRequestRate\n    expr: job:http_requests:rate5m > 100\n',
  ),
  checkFile(rules: RuleContext[], _opts: CheckOptions): Finding[] {
    // By the head of their expression; printed only when a candidate's text holds their metric names.
    const recorded = new Map<string, Recorded[]>();
    for (const ctx of rules) {
      const name = ctx.rule.record?.value;
      // Static labels make the recorded series differ from the expression's.
      if (!ctx.ast || !name || ctx.rule.alert?.value || (ctx.rule.labels?.entries.length ?? 0) > 0) continue;
      const root = unwrapParens(ctx.ast);
      const h = head(root);
      if (!h) continue;
      const metrics = [...new Set(nodesOfType(ctx.ast, 'VectorSelector').map(metricName))].filter((m) => m !== '');
      const entry: Recorded = { name, at: ctx.rule.record!.keyRange.start, root, metrics };
      const list = recorded.get(h);
      if (list) list.push(entry);
      else recorded.set(h, [entry]);
    }
    if (recorded.size === 0) return [];
    let budget = PRINT_BUDGET;
    const print = (e: Expr): string => {
      const text = exprToString(e);
      budget -= text.length;
      return text;
    };
    // Line numbers for the messages, once there is one to write.
    let lines: LineIndex | undefined;
    const lineOf = (offset: number): number => (lines ??= lineIndex(rules[0].fileText)).position(offset).line + 1;
    const out: Finding[] = [];
    for (const ctx of rules) {
      if (!ctx.ast) continue;
      const own = ctx.rule.record?.value ? unwrapParens(ctx.ast) : undefined;
      // Outermost matches only: what a match contains is replaced with it.
      const stack: Expr[] = [ctx.ast];
      while (stack.length > 0 && budget > 0) {
        const e = stack.pop()!;
        const h = head(e);
        const candidates = h === undefined || e === own ? undefined : recorded.get(h);
        if (candidates) {
          const text = ctx.exprText.slice(e.range.start, e.range.end);
          let key: string | undefined;
          let match: Recorded | undefined;
          for (const r of candidates) {
            if (!r.metrics.every((m) => text.includes(m))) continue;
            key ??= print(e);
            r.key ??= print(r.root);
            if (r.key === key) {
              match = r;
              break;
            }
          }
          // (A recording rule's own expression is skipped above: recording the same thing twice is rule/duplicate-rule's business.)
          if (match && key !== undefined) {
            out.push({
              ruleId: 'rule/use-recording-rule',
              message: `${key} is what recording rule ${match.name} (line ${lineOf(match.at)}) records: query ${match.name} instead, computed once per evaluation`,
              range: ctx.toFile(e.range),
            });
            continue;
          }
        }
        const kids = children(e);
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
      }
    }
    return out;
  },
};
