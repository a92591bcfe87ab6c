// Dashboard-wide rules: dashboard-linter's uneditable-dashboard, and variables used in queries
// that the dashboard never defines.
import { items, prop, str } from '../../documents/dashboardModel';
import { undefinedVariables } from '../../documents/grafanaVariables';
import { ruleDoc, valueRange, type DashboardCheck } from './context';

export const uneditable: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/uneditable', 'info',
    'Dashboards provisioned from files are not editable in the UI (edits there would be lost on the next deploy).',
    '{"title": "Nodes", "editable": true}',
    '{"title": "Nodes", "editable": false}',
  ),
  check(ctx) {
    const e = prop(ctx.dash, 'editable');
    if (e?.type !== 'boolean' || e.value !== true) return [];
    const range = valueRange(e);
    return [{ message: "is editable, it should be set to 'editable: false'", range, fixes: [{ title: 'Set editable to false', edits: [{ range, newText: 'false' }], safe: true }] }];
  },
};

export const undefinedVariable: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/undefined-variable', 'error',
    'Every variable a query uses ($var, ${var}, [[var]]) is defined in templating.list or is one of Grafana\'s built-ins; otherwise Grafana sends it unreplaced.',
    '"expr": "up{job=~\\"$jbo\\"}"  with a variable named job',
    '"expr": "up{job=~\\"$job\\"}"',
  ),
  check(ctx) {
    const defined = ctx.variables.map((v) => str(prop(v, 'name'))).filter((n): n is string => !!n);
    // A v2 dashboard's variables: spec.variables[].spec.name.
    for (const v of items(prop(prop(ctx.root, 'spec'), 'variables'))) {
      const name = str(prop(prop(v, 'spec'), 'name'));
      if (name) defined.push(name);
    }
    // An export's __inputs (constants such as VAR_JOB, data sources) are replaced when it is imported.
    for (const input of [...items(prop(ctx.root, '__inputs')), ...items(prop(ctx.dash, '__inputs'))]) {
      const name = str(prop(input, 'name'));
      if (name) defined.push(name);
    }
    return undefinedVariables(ctx.expressions, defined).map((u) => ({
      message: `variable '${u.name}' is not defined in this dashboard's templating.list`,
      range: u.range,
    }));
  },
};

export const dashboardWideRules: DashboardCheck[] = [uneditable, undefinedVariable];
