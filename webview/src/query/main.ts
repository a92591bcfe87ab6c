// The query results panel: toolbar (time range, refresh, export), status line, and the graph or
// table. Receives results from the extension; draws nothing that came from the network as markup.
import type { FromWebview, QueryResultMessage, ToWebview } from '../protocol';
import { drawChart, type ChartHandle } from './chart';
import { toCsv } from './csv';
import { renderTable } from './table';
import { chartTheme } from './theme';

declare function acquireVsCodeApi(): { postMessage(msg: FromWebview): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const RANGES = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '1d', '2d', '7d'];
const AUTO_REFRESH = [0, 10, 30, 60, 300];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const state = (vscode.getState() as { range?: string; mode?: 'range' | 'instant' } | undefined) ?? {};
let mode: 'range' | 'instant' = state.mode ?? 'range';
let last: QueryResultMessage | undefined;
let chart: ChartHandle | undefined;

const root = el('div', { class: 'panel' });
const toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
const modeGraph = el('button', { type: 'button', id: 'mode-graph' }, 'Graph');
const modeTable = el('button', { type: 'button', id: 'mode-table' }, 'Table');
const rangeSelect = el('select', { id: 'range', title: 'Time range (ending now)' });
for (const r of RANGES) rangeSelect.appendChild(el('option', { value: r }, `Last ${r}`));
rangeSelect.appendChild(el('option', { value: 'absolute' }, 'Absolute…'));
rangeSelect.value = state.range && RANGES.includes(state.range) ? state.range : '1h';
const startInput = el('input', { type: 'datetime-local', id: 'abs-start', title: 'Start (UTC)', hidden: '' });
const endInput = el('input', { type: 'datetime-local', id: 'abs-end', title: 'End (UTC)', hidden: '' });
const applyAbs = el('button', { type: 'button', id: 'abs-apply', hidden: '' }, 'Apply');
const refresh = el('button', { type: 'button', id: 'refresh', title: 'Run again' }, 'Refresh');
const auto = el('select', { id: 'auto-refresh', title: 'Auto refresh' });
for (const s of AUTO_REFRESH) auto.appendChild(el('option', { value: String(s) }, s === 0 ? 'Auto: off' : `Auto: ${s < 60 ? s + 's' : s / 60 + 'm'}`));
const csv = el('button', { type: 'button', id: 'export-csv' }, 'CSV');
const png = el('button', { type: 'button', id: 'export-png' }, 'PNG');
const addToDashboard = el('button', { type: 'button', id: 'add-to-dashboard', title: 'Insert a timeseries panel with this expression into a dashboard JSON file' }, 'Add to dashboard…');
toolbar.append(modeGraph, modeTable, rangeSelect, startInput, endInput, applyAbs, refresh, auto, csv, png, addToDashboard);

const exprLine = el('div', { class: 'expr', id: 'expr' });
const status = el('div', { class: 'status', id: 'status', 'aria-live': 'polite' });
const notices = el('div', { class: 'notices', id: 'notices' });
const chartBox = el('div', { class: 'chart', id: 'chart' });
const legend = el('div', { class: 'legend', id: 'legend' });
const tableBox = el('div', { class: 'table', id: 'table' });
root.append(toolbar, exprLine, status, notices, chartBox, legend, tableBox);
document.body.appendChild(root);

function setMode(m: 'range' | 'instant', rerun: boolean): void {
  mode = m;
  modeGraph.classList.toggle('active', m === 'range');
  modeTable.classList.toggle('active', m === 'instant');
  vscode.setState({ ...state, mode, range: rangeSelect.value });
  if (rerun) requestRange();
}

function requestRange(): void {
  if (rangeSelect.value === 'absolute') {
    const s = Date.parse(startInput.value + 'Z');
    const e = Date.parse(endInput.value + 'Z');
    if (Number.isNaN(s) || Number.isNaN(e) || e <= s) {
      showNotice('error', 'Pick an absolute start before the end.');
      return;
    }
    vscode.postMessage({ type: 'setRange', range: { startMs: s, endMs: e }, mode });
  } else {
    vscode.postMessage({ type: 'setRange', range: { relative: rangeSelect.value }, mode });
  }
}

modeGraph.addEventListener('click', () => setMode('range', true));
modeTable.addEventListener('click', () => setMode('instant', true));
rangeSelect.addEventListener('change', () => {
  const abs = rangeSelect.value === 'absolute';
  for (const e of [startInput, endInput, applyAbs]) e.hidden = !abs;
  if (abs && last) {
    startInput.value = new Date(last.range.startMs).toISOString().slice(0, 16);
    endInput.value = new Date(last.range.endMs).toISOString().slice(0, 16);
  }
  vscode.setState({ ...state, mode, range: rangeSelect.value });
  if (!abs) requestRange();
});
applyAbs.addEventListener('click', requestRange);
refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
auto.addEventListener('change', () => vscode.postMessage({ type: 'setAutoRefresh', seconds: Number(auto.value) }));
addToDashboard.addEventListener('click', () => vscode.postMessage({ type: 'addToDashboard' }));
csv.addEventListener('click', () => {
  if (last) vscode.postMessage({ type: 'export', format: 'csv', fileName: 'query.csv', content: toCsv(last.data) });
});
png.addEventListener('click', () => {
  const canvas = chartBox.querySelector('canvas');
  if (canvas) vscode.postMessage({ type: 'export', format: 'png', fileName: 'query.png', content: canvas.toDataURL('image/png') });
});

function showNotice(kind: 'error' | 'warning' | 'info', text: string): void {
  const n = el('div', { class: `notice ${kind}` }, text);
  notices.appendChild(n);
}

function clearView(): void {
  chart?.destroy();
  chart = undefined;
  notices.replaceChildren();
  tableBox.replaceChildren();
  legend.replaceChildren();
}

function render(msg: ToWebview): void {
  exprLine.textContent = msg.expr;
  document.body.dataset.state = msg.type;
  if (msg.type === 'loading') {
    status.textContent = `Running on ${msg.datasource}…`;
    return;
  }
  clearView();
  if (msg.type === 'error') {
    status.textContent = `${msg.datasource}: query failed`;
    showNotice('error', `${msg.kind === 'syntax' ? 'Syntax error' : 'Error'}: ${msg.message}`);
    return;
  }
  last = msg;
  showRange(msg);
  setMode(msg.mode, false);
  const d = msg.data;
  status.textContent = `${msg.datasource} · ${msg.stats.series} series · ${msg.stats.samples} samples · ${msg.stats.durationMs} ms`;
  for (const w of msg.warnings) showNotice('warning', `Warning: ${w}`);
  for (const i of msg.infos) showNotice('info', i);
  if (msg.truncated) {
    showNotice('warning', `Showing ${msg.truncated.seriesKept} of ${msg.truncated.seriesTotal} series${msg.truncated.pointsDropped ? `, ${msg.truncated.pointsDropped} points dropped` : ''} (limits in settings).`);
  }
  if (d.resultType === 'matrix' && msg.mode === 'range') {
    chartBox.hidden = false;
    tableBox.hidden = true;
    if (d.series.length === 0) {
      showNotice('info', 'No data in this time range.');
      reportRendered(0);
      return;
    }
    chart = drawChart(chartBox, legend, d.series, msg.legendFormat);
    document.body.dataset.drawn = String(Date.now());
    reportRendered(d.series.length);
  } else {
    chartBox.hidden = true;
    tableBox.hidden = false;
    renderTable(tableBox, d, msg.legendFormat);
    document.body.dataset.drawn = String(Date.now());
    reportRendered(d.resultType === 'matrix' || d.resultType === 'vector' ? d.series.length : 1);
  }
}

/** Tells the extension what is on screen once uPlot has painted (it commits in a microtask). */
function reportRendered(series: number): void {
  const drawn = chart;
  setTimeout(() => {
    if (drawn !== chart) return; // replaced by a newer result meanwhile
    vscode.postMessage({
      type: 'rendered',
      series,
      legend: Array.from(legend.querySelectorAll('.legend-item'), (e) => e.textContent ?? ''),
      canvas: chart ? seriesInk(chartBox.querySelector('canvas'), Math.min(series, 14)) > 0 : false,
      table: tableBox.hidden ? 0 : tableBox.querySelectorAll('tbody tr').length,
    });
  }, 50);
}

/** Pixels of the canvas in the colours of the first `n` series (0 when nothing was drawn). */
function seriesInk(canvas: HTMLCanvasElement | null, n: number): number {
  if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
  const colours = chartTheme()
    .palette.slice(0, n)
    .map((h) => /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(h.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [1, 2, 3].map((i) => parseInt(m[i], 16)));
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] < 200) continue;
    if (colours.length === 0 || colours.some((c) => Math.abs(data[i] - c[0]) < 40 && Math.abs(data[i + 1] - c[1]) < 40 && Math.abs(data[i + 2] - c[2]) < 40)) ink++;
  }
  return ink;
}

/** A result for a range that does not end now (the command was given start and end): say so. */
function showRange(msg: QueryResultMessage): void {
  const endsNow = Math.abs(Date.now() - msg.range.endMs) <= Math.max(120_000, 2 * msg.range.stepMs);
  if (endsNow || rangeSelect.value === 'absolute') return;
  rangeSelect.value = 'absolute';
  for (const e of [startInput, endInput, applyAbs]) e.hidden = false;
  startInput.value = new Date(msg.range.startMs).toISOString().slice(0, 16);
  endInput.value = new Date(msg.range.endMs).toISOString().slice(0, 16);
}

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => render(ev.data));
setMode(mode, false);
vscode.postMessage({ type: 'ready' });
