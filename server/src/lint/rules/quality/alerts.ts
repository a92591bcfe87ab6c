// Checks of alerting rules: a condition in the expression, `for` on absent() alerts, series not
// picked by topk() and friends, the usual annotations, stable labels, and the naming style.
import { documentedType, type AggregateExpr, type Expr } from '../../../promql/ast';
import type { Finding } from '../model';
import { nodesOfType, resultType, unwrapParens } from './astUtil';
import { ruleDoc, type RuleCheck } from './types';

const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const ABSENT_FUNCS = new Set(['absent', 'absent_over_time']);

/** Whether the expression can return nothing (i.e. it filters), so that the alert can resolve. */
function filters(e: Expr): boolean {
  e = unwrapParens(e);
  switch (e.type) {
    case 'BinaryExpr':
      if (COMPARISONS.has(e.op)) return !e.returnBool || filters(e.lhs) || filters(e.rhs);
      if (e.op === 'and' || e.op === 'unless') return true;
      if (e.op === 'or') return filters(e.lhs) && filters(e.rhs);
      return filters(e.lhs) || filters(e.rhs);
    case 'Call':
      return ABSENT_FUNCS.has(e.func.name) || e.args.some(filters);
    case 'AggregateExpr':
      return e.expr ? filters(e.expr) : false;
    case 'UnaryExpr':
      return filters(e.expr);
    case 'VectorSelector':
      // ALERTS{alertstate="firing"} only has series for firing alerts.
      return e.name === 'ALERTS' || e.name === 'ALERTS_FOR_STATE';
    case 'SubqueryExpr':
    case 'MatrixSelector':
      return filters(e.type === 'SubqueryExpr' ? e.expr : e.vectorSelector);
    default:
      return false;
  }
}

/** vector(1) and friends: an always-firing alert on purpose (Watchdog, DeadMansSwitch). */
function isConstant(e: Expr): boolean {
  e = unwrapParens(e);
  if (e.type === 'NumberLiteral') return true;
  return e.type === 'Call' && e.func.name === 'vector' && e.args.length === 1 && unwrapParens(e.args[0]).type === 'NumberLiteral';
}

export const alertWithoutCondition: RuleCheck = {
  doc: ruleDoc(
    'rule/alert-without-condition',
    'warning',
    'An alert whose expression has no comparison or filter returns every series, so it fires for all of them all the time.',
    'groups:\n- name: g\n  rules:\n  - alert: HighLatency\n    expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))\n',
    'groups:\n- name: g\n  rules:\n  - alert: HighLatency\n    expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5\n',
  ),
  check(ctx) {
    if (!ctx.ast || !ctx.rule.alert?.value || filters(ctx.ast) || isConstant(ctx.ast)) return [];
    // A range vector or a string never evaluates: rule/result-type says so.
    const type = resultType(ctx.ast);
    if (type === 'matrix' || type === 'string') return [];
    return [{
      ruleId: 'rule/alert-without-condition',
      message: 'alert expression has no condition (comparison, and/unless, absent()): it returns every matching series, so the alert always fires for all of them',
      range: ctx.toFile(ctx.ast.range),
    }];
  },
};

export const resultTypeCheck: RuleCheck = {
  doc: ruleDoc(
    'rule/result-type',
    'warning',
    'A rule whose expression gives a range vector or a string. Prometheus loads it (promtool check rules passes), but every evaluation fails with "rule result is not a vector or scalar": the recording rule records nothing, the alert never fires.',
    'groups:\n- name: g\n  rules:\n  - record: api:requests:rate5m\n    expr: requests_total{job="api"}[5m]\n',
    'groups:\n- name: g\n  rules:\n  - record: api:requests:rate5m\n    expr: rate(requests_total{job="api"}[5m])\n',
  ),
  check(ctx) {
    if (!ctx.ast) return [];
    const type = resultType(ctx.ast);
    if (type !== 'matrix' && type !== 'string') return [];
    return [{
      ruleId: 'rule/result-type',
      message: `the expression gives a ${documentedType(type)}: every evaluation of this rule fails with "rule result is not a vector or scalar"`,
      range: ctx.toFile(ctx.ast.range),
    }];
  },
};

export const absentWithoutFor: RuleCheck = {
  doc: ruleDoc(
    'rule/absent-without-for',
    'warning',
    'An absent() alert without `for`: it fires on a single missed scrape or right after a Prometheus restart.',
    'groups:\n- name: g\n  rules:\n  - alert: JobMissing\n    expr: absent(up{job="api"})\n',
    'groups:\n- name: g\n  rules:\n  - alert: JobMissing\n    expr: absent(up{job="api"})\n    for: 5m\n',
  ),
  check(ctx) {
    if (!ctx.ast || !ctx.rule.alert?.value) return [];
    if (ctx.rule.for && ctx.rule.for.ms !== 0) return [];
    const call = nodesOfType(ctx.ast, 'Call').find((c) => c.func.name === 'absent');
    if (!call) return [];
    return [{
      ruleId: 'rule/absent-without-for',
      message: 'absent() alert without `for`: it fires after a single missed scrape or a Prometheus restart; add `for:` (e.g. 5m)',
      range: ctx.toFile(call.range),
    }];
  },
};

/** Any one of them tells whoever is paged what is wrong; `message` is the older mixins' single one. */
const WANTED_ANNOTATIONS = ['summary', 'description', 'message'];

export const missingAnnotation: RuleCheck = {
  doc: ruleDoc(
    'rule/missing-annotation',
    'info',
    'An alert without a `summary` or `description` annotation (or the older mixins\' `message`) gives whoever is paged nothing to go on.',
    'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up == 0\n',
    'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up == 0\n    annotations:\n      summary: "{{ $labels.job }} is down"\n      description: "{{ $labels.instance }} has not answered scrapes."\n',
  ),
  check(ctx) {
    const alert = ctx.rule.alert;
    if (!alert?.value || ctx.rule.record?.value) return [];
    const have = new Set((ctx.rule.annotations?.entries ?? []).filter((a) => a.value.trim() !== '').map((a) => a.key));
    if (WANTED_ANNOTATIONS.some((a) => have.has(a))) return [];
    return [{
      ruleId: 'rule/missing-annotation',
      message: `alert ${JSON.stringify(alert.value)} has no summary or description annotation`,
      range: alert.valueRange,
    }];
  },
};

const VALUE_IN_TEMPLATE = /\{\{[^}]*(\$value|\.Value)\b[^}]*\}\}/;

export const templatedLabelValue: RuleCheck = {
  doc: ruleDoc(
    'rule/label-with-value',
    'warning',
    'An alert label templated with $value changes on every evaluation, which breaks the alert\'s identity (a new alert each time, the old one resolves).',
    'groups:\n- name: g\n  rules:\n  - alert: HighLoad\n    expr: node_load1 > 10\n    labels:\n      load: "{{ $value }}"\n',
    'groups:\n- name: g\n  rules:\n  - alert: HighLoad\n    expr: node_load1 > 10\n    annotations:\n      summary: "load is {{ $value }}"\n',
  ),
  check(ctx) {
    if (!ctx.rule.alert?.value) return [];
    const out: Finding[] = [];
    for (const kv of ctx.rule.labels?.entries ?? []) {
      if (!VALUE_IN_TEMPLATE.test(kv.value)) continue;
      out.push({
        ruleId: 'rule/label-with-value',
        message: `label ${JSON.stringify(kv.key)} uses the alert's value: it changes on every evaluation and creates a new alert each time; put it in an annotation`,
        range: kv.valueRange,
      });
    }
    return out;
  },
};

const ALERT_NAME_STYLE = /^[A-Z][A-Za-z0-9]*$/;

export const alertNameStyle: RuleCheck = {
  doc: ruleDoc(
    'rule/alert-name-style',
    'info',
    'Alert names are conventionally UpperCamelCase (e.g. `InstanceDown`): no spaces, dashes or snake_case.',
    'groups:\n- name: g\n  rules:\n  - alert: instance_down\n    expr: up == 0\n',
    'groups:\n- name: g\n  rules:\n  - alert: InstanceDown\n    expr: up == 0\n',
  ),
  check(ctx) {
    const alert = ctx.rule.alert;
    if (!alert?.value || ALERT_NAME_STYLE.test(alert.value)) return [];
    return [{
      ruleId: 'rule/alert-name-style',
      message: `alert name ${JSON.stringify(alert.value)} is not UpperCamelCase (e.g. ${JSON.stringify(camel(alert.value))})`,
      range: alert.valueRange,
    }];
  },
};

function camel(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

const SAMPLING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
/** Functions whose result is not the series of their argument: one series, or a scalar. */
const NOT_THE_ARGUMENTS_SERIES = new Set(['absent', 'absent_over_time', 'scalar', 'vector']);

/**
 * A topk/bottomk/limitk/limit_ratio over the whole result whose series are the alert's own:
 * reached from the root through parentheses, operators, functions and subqueries, without an
 * aggregation in between (`count(topk(...))` is one stable series). Iterative: trees may be
 * thousands of levels deep.
 */
function samplingOnOutput(root: Expr): AggregateExpr | undefined {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.type) {
      case 'AggregateExpr':
        // With by/without, k series per group: `topk by (ns, pod) (1, max by (ns, pod) (x))`
        // picks one stable series per group (kube-prometheus' deduplication), so only a sample
        // of the whole result counts.
        if (SAMPLING.has(e.op) && !e.hasGrouping && e.grouping.length === 0) return e;
        break; // any other aggregation makes its own series
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'SubqueryExpr':
        stack.push(e.expr);
        break;
      case 'MatrixSelector':
        break;
      case 'BinaryExpr':
        // `and`/`unless` keep the left side's series; other operators either side's (a side
        // matched against sampled series passes only where they are).
        if (e.op === 'and' || e.op === 'unless') stack.push(e.lhs);
        else stack.push(e.rhs, e.lhs);
        break;
      case 'Call':
        if (!NOT_THE_ARGUMENTS_SERIES.has(e.func.name)) for (let i = e.args.length - 1; i >= 0; i--) stack.push(e.args[i]);
        break;
      default:
        break;
    }
  }
  return undefined;
}

export const sampledAlert: RuleCheck = {
  doc: ruleDoc(
    'rule/sampled-alert',
    'warning',
    'An alert whose series are a sample picked by topk(), bottomk(), limitk() or limit_ratio() over the whole result (pint\'s promql/fragile): another set of series can come out at each evaluation, each with its own labels, so alerts fire and resolve in turn (flapping). Per-group picks (`topk by (...)`) are left alone.',
    'groups:\n- name: g\n  rules:\n  - alert: DiskAlmostFull\n    expr: topk(3, node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1)\n',
    'groups:\n- name: g\n  rules:\n  - alert: DiskAlmostFull\n    expr: node_filesystem_avail_bytes / node_filesystem_size_bytes < 0.1\n',
  ),
  check(ctx) {
    if (!ctx.ast || !ctx.rule.alert?.value) return [];
    const sampling = samplingOnOutput(ctx.ast);
    if (!sampling) return [];
    return [{
      ruleId: 'rule/sampled-alert',
      message: `${sampling.op}() picks the alert's series: another set can come out at each evaluation, each alert with its own labels, so alerts fire and resolve in turn; alert on the condition itself, or aggregate the result (e.g. count(...))`,
      range: ctx.toFile(sampling.range),
    }];
  },
};

