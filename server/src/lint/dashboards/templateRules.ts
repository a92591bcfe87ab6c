// Template-variable rules of Grafana's dashboard-linter (lint/rule_template_*.go): a templated
// Prometheus data source, job and instance variables set up the mixin way, valid PromQL in
// variable queries, and variables that reload when the time range changes.
import { bool, isPrometheusType, prop, str } from '../../documents/dashboardModel';
import { variableQueryNode } from '../../documents/dashboard';
import { variableQueryPromQL } from '../../documents/variableQuery';
import { ruleDoc, valueRange, type DashboardCheck, type DashboardContext, type Finding } from './context';

const titleCase = (s: string): string => s.replace(/\b\w/g, (c) => c.toUpperCase());

export const templateDatasource: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/template-datasource', 'warning',
    'The dashboard has a data source variable named `datasource` (or `<type>_datasource`) so users can pick their Prometheus.',
    '"templating": {"list": []}  with panels querying a fixed data source',
    '"templating": {"list": [{"name": "datasource", "label": "Data source", "type": "datasource", "query": "prometheus"}]}',
  ),
  check(ctx) {
    if (!ctx.usesPrometheus) return [];
    const vars = ctx.datasourceVariables;
    if (vars.length === 0) {
      return [{ message: `Dashboard '${ctx.title}' does not have a templated data source`, range: ctx.dashboardAnchor() }];
    }
    const out: Finding[] = [];
    for (const v of vars) {
      const query = str(prop(v, 'query')) ?? '';
      const name = str(prop(v, 'name')) ?? '';
      const label = str(prop(v, 'label')) ?? '';
      const uids = new Set([`${query.toLowerCase()}_datasource`]);
      const names = new Set([`${titleCase(query)} data source`]);
      let uidError = `templated data source variable named '${name}', should be named '${query.toLowerCase()}_datasource'`;
      let nameError = `templated data source variable labeled '${label}', should be labeled '${titleCase(query)} data source'`;
      if (vars.length === 1) {
        uids.add('datasource');
        names.add('Data source');
        uidError += ", or 'datasource'";
        nameError += ", or 'Data source'";
      }
      if (!uids.has(name)) out.push({ message: uidError, range: ctx.anchor(v, 'name') });
      else if (!names.has(label)) out.push({ message: nameError, range: ctx.anchor(v, 'label', 'name'), severity: 'info' });
    }
    return out;
  },
};

/** dashboard-linter's checkTemplate: the variable exists and is set up like the mixins do it. */
function checkTemplate(ctx: DashboardContext, name: string): Finding[] {
  if (!ctx.prometheusTemplated) return [];
  const t = ctx.variable(name);
  if (!t) return [{ message: `Dashboard '${ctx.title}' is missing the ${name} template`, range: ctx.anchor(prop(ctx.dash, 'templating') ?? ctx.dash, 'list') }];
  const out: Finding[] = [];
  const at = ctx.anchor(t, 'name');
  const ds = prop(t, 'datasource');
  const uid = str(ds) ?? str(prop(ds, 'uid')) ?? '';
  if (!['$datasource', '${datasource}', '$prometheus_datasource', '${prometheus_datasource}'].includes(uid)) {
    out.push({ message: `${name} template should use datasource '$datasource', is currently '${uid}'`, range: ds ? valueRange(ds) : at });
  }
  const type = str(prop(t, 'type')) ?? '';
  if (type !== 'query') out.push({ message: `${name} template should be a Prometheus query, is currently '${type}'`, range: at });
  const label = str(prop(t, 'label')) ?? '';
  if (label !== titleCase(name)) {
    out.push({ message: `${name} template should be a labeled '${titleCase(name)}', is currently '${label}'`, range: at, severity: 'hint' });
  }
  if (bool(prop(t, 'multi')) !== true) out.push({ message: `${name} template should be a multi select`, range: at });
  const allValue = str(prop(t, 'allValue')) ?? '';
  if (allValue !== '.+') out.push({ message: `${name} template allValue should be '.+', is currently '${allValue}'`, range: at });
  return out;
}

export const templateJob: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/template-job', 'info',
    'A Prometheus dashboard has a `job` variable: a multi-select query on `$datasource` with allValue `.+`.',
    '"templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus"}]}',
    '{"name": "job", "label": "Job", "type": "query", "datasource": "$datasource", "multi": true, "allValue": ".+", "query": "label_values(up, job)"}',
  ),
  check: (ctx) => checkTemplate(ctx, 'job'),
};

export const templateInstance: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/template-instance', 'info',
    'A Prometheus dashboard has an `instance` variable: a multi-select query on `$datasource` with allValue `.+`.',
    '"templating": {"list": [{"name": "datasource", "type": "datasource", "query": "prometheus"}]}',
    '{"name": "instance", "label": "Instance", "type": "query", "datasource": "$datasource", "multi": true, "allValue": ".+", "query": "label_values(up{job=~\\"$job\\"}, instance)"}',
  ),
  check: (ctx) => checkTemplate(ctx, 'instance'),
};

const TEMPLATED_LABEL = /^\s*([a-z_]+)\((.*)\)\s*$/s;
const VARIABLE_FUNCTIONS = new Set(['label_names', 'label_values', 'metrics', 'query_result']);

export const templateLabelPromql: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/template-label-promql', 'error',
    'A Prometheus query variable uses one of Grafana\'s functions (label_values, label_names, metrics, query_result) with valid PromQL inside.',
    '{"name": "pod", "type": "query", "query": "label_value(kube_pod_info{namespace=\\"$namespace\\"}, pod)"}',
    '{"name": "pod", "type": "query", "query": "label_values(kube_pod_info{namespace=\\"$namespace\\"}, pod)"}',
  ),
  check(ctx) {
    if (!ctx.prometheusTemplated) return [];
    const out: Finding[] = [];
    for (const v of ctx.variables) {
      if (str(prop(v, 'type')) !== 'query') continue;
      // CloudWatch's regions(), Graphite's tag_values(...): another data source's own functions.
      if (!isPrometheusType(ctx.datasourceType(prop(v, 'datasource')))) continue;
      const q = variableQueryNode(v);
      const query = str(q);
      if (!q || query === undefined) continue;
      const m = TEMPLATED_LABEL.exec(query);
      const name = str(prop(v, 'name')) ?? '';
      if (m && !VARIABLE_FUNCTIONS.has(m[1])) {
        out.push({ message: `template '${name}' invalid templated label '${query}': invalid 'function': ${m[1]}`, range: valueRange(q) });
        continue;
      }
      const part = variableQueryPromQL(query);
      if (!part?.promql) continue;
      const e = ctx.expressions.find((x) => x.owner === v);
      const r = e ? ctx.parse(e) : null;
      if (!e || !r) continue;
      const err = r.errors[0];
      if (err) {
        out.push({ message: `template '${name}' invalid templated label '${query}': ${err.message}`, range: ctx.fileRange(e, err.range) });
      } else if (part.fn !== 'query_result' && r.expr && r.expr.type !== 'VectorSelector') {
        // Grafana sends it to /api/v1/series or /api/v1/labels as match[], which takes a selector.
        const fn = part.fn === 'series' ? 'a series query' : `${part.fn}()`;
        out.push({ message: `template '${name}': ${fn} takes a series selector, not an expression; use query_result() for expressions`, range: ctx.fileRange(e, { start: 0, end: e.text.length }) });
      }
    }
    return out;
  },
};

export const templateOnTimeChangeReload: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/template-on-time-change-reload', 'info',
    'Query variables refresh "On time range change" (refresh: 2), so their values follow the selected time range.',
    '{"name": "instance", "type": "query", "refresh": 1}',
    '{"name": "instance", "type": "query", "refresh": 2}',
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const v of ctx.variables) {
      if (str(prop(v, 'type')) !== 'query') continue;
      if (!ctx.expressions.some((e) => e.owner === v) && !ctx.prometheusTemplated) continue; // not Prometheus
      const refresh = prop(v, 'refresh');
      if (refresh?.type === 'number' && refresh.value === 2) continue;
      const name = str(prop(v, 'name')) ?? '';
      const current = refresh ? String(refresh.value) : '0';
      out.push({
        message: `templated datasource variable named '${name}', should be set to be refreshed 'On Time Range Change (value 2)', is currently '${current}'`,
        range: refresh ? valueRange(refresh) : ctx.anchor(v, 'name'),
        fixes: refresh ? [{ title: 'Refresh on time range change', edits: [{ range: valueRange(refresh), newText: '2' }], safe: true }] : undefined,
      });
    }
    return out;
  },
};

export const templateRules: DashboardCheck[] = [templateDatasource, templateJob, templateInstance, templateLabelPromql, templateOnTimeChangeReload];
