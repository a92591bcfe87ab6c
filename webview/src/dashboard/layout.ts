// Lays a dashboard JSON out as Grafana does: panels on the 24-column grid from `gridPos`, sorted
// like DashboardModel.sortPanelsByGridPos, rows one grid row tall across the full width, the
// panels of collapsed rows hidden, legacy `rows` (schema < 16) converted first, and the whole
// grid compacted vertically by react-grid-layout's rules (full-width panels below 768 px). Every box keeps the JSON path of its
// panel so a click can reveal it in the editor. Repeated panels and rows are expanded per value of
// their variable as Grafana's scenes do (repeats.ts), each copy with its own key and scoped variables.
import type { PanelKey } from '../dashboardProtocol';
import { GRID_COLUMN_COUNT, bottom, compactVertical, gridHeightPixels, gridToPixels, type Box, type GridItem, type GridPos } from './grid';
import { migrateLegacyRows, type JsonPath } from './legacyRows';
import {
  copyBox, copyGridPos, expandRepeats, interpolateTitle, variableLookup, type GridEntry, type RepeatVariable, type ScopedVars, type VariableLookup,
} from './repeats';

export { GRID_CELL_HEIGHT, GRID_CELL_VMARGIN, GRID_COLUMN_COUNT, gridToPixels, type Box, type GridPos } from './grid';
export type { JsonPath } from './legacyRows';

type Json = Record<string, unknown>;

export interface RepeatInfo {
  /** Template variable the panel (or row) repeats for. */
  variable: string;
  /** 'h' (side by side, Grafana's default) or 'v'. */
  direction: 'h' | 'v';
  maxPerRow?: number;
}

export interface LayoutBox {
  /** Index path of the panel in the dashboard JSON, e.g. ['panels', 3] or ['panels', 2, 'panels', 0]. */
  path: JsonPath;
  /** The key messages use: JSON.stringify(path), plus the scoped values of a repeated copy. */
  key: PanelKey;
  /** A repeated copy's (or a repeated row's panel's) variables, each scoped to one value. */
  scopedVars?: ScopedVars;
  /** The panel's JSON object (a repeated copy shares its source's). */
  panel: Json;
  type: string;
  /** The title with the variables filled in (display text; a copy's scoped value first). */
  title: string;
  isRow: boolean;
  /** Rows: whether the row is (now) collapsed. */
  collapsed?: boolean;
  /** Rows: the panels it holds (nested when collapsed, the following ones when expanded). */
  childCount?: number;
  /** Panels: the row they sit under, if any. */
  rowPath?: JsonPath;
  /** Grid position after compaction. */
  gridPos: GridPos;
  /** Grid position as written in the JSON (or as migrated from legacy rows). */
  declaredGridPos: GridPos;
  repeat?: RepeatInfo;
  /** Pixels within the grid container. */
  box: Box;
}

/** A panel inside a collapsed row: not drawn, but known (for "preview panel" and navigation). */
export interface HiddenPanel {
  path: JsonPath;
  key: PanelKey;
  scopedVars?: ScopedVars;
  panel: Json;
  type: string;
  title: string;
  rowPath: JsonPath;
}

export interface DashboardLayout {
  boxes: LayoutBox[];
  hidden: HiddenPanel[];
  /** Container width used, and the grid's height, in pixels. */
  width: number;
  height: number;
  /** Things Grafana would silently fix or reject (missing gridPos, bad sizes, non-object panels). */
  warnings: string[];
}

/** Below this container width Grafana (SceneGridLayout.buildGridLayout) draws every panel full width. */
export const MOBILE_WIDTH = 768;

export interface LayoutOptions {
  /** Draw every panel full width below MOBILE_WIDTH, as Grafana does (default true). */
  responsive?: boolean;
  /**
   * The collapsed state to draw a row in, given its path, its `collapsed` in the JSON and its key
   * (a repeated row's copies differ by key); lets the preview expand and collapse rows like
   * Grafana's DashboardModel.toggleRow. Default: as in the JSON.
   */
  rowCollapsed?: (path: JsonPath, collapsedInJson: boolean, key: PanelKey) => boolean;
  /**
   * The template variables with their current selection: repeated panels and rows are copied per
   * value and titles interpolated. Without them a repeat variable is unknown (shown once, as Grafana).
   */
  variables?: readonly RepeatVariable[];
}

/** One panel of the dashboard's top-level list (Grafana writes the grid's positions back into gridPos). */
type Entry = GridEntry;

const DEFAULT_GRID_POS: GridPos = { x: 0, y: 0, w: 6, h: 3 }; // PanelModel's default

const isJson = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function readGridPos(panel: Json, where: string, warnings: string[]): GridPos {
  const g = panel.gridPos;
  if (!isJson(g)) {
    warnings.push(`${where}: no gridPos, using Grafana's default ${JSON.stringify(DEFAULT_GRID_POS)}`);
    return { ...DEFAULT_GRID_POS };
  }
  const num = (k: keyof GridPos, min: number, max: number): number => {
    const v = g[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      warnings.push(`${where}: gridPos.${k} is not a number, using ${DEFAULT_GRID_POS[k]}`);
      return DEFAULT_GRID_POS[k];
    }
    const r = Math.min(max, Math.max(min, Math.round(v)));
    if (r !== v) warnings.push(`${where}: gridPos.${k} ${v} taken as ${r}`);
    return r;
  };
  return { x: num('x', 0, GRID_COLUMN_COUNT - 1), y: num('y', 0, Number.MAX_SAFE_INTEGER), w: num('w', 1, GRID_COLUMN_COUNT), h: num('h', 1, Number.MAX_SAFE_INTEGER) };
}

function entryOf(path: JsonPath, panel: Json, warnings: string[]): Entry {
  const where = path.join('.');
  const isRow = panel.type === 'row';
  const nested: Entry[] = [];
  if (isRow && Array.isArray(panel.panels)) {
    panel.panels.forEach((child, k) => {
      if (isJson(child)) nested.push(entryOf([...path, 'panels', k], child, warnings));
      else warnings.push(`${where}.panels.${k}: not a panel object, skipped`);
    });
  }
  const collapsed = isRow && !!panel.collapsed;
  if (isRow && !collapsed && nested.length > 0) {
    // Grafana draws the panels that follow an expanded row, and ignores the ones nested in it.
    warnings.push(`${where}: expanded row with ${nested.length} nested panel(s), which Grafana ignores`);
    nested.length = 0;
  }
  const gridPos = readGridPos(panel, where, warnings);
  return { path, panel, gridPos, declared: { ...gridPos }, isRow, collapsed, nested, key: JSON.stringify(path) };
}

/** The top-level panel list as Grafana's DashboardModel holds it: migrated rows appended, sorted by y then x. */
function collectEntries(dashboard: Json, warnings: string[]): Entry[] {
  const entries: Entry[] = [];
  const panels = Array.isArray(dashboard.panels) ? dashboard.panels : [];
  panels.forEach((p, i) => {
    if (isJson(p)) entries.push(entryOf(['panels', i], p, warnings));
    else warnings.push(`panels.${i}: not a panel object, skipped`);
  });
  const schemaVersion = typeof dashboard.schemaVersion === 'number' ? dashboard.schemaVersion : 0;
  if (schemaVersion < 16 && Array.isArray(dashboard.rows) && dashboard.rows.length > 0) {
    for (const m of migrateLegacyRows(dashboard.rows)) {
      entries.push({
        path: m.path,
        panel: m.panel,
        gridPos: m.gridPos,
        declared: { ...m.gridPos },
        isRow: !!m.row,
        collapsed: !!m.row?.collapsed,
        nested: (m.row?.children ?? []).map((c) => ({ path: c.path, panel: c.panel, gridPos: c.gridPos, declared: { ...c.gridPos }, isRow: false, collapsed: false, nested: [], key: JSON.stringify(c.path) })),
        key: JSON.stringify(m.path),
      });
    }
  }
  // Array.prototype.sort is stable: equal positions keep JSON order, as in Grafana.
  return entries.sort((a, b) => (a.gridPos.y === b.gridPos.y ? a.gridPos.x - b.gridPos.x : a.gridPos.y - b.gridPos.y));
}

/**
 * Grafana's toggleRow, expanding: the row's panels go in after it, shifted to start under it; what
 * follows moves down. Positions are those of the laid-out grid, where a row is one grid row tall.
 */
function expandRow(list: Entry[], rowIndex: number): void {
  const row = list[rowIndex];
  const children = row.nested.map((c) => ({ ...c, gridPos: { ...c.gridPos } }));
  row.collapsed = false;
  row.nested = [];
  if (children.length === 0) return;
  const yDiff = children[0].gridPos.y - (row.gridPos.y + row.gridPos.h);
  let yMax = row.gridPos.y;
  for (const c of children) {
    c.gridPos.y -= yDiff;
    yMax = Math.max(yMax, c.gridPos.y + c.gridPos.h);
  }
  list.splice(rowIndex + 1, 0, ...children);
  const pushDown = yMax - row.gridPos.y - 1;
  for (const e of list.slice(rowIndex + 1 + children.length)) e.gridPos = { ...e.gridPos, y: e.gridPos.y + pushDown };
}

/** Grafana's toggleRow, collapsing: the panels up to the next row move into it. */
function collapseRow(list: Entry[], rowIndex: number): void {
  const row = list[rowIndex];
  let end = rowIndex + 1;
  while (end < list.length && !list[end].isRow) end++;
  row.nested = list.splice(rowIndex + 1, end - rowIndex - 1);
  row.collapsed = true;
}

function repeatOf(panel: Json): RepeatInfo | undefined {
  if (typeof panel.repeat !== 'string' || panel.repeat === '') return undefined;
  const direction = panel.repeatDirection === 'v' ? 'v' : 'h';
  return { variable: panel.repeat, direction, maxPerRow: typeof panel.maxPerRow === 'number' ? panel.maxPerRow : undefined };
}

function labelOf(e: Entry, vars: VariableLookup, scoped = e.scoped): { type: string; title: string } {
  return { type: typeof e.panel.type === 'string' ? e.panel.type : '', title: typeof e.panel.title === 'string' ? interpolateTitle(e.panel.title, scoped, vars) : '' };
}

/** The copies an entry draws: itself, or each copy of a repeated panel. */
function copiesOf(e: Entry): Array<{ key: PanelKey; scoped?: ScopedVars }> {
  return e.group ? e.group.copies : [{ key: e.key, scoped: e.scoped }];
}

/**
 * Compacts the visible entries like react-grid-layout and writes the positions back, as Grafana's
 * onLayoutChange does. Rows are drawn one grid row tall across the whole width (DashboardGrid.buildLayout).
 */
function layOut(list: Entry[]): GridItem[] {
  const items = list.map((e, k) => ({ i: String(k), ...(e.isRow ? { ...e.gridPos, w: GRID_COLUMN_COUNT, h: 1 } : e.gridPos) }));
  const compacted = compactVertical(items);
  list.forEach((e, k) => (e.gridPos = { x: compacted[k].x, y: compacted[k].y, w: compacted[k].w, h: compacted[k].h }));
  return compacted;
}

/** Lays `dashboard` (parsed JSON) out for a grid container `containerWidth` pixels wide. */
export function layoutDashboard(dashboard: unknown, containerWidth: number, options: LayoutOptions = {}): DashboardLayout {
  const warnings: string[] = [];
  if (!isJson(dashboard)) return { boxes: [], hidden: [], width: containerWidth, height: 0, warnings: ['the dashboard is not a JSON object'] };

  const vars = variableLookup(options.variables);
  const schemaVersion = typeof dashboard.schemaVersion === 'number' ? dashboard.schemaVersion : 0;
  const list = expandRepeats(collectEntries(dashboard, warnings), vars, schemaVersion);
  let compacted = layOut(list);
  if (options.rowCollapsed) {
    let toggled = false;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (!e.isRow) continue;
      const want = options.rowCollapsed(e.path, e.collapsed, e.key);
      if (want && !e.collapsed) collapseRow(list, i);
      else if (!want && e.collapsed) expandRow(list, i);
      else continue;
      toggled = true;
    }
    if (toggled) compacted = layOut(list);
  }
  const narrow = containerWidth < MOBILE_WIDTH && options.responsive !== false;
  if (narrow) {
    // Grafana's narrow layout: every cell full width, stacked in (y, x) order; not written back. A
    // repeated panel's copies stack in one column (DashboardGridItemRenderer's flex column below
    // the md breakpoint), each as tall as one copy.
    compacted = compactVertical(list.map((e, k) => ({ i: String(k), ...e.gridPos, w: GRID_COLUMN_COUNT, ...(e.group ? { h: e.group.copies.length * e.group.itemHeight } : {}) })));
  }

  const boxes: LayoutBox[] = [];
  const hidden: HiddenPanel[] = [];
  let currentRow: Entry | undefined;
  list.forEach((e, k) => {
    const gridPos = { x: compacted[k].x, y: compacted[k].y, w: compacted[k].w, h: compacted[k].h };
    const item = gridToPixels(gridPos, containerWidth);
    const repeat = repeatOf(e.panel);
    if (e.isRow) currentRow = e;
    copiesOf(e).forEach((copy, c) => {
      const { type, title } = labelOf(e, vars, copy.scoped);
      const box: LayoutBox = {
        path: e.path, key: copy.key, panel: e.panel, type, title, isRow: e.isRow,
        gridPos: e.group ? copyGridPos(gridPos, e.group, c, narrow) : gridPos,
        declaredGridPos: e.declared,
        box: e.group ? copyBox(item, e.group, c, narrow) : item,
      };
      if (copy.scoped) box.scopedVars = copy.scoped;
      if (repeat) box.repeat = repeat;
      if (e.isRow) {
        box.collapsed = e.collapsed;
        if (e.collapsed) {
          box.childCount = e.nested.length;
          for (const n of e.nested) {
            for (const nc of copiesOf(n)) {
              hidden.push({ path: n.path, key: nc.key, ...(nc.scoped ? { scopedVars: nc.scoped } : {}), panel: n.panel, ...labelOf(n, vars, nc.scoped), rowPath: e.path });
            }
          }
        } else {
          let n = 0;
          while (k + 1 + n < list.length && !list[k + 1 + n].isRow) n++;
          box.childCount = n;
        }
      } else if (currentRow) {
        box.rowPath = currentRow.path;
      }
      boxes.push(box);
    });
  });
  return { boxes, hidden, width: containerWidth, height: gridHeightPixels(bottom(compacted)), warnings };
}
