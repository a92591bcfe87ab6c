// Repeated panels and rows, expanded as Grafana's dashboard scenes do (Grafana 11+, the code that
// renders schema-v1 dashboards today):
// - a panel with `repeat` becomes one grid item (DashboardGridItem, built by
//   transformSaveModelToScene.buildGridItemForPanel) 24 columns wide when repeating horizontally,
//   its own width when vertically; performRepeat makes one copy per value of the variable
//   (getMultiVariableValues: every option for All, else each selected value), each with the
//   variable scoped to that value (a LocalValueVariable that keeps the variable's isMulti and
//   includeAll), and sets the item's height to ceil(n / maxPerRow) × h ('h', maxPerRow ?? 4) or
//   n × h ('v'). DashboardGridItemRenderer then splits the item with CSS: a grid of
//   min(n, maxPerRow) equal columns and ceil(n / maxPerRow) equal rows with 8 px gaps ('h'), or a
//   column of n equal panels with 8 px gaps ('v').
// - a row with `repeat` (RowRepeaterBehavior.performRepeat) is copied per value with its panels:
//   copy i at y + contentHeight × i + i, its panels at y + (contentHeight + 1) × i, and what follows
//   the row moves down to below the last copy (updateLayout).
// - a variable without values still shows the panel (or row) once, scoped to '' with the text
//   'All' (All selected) or 'None'; a variable that is not multi-value (constant, textbox,
//   interval) or does not exist leaves the panel once and unscoped (performRepeat gives up).
// Titles are interpolated as VizPanelRenderer does (`interpolate(title, undefined, 'text')`).
// Pure: no DOM.
import type { PanelKey, ScopedVars } from '../dashboardProtocol';
import { GRID_CELL_VMARGIN, GRID_COLUMN_COUNT, type Box, type GridPos } from './grid';
import type { JsonPath } from './legacyRows';

export type { ScopedVars } from '../dashboardProtocol';
type Json = Record<string, unknown>;

/** Grafana's value of "All". */
export const ALL_VALUE = '$__all';
/** DashboardGridItem.getMaxPerRow: `maxPerRow ?? 4`. */
export const DEFAULT_MAX_PER_ROW = 4;
/** The scene variable types that are MultiValueVariables (the only ones performRepeat repeats over). */
const MULTI_VALUE_TYPES = new Set(['query', 'custom', 'datasource', 'groupby']);

/** What a repeat needs of a template variable (the header's VariableView has it). */
export interface RepeatVariable {
  name: string;
  type: string;
  multi?: boolean;
  includeAll?: boolean;
  options: Array<{ text: string; value: string }>;
  current: { text: string | string[]; value: string | string[] };
}

const isAll = (v: string | string[]): boolean => (Array.isArray(v) ? v[0] === ALL_VALUE : v === ALL_VALUE);

/**
 * The values a panel or row repeats for (getMultiVariableValues, with performRepeat's placeholder
 * when there are none), or undefined when it is not repeated: an unknown variable or one that is
 * not multi-value.
 */
export function repeatValues(v: RepeatVariable | undefined): Array<{ text: string; value: string }> | undefined {
  if (!v || !MULTI_VALUE_TYPES.has(v.type)) return undefined;
  const current = v.current ?? { text: '', value: '' };
  const all = isAll(current.value);
  let out: Array<{ text: string; value: string }>;
  if (all) {
    out = (v.options ?? []).filter((o) => o.value !== ALL_VALUE).map((o) => ({ text: String(o.text), value: String(o.value) }));
  } else {
    const values = Array.isArray(current.value) ? current.value : [current.value];
    const texts = Array.isArray(current.text) ? current.text : [current.text];
    out = values.map((value, i) => ({ value: String(value), text: String(texts[i] ?? value) }));
  }
  return out.length > 0 ? out : [{ value: '', text: all ? 'All' : 'None' }];
}

/** A copy's key: the source panel's (its JSON path) plus the scoped values, like `["panels",2]?var-instance=a`. */
export function repeatKey(path: JsonPath, scoped: ScopedVars | undefined): PanelKey {
  const base = JSON.stringify(path);
  const names = scoped ? Object.keys(scoped) : [];
  if (names.length === 0) return base;
  return `${base}?${names.map((n) => `var-${encodeURIComponent(n)}=${encodeURIComponent(scoped![n].value)}`).join('&')}`;
}

/** One panel or row of the dashboard's list as the layout holds it. */
export interface GridEntry {
  path: JsonPath;
  panel: Json;
  /** Current position: as declared, then as laid out. */
  gridPos: GridPos;
  /** As in the JSON (or as migrated from legacy rows). */
  declared: GridPos;
  isRow: boolean;
  collapsed: boolean;
  /** Rows: the nested panels of a collapsed row. */
  nested: GridEntry[];
  /** The key messages use: the JSON path, plus the scoped values for a repeated copy. */
  key: PanelKey;
  /** The variables scoped to this copy (a repeated row's, a repeated panel's). */
  scoped?: ScopedVars;
  /** A repeated panel: the one grid item that holds its copies. */
  group?: RepeatGroup;
}

export interface RepeatGroup {
  direction: 'h' | 'v';
  maxPerRow: number;
  /** Height of one copy in grid rows (the panel's own gridPos.h). */
  itemHeight: number;
  copies: Array<{ key: PanelKey; scoped?: ScopedVars }>;
}

export type VariableLookup = ReadonlyMap<string, RepeatVariable>;

export function variableLookup(variables: readonly RepeatVariable[] | undefined): VariableLookup {
  const out = new Map<string, RepeatVariable>();
  for (const v of variables ?? []) if (v && typeof v.name === 'string' && !out.has(v.name)) out.set(v.name, v);
  return out;
}

const repeatName = (panel: Json): string | undefined => (typeof panel.repeat === 'string' && panel.repeat !== '' ? panel.repeat : undefined);

/** The factors of 24, as DashboardMigrator's getFactors(GRID_COLUMN_COUNT). */
const FACTORS = [1, 2, 3, 4, 6, 8, 12, 24];

function maxPerRowOf(panel: Json, schemaVersion: number): number {
  let m = panel.maxPerRow;
  // DashboardMigrator (schema < 17): `minSpan` becomes the largest factor of 24 not above 24 / minSpan.
  if (schemaVersion < 17 && typeof panel.minSpan === 'number' && panel.minSpan) {
    const max = GRID_COLUMN_COUNT / panel.minSpan;
    m = FACTORS[FACTORS.findIndex((o) => o > max) - 1];
  }
  // Grafana takes the number as is (`maxPerRow ?? 4`); a zero or negative one would divide by zero.
  return typeof m === 'number' && Number.isFinite(m) && m >= 1 ? Math.floor(m) : DEFAULT_MAX_PER_ROW;
}

function cloneEntry(e: GridEntry, scoped: ScopedVars | undefined, dy: number): GridEntry {
  return {
    ...e,
    gridPos: { ...e.gridPos, y: e.gridPos.y + dy },
    declared: { ...e.declared },
    nested: e.nested.map((c) => cloneEntry(c, scoped ? { ...c.scoped, ...scoped } : c.scoped, 0)),
    key: repeatKey(e.path, scoped),
    ...(scoped ? { scoped } : {}),
  };
}

/** Grafana's getRowContentHeight: from the top of the highest panel to the bottom of the lowest. */
function contentHeight(panels: GridEntry[]): number {
  if (panels.length === 0) return 0;
  let maxY = 0;
  let minY = Number.MAX_VALUE;
  for (const p of panels) {
    maxY = Math.max(maxY, p.gridPos.y + p.gridPos.h);
    minY = Math.min(minY, p.gridPos.y);
  }
  return maxY - minY;
}

function shift(e: GridEntry, dy: number): void {
  e.gridPos = { ...e.gridPos, y: e.gridPos.y + dy };
  for (const c of e.nested) shift(c, dy);
}

/**
 * RowRepeaterBehavior.performRepeat for every repeated row of the (y, x)-sorted top-level list:
 * the row and its panels (those nested in it when collapsed, those that follow it up to the next
 * row when expanded) once per value, each copy's panels scoped to it. Returns the new list.
 */
export function expandRowRepeats(list: GridEntry[], variables: VariableLookup): GridEntry[] {
  const entries = list.slice();
  const out: GridEntry[] = [];
  let i = 0;
  while (i < entries.length) {
    const row = entries[i];
    let end = i + 1;
    if (row.isRow && !row.collapsed) while (end < entries.length && !entries[end].isRow) end++;
    const name = row.isRow ? repeatName(row.panel) : undefined;
    const values = name && !row.scoped?.[name] ? repeatValues(variables.get(name)) : undefined;
    if (!name || !values) {
      out.push(...entries.slice(i, end));
      i = end;
      continue;
    }
    const content = row.collapsed ? row.nested : entries.slice(i + 1, end);
    const height = contentHeight(content);
    let maxY = 0;
    values.forEach((value, k) => {
      const scoped: ScopedVars = { ...row.scoped, [name]: value };
      const copy = cloneEntry({ ...row, nested: [] }, scoped, height * k + k);
      const children = content.map((c) => {
        const cc = cloneEntry(c, { ...c.scoped, ...scoped }, (height + 1) * k);
        maxY = Math.max(maxY, cc.gridPos.y + cc.gridPos.h);
        return cc;
      });
      // Not in Grafana: a repeated row without panels would pull what follows above its copies.
      maxY = Math.max(maxY, copy.gridPos.y + 1);
      if (row.collapsed) out.push({ ...copy, nested: children });
      else out.push(copy, ...children);
    });
    // updateLayout: what follows the row starts below the last copy.
    const after = entries.slice(end);
    if (after.length > 0) {
      const diff = maxY - after[0].gridPos.y;
      for (const e of after) shift(e, diff);
    }
    i = end;
  }
  return out;
}

/**
 * DashboardGridItem.performRepeat for every repeated panel (top level and nested in collapsed rows):
 * the entry becomes the grid item holding the copies, 24 wide for 'h' (as built by
 * buildGridItemForPanel, even when not repeated), ceil(n / maxPerRow) or n copies tall.
 */
export function expandPanelRepeats(list: GridEntry[], variables: VariableLookup, schemaVersion = Number.MAX_SAFE_INTEGER): void {
  const visit = (e: GridEntry): void => {
    if (e.isRow) {
      e.nested.forEach(visit);
      return;
    }
    const name = repeatName(e.panel);
    if (!name) return;
    const direction = e.panel.repeatDirection === 'v' ? 'v' : 'h';
    const maxPerRow = maxPerRowOf(e.panel, schemaVersion);
    // A panel repeating over its row's variable finds the row's single scoped value: not repeated.
    const values = e.scoped?.[name] ? undefined : repeatValues(variables.get(name));
    const seen = new Set<string>();
    const copies = (values ?? [undefined]).map((value, k) => {
      const scoped = value ? { ...e.scoped, [name]: value } : e.scoped;
      let key = repeatKey(e.path, scoped);
      if (seen.has(key)) key = `${key}#${k}`; // the same value twice (a custom list `a,a`)
      seen.add(key);
      return scoped ? { key, scoped } : { key };
    });
    const n = copies.length;
    const itemHeight = e.gridPos.h;
    e.group = { direction, maxPerRow, itemHeight, copies };
    e.gridPos = direction === 'h'
      ? { ...e.gridPos, w: GRID_COLUMN_COUNT, h: Math.ceil(n / maxPerRow) * itemHeight }
      : { ...e.gridPos, h: n * itemHeight };
  };
  list.forEach(visit);
}

/** Rows first (their copies' panels may repeat in turn), then panels; `schemaVersion` for minSpan. */
export function expandRepeats(list: GridEntry[], variables: VariableLookup, schemaVersion?: number): GridEntry[] {
  const out = expandRowRepeats(list, variables);
  expandPanelRepeats(out, variables, schemaVersion);
  return out;
}

/** Where copy k of a group sits, in grid units (fractional columns for 'h', like DashboardModel.repeatPanel). */
export function copyGridPos(item: GridPos, group: RepeatGroup, k: number, stacked = false): GridPos {
  const n = group.copies.length;
  if (group.direction === 'v' || stacked) {
    const h = item.h / n;
    return { x: item.x, y: item.y + k * h, w: item.w, h };
  }
  const columns = Math.min(n, group.maxPerRow);
  const rows = Math.ceil(n / group.maxPerRow);
  const w = item.w / columns;
  const h = item.h / rows;
  return { x: item.x + (k % columns) * w, y: item.y + Math.floor(k / columns) * h, w, h };
}

/**
 * DashboardGridItemRenderer's CSS: copy k's pixels within the grid item's box. 'h': a grid of
 * min(n, maxPerRow) equal columns and ceil(n / maxPerRow) equal rows, 8 px gaps, filled row by
 * row; 'v' (and `stacked`, the narrow layout's column): n equal heights, 8 px gaps.
 */
export function copyBox(item: Box, group: RepeatGroup, k: number, stacked = false): Box {
  const n = group.copies.length;
  const gap = GRID_CELL_VMARGIN;
  const vertical = group.direction === 'v' || stacked;
  const columns = vertical ? 1 : Math.min(n, group.maxPerRow);
  const rows = vertical ? n : Math.ceil(n / group.maxPerRow);
  const width = (item.width - (columns - 1) * gap) / columns;
  const height = (item.height - (rows - 1) * gap) / rows;
  const col = k % columns;
  const row = Math.floor(k / columns);
  const left = Math.round(item.left + col * (width + gap));
  const top = Math.round(item.top + row * (height + gap));
  return { left, top, width: Math.round(item.left + col * (width + gap) + width) - left, height: Math.round(item.top + row * (height + gap) + height) - top };
}

// Grafana's variable syntax (variableRegex in public/app/features/variables/utils.ts).
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;

/** `text` with each variable reference replaced by what `replace` makes of it (its name and `:format`). */
function replaceReferences(text: string, replace: (written: string, name: string, format: string | undefined) => string): string {
  if (!text.includes('$') && !text.includes('[[')) return text;
  return text.replace(VARIABLE, (match, n1?: string, n2?: string, f2?: string, n3?: string, _field?: string, f3?: string) => replace(match, n1 ?? n2 ?? n3 ?? '', f2 ?? f3));
}

/**
 * A title interpolated as VizPanelRenderer does (`text` format): each variable's display text,
 * the copy's scoped value first; with an explicit other format, the value(s) joined by commas.
 * Unknown names (and built-ins, unknown here) stay as written.
 */
export function interpolateTitle(title: string, scoped: ScopedVars | undefined, variables: VariableLookup): string {
  return replaceReferences(title, (match, name, format) => {
    const useText = format === undefined || format === 'text';
    const s = scoped?.[name];
    if (s) return useText ? s.text : s.value;
    const v = variables.get(name);
    if (!v || !v.current) return match;
    const c = useText ? v.current.text : v.current.value;
    if (!useText && isAll(v.current.value)) return v.options.filter((o) => o.value !== ALL_VALUE).map((o) => o.value).join(',');
    return Array.isArray(c) ? c.join(useText ? ' + ' : ',') : String(c);
  });
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * A text panel's content interpolated as Grafana's TextPanel does before rendering it
 * (`replaceVariables(content, {}, 'html')`): each variable's value, not its display text, the
 * copy's scoped value first; several values joined by ", "; All as the variable's `allValue`, else
 * every option's value. The html format escapes what it inserts (`escape`), so that a value never
 * becomes markup; `${var:text}` gives the display text. Unknown names (and built-ins, unknown
 * here) stay as written.
 */
export function interpolateContent(content: string, scoped: ScopedVars | undefined, variables: VariableLookup, allValues: ReadonlyMap<string, string>, escape: boolean): string {
  const out = (v: string): string => (escape ? escapeHtml(v) : v);
  return replaceReferences(content, (match, name, format) => {
    const useText = format === 'text';
    const s = scoped?.[name];
    if (s) return out(useText ? s.text : joinAs(format, s.value));
    const v = variables.get(name);
    if (!v || !v.current) return match;
    if (isAll(v.current.value)) {
      if (useText) return out('All');
      const all = allValues.get(name);
      return out(all !== undefined ? all : joinAs(format, v.options.filter((o) => o.value !== ALL_VALUE).map((o) => o.value)));
    }
    const c = useText ? v.current.text : v.current.value;
    return out(useText ? (Array.isArray(c) ? c.join(' + ') : String(c)) : joinAs(format, c));
  });
}

/** Grafana's formatters for the simple formats (formatRegistry); html's ", " for the rest. */
function joinAs(format: string | undefined, value: string | string[]): string {
  const values = Array.isArray(value) ? value : [value];
  switch (format) {
    case 'csv':
    case 'raw':
      return values.join(',');
    case 'pipe':
      return values.join('|');
    case 'json':
      return JSON.stringify(Array.isArray(value) ? values : value);
    case 'doublequote':
      return values.map((x) => `"${x.replace(/"/g, '\\"')}"`).join(',');
    case 'singlequote':
      return values.map((x) => `'${x.replace(/'/g, "\\'")}'`).join(',');
    default:
      return values.join(', ');
  }
}

