// The dashboard preview webview: a header (title, time range, refresh, template variables,
// errors), the panels laid out on Grafana's grid, each drawn from the query results the
// extension sends. Everything from the dashboard or the data source is shown as text, never markup.
import type { DashboardPreviewResult, FromDashboardWebview, JsonPath, PanelKey, PanelQueryResult, ToDashboardWebview, VariableView } from '../dashboardProtocol';
import { layoutDashboard, type LayoutBox } from './layout';
import { interpolateContent, variableLookup, type VariableLookup } from './repeats';
import { applyChanges } from './patch';
import { isStatic, isSupported, renderPanel, renderUnsupported, type PanelView } from './panels';
import { isJson, targetErrors, type Json, type PanelState } from './panels/common';
import type { Selection } from './panels/seriesVisibility';
import type { ThemeMode } from './thresholds';
import { formatDate } from './timeUnits';
import { dashboardTimeZone, type TimeZone } from './timeZone';

declare function acquireVsCodeApi(): { postMessage(msg: FromDashboardWebview): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const post = (m: FromDashboardWebview): void => vscode.postMessage(m);

/** Grafana's quick ranges (the common ones). */
const QUICK_RANGES: Array<[string, string]> = [
  ['now-5m', 'Last 5 minutes'],
  ['now-15m', 'Last 15 minutes'],
  ['now-30m', 'Last 30 minutes'],
  ['now-1h', 'Last 1 hour'],
  ['now-3h', 'Last 3 hours'],
  ['now-6h', 'Last 6 hours'],
  ['now-12h', 'Last 12 hours'],
  ['now-24h', 'Last 24 hours'],
  ['now-2d', 'Last 2 days'],
  ['now-7d', 'Last 7 days'],
];
const ALL = '$__all';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

interface PanelData {
  loading: boolean;
  result?: PanelQueryResult;
  error?: string;
}

interface PanelSlot {
  box: LayoutBox;
  root: HTMLElement;
  body: HTMLElement;
  status: HTMLElement;
  view?: PanelView;
  /** The panel's JSON, place and theme when it was built: an unchanged panel is kept as drawn. */
  sig: string;
}

let preview: DashboardPreviewResult | undefined;
let themeOverride: ThemeMode | undefined;
let focusKey: PanelKey | null = null;
let layoutWidth = 0;
let lastVisible = '';
/** The `seq` of the message that brought the dashboard shown (patches apply to it). */
let dashboardSeq: number | undefined;
const data = new Map<PanelKey, PanelData>();
const rowCollapsed = new Map<PanelKey, boolean>();
const slots = new Map<PanelKey, PanelSlot>();
/** Per panel, the series its legend clicks left shown: kept over new data and edits, never saved. */
const seriesShown = new Map<PanelKey, Selection>();

function seriesShownOf(key: PanelKey): PanelState<Selection> {
  return { get: () => seriesShown.get(key), set: (s) => (s === undefined ? seriesShown.delete(key) : seriesShown.set(key, s)) };
}

/** The dashboard's variables by name, and the `allValue` each sets (what All stands for). */
function variablesOfPreview(): { lookup: VariableLookup; allValues: Map<string, string> } {
  const allValues = new Map<string, string>();
  const list = isJson(preview?.dashboard) && isJson(preview.dashboard.templating) ? preview.dashboard.templating.list : undefined;
  if (Array.isArray(list)) {
    for (const v of list) if (isJson(v) && typeof v.name === 'string' && typeof v.allValue === 'string' && v.allValue !== '') allValues.set(v.name, v.allValue);
  }
  return { lookup: variableLookup(preview?.variables), allValues };
}

/** The dashboard's `timezone`: times on axes and in date units are read in it. */
function timeZone(): TimeZone {
  return dashboardTimeZone(isJson(preview?.dashboard) ? preview.dashboard.timezone : undefined);
}

// --- page skeleton ---------------------------------------------------------------------------
const header = el('header', 'dash-header');
const titleEl = el('h1', 'dash-title');
const varsEl = el('div', 'dash-vars');
const tools = el('div', 'dash-tools');
const showAll = el('button', 'dash-showall', 'Show all panels');
showAll.type = 'button';
showAll.id = 'show-all';
showAll.hidden = true;
const timeSelect = el('select', 'dash-time');
timeSelect.id = 'time-range';
timeSelect.title = 'Time range';
const refreshBtn = el('button', 'dash-refresh', 'Refresh');
refreshBtn.type = 'button';
refreshBtn.id = 'refresh';
tools.append(showAll, timeSelect, refreshBtn);
header.append(titleEl, varsEl, tools);
const banner = el('div', 'dash-banner');
banner.id = 'banner';
banner.setAttribute('aria-live', 'polite');
const gridEl = el('div', 'dash-grid');
gridEl.id = 'grid';
document.body.append(header, banner, gridEl);

timeSelect.addEventListener('change', () => {
  const v = timeSelect.value;
  if (v.startsWith('now-')) post({ type: 'setTime', from: v, to: 'now' });
});
refreshBtn.addEventListener('click', () => post({ type: 'refresh' }));
showAll.addEventListener('click', () => {
  focusKey = null;
  relayout(true);
});

function themeMode(): ThemeMode {
  if (themeOverride) return themeOverride;
  const c = document.body.classList;
  return c.contains('vscode-light') || c.contains('vscode-high-contrast-light') ? 'light' : 'dark';
}

// --- header ------------------------------------------------------------------------------------
function renderHeader(p: DashboardPreviewResult): void {
  titleEl.textContent = p.title || 'Untitled dashboard';
  titleEl.title = p.datasource ? `Data source: ${p.datasource}` : '';
  document.title = p.title;
  timeSelect.replaceChildren();
  let known = false;
  for (const [value, label] of QUICK_RANGES) {
    const o = el('option', undefined, label);
    o.value = value;
    timeSelect.appendChild(o);
    if (p.time.to === 'now' && p.time.from === value) known = true;
  }
  if (!known) {
    const o = el('option', undefined, describeTime(p));
    o.value = '__current';
    timeSelect.insertBefore(o, timeSelect.firstChild);
  }
  timeSelect.value = known ? p.time.from : '__current';
  varsEl.replaceChildren(...p.variables.filter((v) => v.hide < 2).map(variableControl));
}

function describeTime(p: DashboardPreviewResult): string {
  const rel = /^now-(\d+)([smhdwMy])$/.exec(p.time.from);
  if (rel && p.time.to === 'now') return `Last ${rel[1]}${rel[2]}`;
  // In the dashboard's zone, as Grafana's time picker shows an absolute range.
  const zone = timeZone();
  const at = (ms: number) => formatDate(ms, 'YYYY-MM-DD HH:mm', zone);
  const zoneName = zone === 'browser' ? `UTC${formatDate(p.range.startMs, 'Z', zone)}` : zone === 'utc' ? 'UTC' : zone;
  return `${at(p.range.startMs)} to ${at(p.range.endMs)} ${zoneName}`;
}

function currentValues(v: VariableView): string[] {
  const c = v.current.value;
  return Array.isArray(c) ? c : [c];
}

function variableOptions(v: VariableView): Array<{ text: string; value: string }> {
  const opts = v.options.slice();
  if (v.includeAll && !opts.some((o) => o.value === ALL)) opts.unshift({ text: 'All', value: ALL });
  // A selection that is no option (a textbox, a saved custom value) is still shown.
  for (const c of currentValues(v)) if (c !== undefined && !opts.some((o) => o.value === c)) opts.push({ text: c === ALL ? 'All' : c, value: c });
  return opts;
}

function variableControl(v: VariableView): HTMLElement {
  const wrap = el('label', 'dash-var');
  wrap.dataset.name = v.name;
  if (v.hide !== 1) wrap.appendChild(el('span', 'dash-var-label', v.label || v.name));
  let control: HTMLElement;
  if (v.type === 'textbox') {
    const input = el('input', 'dash-var-input');
    input.type = 'text';
    input.value = currentValues(v)[0] ?? '';
    input.addEventListener('change', () => post({ type: 'setVariable', name: v.name, value: input.value }));
    control = input;
  } else if (v.multi) {
    control = multiSelect(v);
  } else {
    const select = el('select', 'dash-var-select');
    for (const o of variableOptions(v)) {
      const opt = el('option', undefined, o.text);
      opt.value = o.value;
      select.appendChild(opt);
    }
    select.value = currentValues(v)[0] ?? '';
    select.addEventListener('change', () => post({ type: 'setVariable', name: v.name, value: select.value }));
    control = select;
  }
  control.dataset.variable = v.name;
  if (v.error) {
    control.title = v.error;
    wrap.classList.add('has-error');
    wrap.title = v.error;
  }
  wrap.appendChild(control);
  return wrap;
}

/** A multi-value variable: a button showing the selection and a list of checkboxes. */
function multiSelect(v: VariableView): HTMLElement {
  const box = el('span', 'dash-multi');
  const btn = el('button', 'dash-multi-button');
  btn.type = 'button';
  const text = v.current.text;
  btn.textContent = Array.isArray(text) ? text.join(' + ') : text;
  const list = el('div', 'dash-multi-list');
  list.hidden = true;
  const selected = new Set(currentValues(v));
  for (const o of variableOptions(v)) {
    const row = el('label', 'dash-multi-option');
    const cb = el('input');
    cb.type = 'checkbox';
    cb.value = o.value;
    cb.checked = selected.has(o.value);
    row.append(cb, el('span', undefined, o.text));
    list.appendChild(row);
    cb.addEventListener('change', () => {
      const boxes = Array.from(list.querySelectorAll<HTMLInputElement>('input[type=checkbox]'));
      // Grafana: picking All clears the rest; picking a value clears All.
      if (cb.checked && o.value === ALL) boxes.forEach((b) => (b.checked = b === cb));
      else if (cb.checked) boxes.forEach((b) => b.value === ALL && (b.checked = false));
      let values = boxes.filter((b) => b.checked).map((b) => b.value);
      if (values.length === 0 && v.includeAll) values = [ALL];
      post({ type: 'setVariable', name: v.name, value: values });
    });
  }
  btn.addEventListener('click', () => (list.hidden = !list.hidden));
  document.addEventListener('click', (ev) => {
    if (!box.contains(ev.target as Node)) list.hidden = true;
  });
  box.append(btn, list);
  return box;
}

function renderBanner(p: DashboardPreviewResult, warnings: string[] = []): void {
  banner.replaceChildren();
  if (p.error) banner.appendChild(el('div', 'notice error', `Invalid JSON at line ${p.error.line + 1}, column ${p.error.character + 1}: ${p.error.message}`));
  if (p.datasourceError) banner.appendChild(el('div', 'notice error', `Data source: ${p.datasourceError}`));
  for (const w of warnings.slice(0, 5)) banner.appendChild(el('div', 'notice warning', w));
}

// --- grid --------------------------------------------------------------------------------------
const keyOf = (path: JsonPath): PanelKey => JSON.stringify(path);

function focusedBox(boxes: LayoutBox[], hidden: ReturnType<typeof layoutDashboard>['hidden'], width: number): LayoutBox | undefined {
  // A copy by its own key, else the panel at that path (a repeated panel: its first copy).
  const match = (b: { key: PanelKey; path: JsonPath }): boolean => b.key === focusKey;
  const atPath = (b: { path: JsonPath }): boolean => keyOf(b.path) === focusKey;
  const found = boxes.find(match) ?? boxes.find(atPath);
  const h = found ? undefined : hidden.find(match) ?? hidden.find(atPath);
  const base = found ?? (h && { ...h, isRow: false, gridPos: { x: 0, y: 0, w: 24, h: 8 }, declaredGridPos: { x: 0, y: 0, w: 24, h: 8 }, box: { left: 0, top: 0, width, height: 0 } });
  if (!base || base.isRow) return undefined;
  const gp = (base.panel as Json).gridPos as { h?: number } | undefined;
  const rows = typeof gp?.h === 'number' && gp.h > 0 ? gp.h : 8;
  return { ...base, box: { left: 0, top: 0, width, height: Math.max(300, rows * 38 - 8) } };
}

function relayout(forceVisible: boolean): void {
  if (!preview) return;
  if (preview.dashboard === undefined) {
    renderBanner(preview);
    return;
  }
  const width = Math.max(100, Math.floor(gridEl.clientWidth));
  layoutWidth = width;
  const layout = layoutDashboard(preview.dashboard, width, { rowCollapsed: (_path, c, key) => rowCollapsed.get(key) ?? c, variables: preview.variables });
  let boxes = layout.boxes;
  let height = layout.height;
  const focused = focusKey ? focusedBox(layout.boxes, layout.hidden, width) : undefined;
  if (focusKey && focused) {
    boxes = [focused];
    height = focused.box.height;
  }
  showAll.hidden = !focused;
  gridEl.style.height = `${height}px`;
  renderBanner(preview, layout.warnings.filter((w) => !/no gridPos/.test(w)));
  // Panels whose JSON, place and theme did not change keep their drawing (an edit of one panel
  // redraws that panel only); the others are rebuilt, and rows are cheap to rebuild.
  for (const r of Array.from(gridEl.querySelectorAll(':scope > .dash-row'))) r.remove();
  const kept = new Map<PanelKey, PanelSlot>();
  const fresh: PanelKey[] = [];
  const mode = themeMode();
  const zone = timeZone();
  for (const b of boxes) {
    if (b.isRow) {
      gridEl.appendChild(rowElement(b));
      continue;
    }
    const key = b.key;
    // A text panel shows the variables' values: it is drawn again when they change.
    const sig = JSON.stringify([b.panel, b.box, b.type, b.title, mode, zone, b.type === 'text' ? preview?.variables.map((v) => v.current) : null]);
    const old = slots.get(key);
    if (old && old.sig === sig) {
      old.box = b;
      kept.set(key, old);
      slots.delete(key);
      continue;
    }
    if (old) {
      old.view?.destroy?.();
      old.root.remove();
      slots.delete(key);
    }
    kept.set(key, buildPanel(b, sig));
    fresh.push(key);
  }
  for (const s of slots.values()) {
    s.view?.destroy?.();
    s.root.remove();
  }
  slots.clear();
  for (const [k, v] of kept) slots.set(k, v);
  for (const key of fresh) drawPanel(key);
  postVisible(forceVisible);
  scheduleReport();
}

function place(e: HTMLElement, b: LayoutBox): void {
  e.style.left = `${b.box.left}px`;
  e.style.top = `${b.box.top}px`;
  e.style.width = `${b.box.width}px`;
  e.style.height = `${b.box.height}px`;
}

function rowElement(b: LayoutBox): HTMLElement {
  const row = el('div', 'dash-row');
  place(row, b);
  row.dataset.key = b.key;
  const btn = el('button', 'dash-row-toggle');
  btn.type = 'button';
  btn.setAttribute('aria-expanded', String(!b.collapsed));
  btn.append(el('span', 'chevron', b.collapsed ? '▸' : '▾'), el('span', 'dash-row-title', b.title || 'Row title'));
  if (b.collapsed) btn.appendChild(el('span', 'dash-row-count', `(${b.childCount ?? 0} panel${b.childCount === 1 ? '' : 's'})`));
  btn.addEventListener('click', () => {
    rowCollapsed.set(b.key, !b.collapsed);
    relayout(false);
  });
  row.appendChild(btn);
  return row;
}

function buildPanel(b: LayoutBox, sig: string): PanelSlot {
  const key = b.key;
  const root = el('section', 'dash-panel');
  root.dataset.key = key;
  root.dataset.type = b.type;
  place(root, b);
  const head = el('div', 'panel-header');
  const title = el('button', 'panel-title', b.title);
  title.type = 'button';
  title.title = 'Show in the editor';
  title.addEventListener('click', () => post({ type: 'revealPanel', path: b.path }));
  const status = el('span', 'panel-status');
  head.append(title, status);
  const body = el('div', 'panel-body');
  root.append(head, body);
  gridEl.appendChild(root);
  return { box: b, root, body, status, sig };
}

function drawPanel(key: PanelKey): void {
  const slot = slots.get(key);
  if (!slot) return;
  const { box, body, status, root } = slot;
  const d = data.get(key);
  status.textContent = '';
  status.title = '';
  status.className = 'panel-status';
  root.classList.toggle('loading', !!d?.loading);
  if (d?.loading) {
    status.textContent = '⟳';
    status.title = 'Loading…';
    status.classList.add('spin');
  }
  slot.view?.destroy?.();
  slot.view = undefined;
  if (!isSupported(box.type)) {
    slot.view = renderUnsupported(body, box.type);
    return;
  }
  const range = preview?.range ?? { startMs: Date.now() - 3_600_000, endMs: Date.now() };
  // Only text panels fill variables in: the lookup is built when one asks.
  let vars: ReturnType<typeof variablesOfPreview> | undefined;
  const replaceVariables = (text: string, escape: boolean) => {
    vars ??= variablesOfPreview();
    return interpolateContent(text, box.scopedVars, vars.lookup, vars.allValues, escape);
  };
  const context = { panel: box.panel, theme: themeMode(), body, timeZone: timeZone(), seriesShown: seriesShownOf(key), replaceVariables };
  if (isStatic(box.type)) {
    slot.view = renderPanel(box.type, { ...context, result: { path: box.path, results: [], intervalMs: 0, stepMs: 0 }, range });
    return;
  }
  if (d?.error) {
    body.replaceChildren(el('div', 'panel-error', d.error));
    status.textContent = '!';
    status.title = d.error;
    status.classList.add('error');
    return;
  }
  if (!d?.result) {
    body.replaceChildren(el('div', 'panel-loading', 'Loading…'));
    return;
  }
  const errors = targetErrors(d.result);
  if (errors.length > 0 && !d.loading) {
    status.textContent = '!';
    status.title = errors.join('\n');
    status.classList.add('error');
  }
  try {
    // On the range its queries ran over (a panel shown after the preview ends later than the header's).
    slot.view = renderPanel(box.type, { ...context, result: d.result, range: d.result.range ?? range });
    if (errors.length > 0 && !slot.view.drawn()) {
      slot.view.destroy?.();
      slot.view = undefined;
      body.replaceChildren(el('div', 'panel-error', errors.join('\n')));
    }
  } catch (e) {
    body.replaceChildren(el('div', 'panel-error', `Could not draw this panel: ${e instanceof Error ? e.message : String(e)}`));
  }
}

function postVisible(force: boolean): void {
  const panels = Array.from(slots.values(), (s) => ({ key: s.box.key, path: s.box.path, widthPx: s.box.box.width, ...(s.box.scopedVars ? { scopedVars: s.box.scopedVars } : {}) }));
  const sig = JSON.stringify(panels);
  if (!force && sig === lastVisible) return;
  lastVisible = sig;
  post({ type: 'visiblePanels', panels });
}

/** A report waits for the next frame, or this long when frames do not come (a hidden page). */
const REPORT_FALLBACK_MS = 100;
let reportFrame: number | undefined;
let reportTimer: ReturnType<typeof setTimeout> | undefined;
/**
 * Tells the extension what each panel shows, in the next frame: after every message handled
 * before it (one report for all) and after uPlot's commit (a microtask), as that frame paints.
 */
function scheduleReport(): void {
  if (reportTimer !== undefined) return;
  const report = (): void => {
    if (reportFrame !== undefined) cancelAnimationFrame(reportFrame);
    clearTimeout(reportTimer);
    reportFrame = undefined;
    reportTimer = undefined;
    const panels = Array.from(slots.entries(), ([key, s]) => ({
      key,
      type: s.box.type,
      title: s.box.title,
      drawn: s.view ? s.view.drawn() : false,
      text: s.view ? s.view.text() : (s.body.textContent ?? ''),
    }));
    document.body.dataset.rendered = String(Date.now());
    post({ type: 'rendered', panels });
  };
  reportTimer = setTimeout(report, REPORT_FALLBACK_MS);
  reportFrame = requestAnimationFrame(report);
}

// --- messages ----------------------------------------------------------------------------------
function onMessage(msg: ToDashboardWebview): void {
  switch (msg.type) {
    case 'dashboard': {
      let p = msg.preview;
      if (msg.patch) {
        // The changes to the dashboard this page holds; one it does not hold is for the page
        // before it (it reloaded: the host sends everything again on its `ready`).
        const base = preview?.dashboard;
        const dashboard = base !== undefined && msg.patch.base === dashboardSeq ? applyChanges(base, msg.patch.changes) : undefined;
        if (dashboard === undefined) return;
        p = { ...p, dashboard };
      }
      if (msg.theme) themeOverride = msg.theme;
      if (p.dashboard === undefined && preview?.dashboard !== undefined) {
        // Invalid JSON: keep the last render, say what is wrong.
        renderBanner({ ...preview, error: p.error, datasourceError: p.datasourceError ?? preview.datasourceError });
        scheduleReport();
        return;
      }
      preview = p;
      dashboardSeq = msg.seq;
      renderHeader(p);
      relayout(true);
      return;
    }
    case 'panelLoading': {
      const d = data.get(msg.key) ?? { loading: true };
      d.loading = true;
      data.set(msg.key, d);
      drawPanel(msg.key);
      break;
    }
    case 'panelData':
      data.set(msg.key, { loading: false, result: msg.result });
      drawPanel(msg.key);
      break;
    case 'panelError':
      data.set(msg.key, { loading: false, error: msg.message });
      drawPanel(msg.key);
      break;
    case 'focusPanel':
      focusKey = msg.key;
      relayout(true);
      return;
  }
  scheduleReport();
}

window.addEventListener('message', (ev: MessageEvent<ToDashboardWebview>) => {
  if (ev.data && typeof ev.data === 'object' && typeof ev.data.type === 'string') onMessage(ev.data);
});

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
new ResizeObserver(() => {
  if (resizeTimer) clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (Math.floor(gridEl.clientWidth) !== layoutWidth) relayout(false);
  }, 150);
}).observe(gridEl);

post({ type: 'ready' });
