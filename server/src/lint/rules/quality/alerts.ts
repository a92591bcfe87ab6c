// Checks of alerting rules: a condition in the expression, `for` on absent() alerts, the usual
// annotations, stable labels, and the naming style.
import type { Expr } from '../../../promql/ast';
import type { Finding } from '../model';
import { nodesOfType, unwrapParens } from './astUtil';
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
    return [{
      ruleId: 'rule/alert-without-condition',
      message: 'alert expression has no condition (comparison, and/unless, absent()): it returns every matching series, so the alert always fires for all of them',
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

const WANTED_ANNOTATIONS = ['summary', 'description'];

export const missingAnnotation: RuleCheck = {
  doc: ruleDoc(
    'rule/missing-annotation',
    'info',
    'An alert without a `summary` or `description` annotation gives whoever is paged nothing to go on.',
    'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up == 0\n',
    'groups:\n- name: g\n  rules:\n  - alert: JobDown\n    expr: up == 0\n    annotations:\n      summary: "{{ $labels.job }} is down"\n      description: "{{ $labels.instance }} has not answered scrapes."\n',
  ),
  check(ctx) {
    const alert = ctx.rule.alert;
    if (!alert?.value || ctx.rule.record?.value) return [];
    const have = new Set((ctx.rule.annotations?.entries ?? []).filter((a) => a.value.trim() !== '').map((a) => a.key));
    const missing = WANTED_ANNOTATIONS.filter((a) => !have.has(a));
    if (missing.length === 0) return [];
    return [{
      ruleId: 'rule/missing-annotation',
      message: `alert ${JSON.stringify(alert.value)} has no ${missing.join(' or ')} annotation`,
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
