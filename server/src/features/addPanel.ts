// "Add to dashboard…" (issue 6): the text edit that appends a `timeseries` panel running one
// expression to a Grafana dashboard's top-level `panels`, at the next free grid position, written
// in the file's own indentation (jsonc-parser's `modify`, so the rest of the file is untouched).
//
// Placement rule (Grafana itself puts a new panel at the top-left and pushes the others down; a
// file edit appends instead): the new panel is 12×8. If the lowest-starting top-level panel sits at
// x=0 with w≤12 and the right half beside it (x=12, same y, 8 high) overlaps no panel, it goes
// there; otherwise at x=0, y = max(y+h) over the top-level panels (a collapsed row counts with its
// own 1-high gridPos; the panels nested in it are not on the grid).
import { applyEdits, getNodeValue, modify, type FormattingOptions, type Node } from 'jsonc-parser';
import { datasourceResolver, items, num, parseDashboard, prop, str, templateVariables } from '../documents/dashboardModel';

export interface AddPanelRequest {
  expr: string;
  legendFormat?: string;
  title?: string;
}

export type AddPanelResult =
  | {
      /** Offsets in the original text; `newText` replaces [start, end). */
      edit: { start: number; end: number; newText: string };
      /** Where the new panel object is in the edited text. */
      panel: { start: number; end: number };
      id: number;
      gridPos: GridPos;
    }
  | { error: string };

interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const NEW_PANEL_SIZE = { w: 12, h: 8 };
const TITLE_MAX = 60;

export function addPanelEdit(text: string, req: AddPanelRequest): AddPanelResult {
  if (!req.expr.trim()) return { error: 'no expression to add' };
  const doc = parseDashboard(text);
  if (!doc.root) return { error: 'the file is not JSON' };
  if (doc.errors.length > 0) return { error: `the dashboard is not valid JSON (${doc.errors.length} syntax error${doc.errors.length > 1 ? 's' : ''}); fix it first` };
  const dash = doc.dash;
  if (!dash) return { error: 'the file is not a dashboard: its top level is not an object' };
  if (prop(dash, 'elements') || prop(prop(dash, 'spec'), 'elements')) return { error: 'v2 dashboards (elements/layout) are not supported yet' };
  const panels = prop(dash, 'panels');
  if (panels && panels.type !== 'array') return { error: '"panels" is not an array' };
  if (items(prop(dash, 'rows')).length > 0 && items(panels).length === 0) {
    return { error: 'this dashboard uses the legacy "rows" layout (before schema 16): open and save it in Grafana to migrate it to "panels", then add the panel' };
  }
  const prefix: string[] = dash === doc.root ? [] : ['dashboard'];

  const topLevel = items(panels).filter((p) => p.type === 'object');
  const gridPos = { ...nextGridPos(topLevel.map(gridOf)), ...NEW_PANEL_SIZE };
  const id = maxId(dash) + 1;
  const datasource = panelDatasource(doc.root, dash);
  const panel: Record<string, unknown> = {
    type: 'timeseries',
    title: req.title?.trim() || shortTitle(req.expr),
    id,
    gridPos,
    ...(datasource !== undefined ? { datasource } : {}),
    targets: [{ refId: 'A', expr: req.expr, legendFormat: req.legendFormat ?? '__auto' }],
    fieldConfig: { defaults: {}, overrides: [] },
    options: {},
  };

  const formattingOptions = detectFormatting(text);
  const edits = panels
    ? modify(text, [...prefix, 'panels', -1], panel, { formattingOptions, isArrayInsertion: true })
    : modify(text, [...prefix, 'panels'], [panel], { formattingOptions });
  if (edits.length === 0) return { error: 'could not insert the panel' };
  // withFormatting returns one edit; merge defensively should that change.
  const start = Math.min(...edits.map((e) => e.offset));
  const after = applyEdits(text, edits);
  const tail = text.length - Math.max(...edits.map((e) => e.offset + e.length));
  const newText = after.slice(start, after.length - tail);
  const edited = parseDashboard(after);
  const list = items(prop(edited.dash, 'panels'));
  const node = list[list.length - 1];
  if (!node || edited.errors.length > 0) return { error: 'inserting the panel did not give valid JSON' };
  return { edit: { start, end: text.length - tail, newText }, panel: { start: node.offset, end: node.offset + node.length }, id, gridPos };
}

/** Collapses whitespace and cuts long expressions: a title, not the query. */
export function shortTitle(expr: string): string {
  const one = expr.replace(/\s+/g, ' ').trim();
  return one.length <= TITLE_MAX ? one : one.slice(0, TITLE_MAX - 1).trimEnd() + '…';
}

function gridOf(p: Node): GridPos {
  const g = prop(p, 'gridPos');
  return { x: num(prop(g, 'x')) ?? 0, y: num(prop(g, 'y')) ?? 0, w: num(prop(g, 'w')) ?? 0, h: num(prop(g, 'h')) ?? 0 };
}

const overlaps = (a: GridPos, b: GridPos): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The rule in the header comment; exported for the table tests. */
export function nextGridPos(grid: GridPos[]): { x: number; y: number } {
  if (grid.length === 0) return { x: 0, y: 0 };
  const bottom = Math.max(0, ...grid.map((g) => g.y + g.h));
  const lastY = Math.max(...grid.map((g) => g.y));
  const lastLine = grid.filter((g) => g.y === lastY);
  if (lastLine.length === 1 && lastLine[0].x === 0 && lastLine[0].w > 0 && lastLine[0].w <= 12) {
    const right = { x: 12, y: lastY, ...NEW_PANEL_SIZE };
    if (!grid.some((g) => overlaps(g, right))) return { x: 12, y: lastY };
  }
  return { x: 0, y: bottom };
}

/** The largest panel id anywhere (rows' nested panels and legacy rows included). */
function maxId(dash: Node): number {
  let max = 0;
  const visit = (list: Node | undefined): void => {
    for (const p of items(list)) {
      max = Math.max(max, num(prop(p, 'id')) ?? 0);
      visit(prop(p, 'panels'));
    }
  };
  visit(prop(dash, 'panels'));
  for (const row of items(prop(dash, 'rows'))) visit(prop(row, 'panels'));
  return max;
}

/**
 * The data source for the new panel: what the dashboard's Prometheus panels already use when it
 * names a datasource variable or an import input (`${DS_PROMETHEUS}`); else such a variable or
 * input itself, as `{type: "prometheus", uid: "${name}"}`; else the data source most Prometheus
 * panels use; else none (Grafana's default data source).
 */
function panelDatasource(root: Node | undefined, dash: Node): unknown {
  const variables = new Set<string>();
  for (const v of templateVariables(dash)) {
    const name = str(prop(v, 'name'));
    if (name && str(prop(v, 'type')) === 'datasource' && /prometheus/i.test(str(prop(v, 'query')) ?? '')) variables.add(name);
  }
  for (const input of [...items(prop(root, '__inputs')), ...items(prop(dash, '__inputs'))]) {
    const name = str(prop(input, 'name'));
    if (name && /prometheus/i.test(str(prop(input, 'pluginId')) ?? '')) variables.add(name);
  }
  const resolve = datasourceResolver(root, dash);
  const refName = (ds: Node | undefined): string | undefined => {
    const s = ds?.type === 'string' ? (ds.value as string) : str(prop(ds, 'uid'));
    const m = s ? /^\$\{?(\w+)(?::\w+)?\}?$|^\[\[(\w+)\]\]$/.exec(s.trim()) : null;
    return m ? m[1] ?? m[2] : undefined;
  };
  const used = new Map<string, { value: unknown; count: number; variable: boolean }>();
  const visit = (list: Node | undefined): void => {
    for (const p of items(list)) {
      visit(prop(p, 'panels'));
      const ds = prop(p, 'datasource');
      if (!ds || ds.type === 'null' || items(prop(p, 'targets')).length === 0) continue;
      const type = resolve(ds);
      if (!type || !/prometheus/i.test(type)) continue;
      const value = getNodeValue(ds);
      const key = JSON.stringify(value);
      const name = refName(ds);
      const entry = used.get(key) ?? { value, count: 0, variable: name !== undefined && variables.has(name) };
      entry.count++;
      used.set(key, entry);
    }
  };
  visit(prop(dash, 'panels'));
  for (const row of items(prop(dash, 'rows'))) visit(prop(row, 'panels'));
  const ranked = [...used.values()].sort((a, b) => Number(b.variable) - Number(a.variable) || b.count - a.count);
  if (ranked[0]?.variable) return ranked[0].value;
  const [first] = variables;
  if (first !== undefined) return { type: 'prometheus', uid: '${' + first + '}' };
  return ranked[0]?.value;
}

/** The file's indentation (tabs, or the first indented line's spaces) and line ending. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const m = /\n([ \t]+)\S/.exec(text);
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  const size = m ? m[1].length : 2;
  return { insertSpaces: true, tabSize: size >= 1 && size <= 8 ? size : 2, eol };
}
