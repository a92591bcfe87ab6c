// Panel rules: dashboard-linter's panel-datasource, panel-title-description, panel-units and
// panel-no-targets (lint/rule_panel_*.go), plus duplicate panel ids and overlapping grid positions.
import type { Node } from 'jsonc-parser';
import { items, num, prop, str } from '../../documents/dashboardModel';
import { ruleDoc, valueRange, type DashboardCheck, type Finding } from './context';
import { isValidUnit } from './units';

const QUERY_PANELS = new Set(['stat', 'singlestat', 'graph', 'table', 'timeseries', 'gauge']);
const DATASOURCE_PANELS = new Set(['singlestat', 'graph', 'table', 'timeseries']);

const panelType = (p: Node): string => str(prop(p, 'type')) ?? '';

/** The uid a data source reference names: a string, or an object's uid. */
function datasourceUid(ds: Node | undefined): string | undefined {
  return str(ds) ?? str(prop(ds, 'uid'));
}

export const panelDatasource: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/panel-datasource', 'warning',
    'Each graph, table and time series panel queries the templated data source (`$datasource`), not a fixed one.',
    '{"type": "timeseries", "datasource": {"type": "prometheus", "uid": "P1809F7CD0C75ACF3"}}',
    '{"type": "timeseries", "datasource": {"type": "prometheus", "uid": "${datasource}"}}',
  ),
  check(ctx) {
    const names = ctx.datasourceVariables.map((v) => str(prop(v, 'name'))).filter((n): n is string => !!n);
    if (names.length === 0) return []; // a missing datasource variable is template-datasource's finding
    const allowed = new Set(names.flatMap((n) => [`$${n}`, `\${${n}}`]));
    const out: Finding[] = [];
    for (const p of ctx.panels) {
      if (!DATASOURCE_PANELS.has(panelType(p))) continue;
      const ds = prop(p, 'datasource');
      const uid = datasourceUid(ds);
      // Mixed panels (and panels that leave it to their targets) name the data source per target.
      const refs = uid === '-- Mixed --' || uid === undefined
        ? items(prop(p, 'targets')).map((t) => prop(t, 'datasource')).filter((d): d is Node => !!d && d.type !== 'null')
        : [ds as Node];
      if (refs.length === 0 && uid === undefined && items(prop(p, 'targets')).length > 0) {
        out.push({ message: `${ctx.panelLabel(p)} does not use a templated datasource, uses the default data source`, range: ctx.anchor(p) });
        continue;
      }
      for (const r of refs) {
        const u = datasourceUid(r) ?? '';
        if (allowed.has(u) || u === '-- Dashboard --' || u === '-- Grafana --') continue;
        out.push({ message: `${ctx.panelLabel(p)} does not use a templated datasource, uses '${u}'`, range: valueRange(prop(r, 'uid') ?? r) });
      }
    }
    return out;
  },
};

export const panelTitleDescription: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/panel-title-description', 'info',
    'Each graph, stat, gauge, table and time series panel has a title and a description.',
    '{"type": "timeseries", "title": "CPU"}',
    '{"type": "timeseries", "title": "CPU", "description": "CPU seconds per second, by mode."}',
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.panels) {
      if (!QUERY_PANELS.has(panelType(p))) continue;
      const title = str(prop(p, 'title')) ?? '';
      const description = str(prop(p, 'description')) ?? '';
      if (title && description) continue;
      out.push({
        message: `${ctx.panelLabel(p)} has missing title or description, currently has title '${title}' and description: '${description}'`,
        range: ctx.anchor(p),
      });
    }
    return out;
  },
};

/** The unit a panel shows: fieldConfig defaults, a unit override, or old graph/singlestat formats. */
function panelUnit(p: Node): { unit: string; node: Node } | undefined {
  const candidates: Array<Node | undefined> = [prop(prop(prop(p, 'fieldConfig'), 'defaults'), 'unit')];
  for (const o of items(prop(prop(p, 'fieldConfig'), 'overrides'))) {
    for (const prp of items(prop(o, 'properties'))) {
      if (str(prop(prp, 'id')) === 'unit') candidates.push(prop(prp, 'value'));
    }
  }
  candidates.push(prop(items(prop(p, 'yaxes'))[0], 'format'), prop(p, 'format'));
  for (const c of candidates) {
    const u = str(c);
    if (c && u) return { unit: u, node: c };
  }
  return undefined;
}

export const panelUnits: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/panel-units', 'info',
    'Each graph, stat, gauge, table and time series panel sets one of Grafana\'s units (an unknown id is only shown as a suffix).',
    '{"type": "timeseries", "fieldConfig": {"defaults": {"unit": "megabytes"}}}',
    '{"type": "timeseries", "fieldConfig": {"defaults": {"unit": "bytes"}}}',
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.panels) {
      if (!QUERY_PANELS.has(panelType(p))) continue;
      const u = panelUnit(p);
      if (!u) {
        out.push({ message: `${ctx.panelLabel(p)} has no units defined`, range: ctx.anchor(p) });
      } else if (!isValidUnit(u.unit)) {
        out.push({ message: `${ctx.panelLabel(p)} has invalid units defined: '${u.unit}' is not one of Grafana's unit ids (Grafana shows it as a plain suffix; use 'suffix:${u.unit}' if that is meant)`, range: valueRange(u.node) });
      }
    }
    return out;
  },
};

export const panelNoTargets: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/panel-no-targets', 'warning',
    'Each graph, stat, gauge, table and time series panel has at least one query.',
    '{"type": "timeseries", "title": "CPU"}',
    '{"type": "timeseries", "title": "CPU", "targets": [{"refId": "A", "expr": "rate(node_cpu_seconds_total[$__rate_interval])"}]}',
  ),
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.panels) {
      if (!QUERY_PANELS.has(panelType(p))) continue;
      const targets = prop(p, 'targets');
      if (targets && targets.type !== 'null') continue; // dashboard-linter: "Targets != nil"
      out.push({ message: `${ctx.panelLabel(p)} has no targets`, range: ctx.anchor(p) });
    }
    return out;
  },
};

export const duplicatePanelId: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/duplicate-panel-id', 'warning',
    'Panel ids are unique in the dashboard (links, embedding and "view panel" use them).',
    '"panels": [{"id": 2, "title": "A"}, {"id": 2, "title": "B"}]',
    '"panels": [{"id": 1, "title": "A"}, {"id": 2, "title": "B"}]',
  ),
  check(ctx) {
    const seen = new Map<number, Node>();
    const out: Finding[] = [];
    for (const p of ctx.panels) {
      const idNode = prop(p, 'id');
      const id = num(idNode);
      if (id === undefined || !idNode) continue;
      const first = seen.get(id);
      if (first) {
        out.push({ message: `${ctx.panelLabel(p)} has id ${id}, already used by ${ctx.panelLabel(first)}`, range: valueRange(idNode) });
      } else seen.set(id, p);
    }
    return out;
  },
};

interface Box { panel: Node; gridPos: Node; x: number; y: number; w: number; h: number }

function boxes(list: Node | undefined): Box[] {
  const out: Box[] = [];
  for (const p of items(list)) {
    const g = prop(p, 'gridPos');
    const [x, y, w, h] = ['x', 'y', 'w', 'h'].map((k) => num(prop(g, k)));
    if (g && x !== undefined && y !== undefined && w !== undefined && h !== undefined && w > 0 && h > 0) out.push({ panel: p, gridPos: g, x, y, w, h });
  }
  return out;
}

export const gridOverlap: DashboardCheck = {
  doc: ruleDoc(
    'dashboard/grid-overlap', 'warning',
    'Panels do not overlap on the grid (Grafana moves one of them when the dashboard loads).',
    '[{"gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}}, {"gridPos": {"x": 6, "y": 4, "w": 12, "h": 8}}]',
    '[{"gridPos": {"x": 0, "y": 0, "w": 12, "h": 8}}, {"gridPos": {"x": 12, "y": 0, "w": 12, "h": 8}}]',
  ),
  check(ctx) {
    const out: Finding[] = [];
    // Top-level panels share one grid; a collapsed row's panels are laid out among themselves.
    const lists = [prop(ctx.dash, 'panels'), ...items(prop(ctx.dash, 'panels')).map((p) => prop(p, 'panels'))];
    for (const list of lists) {
      const bs = boxes(list).sort((a, b) => a.y - b.y);
      const reported = new Set<Node>();
      for (let i = 0; i < bs.length; i++) {
        const a = bs[i];
        for (let j = i + 1; j < bs.length && bs[j].y < a.y + a.h; j++) {
          const b = bs[j];
          if (reported.has(b.panel) || !(a.x < b.x + b.w && b.x < a.x + a.w)) continue;
          reported.add(b.panel);
          out.push({ message: `${ctx.panelLabel(b.panel)} overlaps ${ctx.panelLabel(a.panel)} on the grid`, range: valueRange(b.gridPos) });
        }
      }
    }
    return out;
  },
};

export const panelRules: DashboardCheck[] = [panelDatasource, panelTitleDescription, panelUnits, panelNoTargets, duplicatePanelId, gridOverlap];
