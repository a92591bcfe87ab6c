// Finds the PromQL in a Grafana dashboard: panels[].targets[].expr at any depth (rows, collapsed
// rows, very old rows[].panels[]), v2 dashboards' query specs, and the PromQL inside Prometheus
// template-variable queries. Grafana variables are replaced by same-length placeholders in `text`.
import type { Node } from 'jsonc-parser';
import type { EmbeddedExpression } from './types';
import {
  allPanels, datasourceResolver, isPrometheusType, items, parseDashboard, prop, propertyNode, queriesHaveNoExpr, str, templateVariables,
  type DashboardDoc, type DatasourceResolver,
} from './dashboardModel';
import { decodeJsonString } from './jsonString';
import { offsetMapper, sliceMapped, type MappedText } from './positionMap';
import { classifyVariableValue, interpolateGrafanaVariables, type VariableHints, type VariableValueKind } from './grafanaVariables';
import { variableQueryPromQL } from './variableQuery';

/** An expression found in a dashboard, with the JSON nodes it came from (for lint rules). */
export interface DashboardExpression extends EmbeddedExpression {
  /** The panel object (targets) or the template variable object (variable queries). */
  owner: Node;
  /** The target object, for panel targets. */
  target?: Node;
}

/** The dashboard's PromQL in file order (templating may come before or after the panels). */
export function dashboardExpressions(text: string): EmbeddedExpression[] {
  return findDashboardExpressions(parseDashboard(text)).sort((a, b) => a.range.start - b.range.start);
}

/** The dashboard's PromQL with the JSON nodes it came from: panel targets first, then variables. */
export function findDashboardExpressions(doc: DashboardDoc): DashboardExpression[] {
  const { dash, root, text } = doc;
  if (!dash) return [];
  const hints = variableHints(dash);
  const resolve = datasourceResolver(root, dash);
  const out: DashboardExpression[] = [];
  for (const panel of allPanels(dash)) collectTargets(text, panel, resolve, hints, out);
  collectV2(text, dash, hints, out);
  for (const v of templateVariables(dash)) {
    const e = variableExpression(text, v, resolve, hints);
    if (e) out.push(e);
  }
  return out;
}

function mapped(text: string, node: Node): MappedText {
  return decodeJsonString(text, node.offset + 1, node.offset + node.length - 1);
}

function makeExpression(
  kind: EmbeddedExpression['kind'], m: MappedText, end: number, hints: VariableHints, label: string, owner: Node, target?: Node,
): DashboardExpression {
  const start = m.offsets.length ? m.offsets[0] : end;
  return {
    kind,
    text: interpolateGrafanaVariables(m.text, hints),
    source: m.text,
    range: { start, end },
    toFileOffset: offsetMapper(m.offsets, end),
    label,
    owner,
    target,
  };
}

function collectTargets(text: string, panel: Node, resolve: DatasourceResolver, hints: VariableHints, out: DashboardExpression[]): void {
  const panelDs = resolve(prop(panel, 'datasource'));
  const title = str(prop(panel, 'title')) ?? '';
  for (const target of items(prop(panel, 'targets'))) {
    const expr = prop(target, 'expr');
    if (expr?.type !== 'string') continue;
    const targetDs = resolve(prop(target, 'datasource'));
    const ds = targetDs ?? (panelDs === 'mixed' ? undefined : panelDs);
    // Loki and others use `expr` too; the plugins that do not were guessed from a name.
    if (!isPrometheusType(ds) && !queriesHaveNoExpr(ds)) continue;
    const m = mapped(text, expr);
    if ((ds === undefined || queriesHaveNoExpr(ds)) && looksLikeLogQL(m.text)) continue; // an unknown data source, but LogQL
    const refId = str(prop(target, 'refId')) ?? '';
    const label = `panel "${title}"${refId ? ' ' + refId : ''}`;
    out.push(makeExpression('dashboard-target', m, expr.offset + expr.length - 1, hints, label, panel, target));
  }
}

/** PromQL has no `|` outside strings; LogQL line filters and pipelines (`|=`, `| json`) do. */
export function looksLikeLogQL(query: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '|') return true;
  }
  return false;
}

/** v2 dashboards: spec.elements.<key>.spec.data.spec.queries[].spec.query.spec.expr */
function collectV2(text: string, dash: Node, hints: VariableHints, out: DashboardExpression[]): void {
  const spec = prop(dash, 'elements') ? dash : prop(dash, 'spec');
  const elements = prop(spec, 'elements');
  if (elements?.type !== 'object') return;
  for (const entry of elements.children ?? []) {
    // A key given twice: the last one is the element Grafana keeps.
    if (propertyNode(elements, entry.children?.[0]?.value as string) !== entry) continue;
    const element = entry.children?.[1];
    const espec = prop(element, 'spec');
    const title = str(prop(espec, 'title')) ?? '';
    for (const q of items(prop(prop(prop(espec, 'data'), 'spec'), 'queries'))) {
      const qspec = prop(q, 'spec');
      const query = prop(qspec, 'query');
      const kind = str(prop(query, 'group')) ?? str(prop(query, 'kind'));
      if (kind && !isPrometheusType(kind)) continue;
      const expr = prop(prop(query, 'spec'), 'expr');
      if (expr?.type !== 'string') continue;
      const refId = str(prop(qspec, 'refId')) ?? '';
      const label = `panel "${title}"${refId ? ' ' + refId : ''}`;
      out.push(makeExpression('dashboard-target', mapped(text, expr), expr.offset + expr.length - 1, hints, label, element ?? dash, q));
    }
  }
}

/** The query string node of a variable: `query` as a string, or `query.query`. */
export function variableQueryNode(v: Node): Node | undefined {
  const q = prop(v, 'query');
  if (q?.type === 'string') return q;
  const inner = prop(q, 'query');
  return inner?.type === 'string' ? inner : undefined;
}

function variableExpression(text: string, v: Node, resolve: DatasourceResolver, hints: VariableHints): DashboardExpression | null {
  if (str(prop(v, 'type')) !== 'query') return null;
  if (!isPrometheusType(resolve(prop(v, 'datasource')))) return null;
  const q = variableQueryNode(v);
  if (!q) return null;
  const whole = mapped(text, q);
  const part = variableQueryPromQL(whole.text)?.promql;
  if (!part) return null;
  const inner = sliceMapped(whole, part.start, part.end);
  const end = part.end < whole.offsets.length ? whole.offsets[part.end] : q.offset + q.length - 1;
  const name = str(prop(v, 'name')) ?? '';
  return makeExpression('dashboard-variable', inner, end, hints, `variable "${name}"`, v);
}

/** What each template variable holds (from its current value or first option), for placeholders. */
export function variableHints(dash: Node): Map<string, VariableValueKind> {
  const hints = new Map<string, VariableValueKind>();
  for (const v of templateVariables(dash)) {
    const name = str(prop(v, 'name'));
    if (!name) continue;
    const type = str(prop(v, 'type'));
    if (type === 'interval') {
      hints.set(name, 'duration');
      continue;
    }
    const current = prop(prop(v, 'current'), 'value');
    const first = prop(items(prop(v, 'options'))[0], 'value');
    const pick = (n: Node | undefined): string | undefined => str(n) ?? str(items(n)[0]);
    let value = pick(current) ?? pick(first);
    if (value === undefined && (type === 'custom' || type === 'constant' || type === 'textbox')) {
      value = str(prop(v, 'query'))?.split(',')[0];
    }
    const kind = value !== undefined && value !== '$__all' ? classifyVariableValue(value) : undefined;
    if (kind) hints.set(name, kind);
  }
  return hints;
}
