// The time-series graph of a range query: uPlot, themed from VS Code, with a legend that toggles
// series and a tooltip with the exact values under the cursor. Label text only ever goes through
// textContent, never markup.
import uPlot from 'uplot';
import type { SeriesData } from '../protocol';
import { formatNumber, seriesName, toNumber } from './legend';
import { timeAxisOptions, timeAxisRightPadding } from '../dashboard/panels/timeAxis';
import { chartTheme } from './theme';
import { changeMode, isShown, nextSelection, type Selection } from '../dashboard/panels/seriesVisibility';

const AXIS_FONT = '11px sans-serif';

export interface ChartHandle {
  plot: uPlot;
  destroy(): void;
}

/** Aligns series on one time axis (range queries share the step grid; anything else is merged). */
export function alignSeries(series: SeriesData[]): uPlot.AlignedData {
  return alignOnGrid(series) ?? alignMerged(series);
}

/**
 * Fast path for range query results: every timestamp lies on one grid start + k·step, so a
 * sample's column is computed, not looked up. 50 × 11,000 points must draw in well under 150 ms.
 */
function alignOnGrid(series: SeriesData[]): uPlot.AlignedData | null {
  let start = Infinity;
  let end = -Infinity;
  let step = Infinity;
  for (const s of series) {
    const v = s.values;
    if (v.length === 0) continue;
    if (v[0][0] < start) start = v[0][0];
    if (v[v.length - 1][0] > end) end = v[v.length - 1][0];
    for (let i = 1; i < v.length && i < 4; i++) step = Math.min(step, v[i][0] - v[i - 1][0]);
  }
  if (!Number.isFinite(start)) return [[]];
  if (!Number.isFinite(step) || step <= 0) step = 1000;
  const n = Math.round((end - start) / step) + 1;
  if (n > 1_000_000) return null;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = (start + i * step) / 1000;
  const out: Array<ArrayLike<number | null>> = [xs];
  for (const s of series) {
    // A typed array when the series has a value at every step (the common case: no boxing, little
    // garbage); a plain array with nulls, which uPlot draws as gaps, otherwise.
    const ys = new Float64Array(n);
    const present = new Uint8Array(n);
    let filled = 0;
    const v = s.values;
    for (let i = 0; i < v.length; i++) {
      const k = (v[i][0] - start) / step;
      if (k !== Math.floor(k)) return null; // off the grid: merge instead
      const raw = v[i][1];
      const num = typeof raw === 'number' ? raw : toNumber(raw);
      if (Number.isFinite(num)) {
        ys[k] = num;
        if (!present[k]) filled++;
        present[k] = 1;
      }
    }
    if (filled === n) out.push(ys);
    else {
      const withGaps = new Array<number | null>(n);
      for (let i = 0; i < n; i++) withGaps[i] = present[i] ? ys[i] : null;
      out.push(withGaps);
    }
  }
  return out as uPlot.AlignedData;
}

function alignMerged(series: SeriesData[]): uPlot.AlignedData {
  const times = new Set<number>();
  for (const s of series) for (const [t] of s.values) times.add(t);
  const xs = Float64Array.from(times).sort();
  const index = new Map<number, number>();
  xs.forEach((t, i) => index.set(t, i));
  const out: Array<ArrayLike<number | null>> = [Array.from(xs, (t) => t / 1000)];
  for (const s of series) {
    const ys: Array<number | null> = new Array(xs.length).fill(null);
    for (const [t, v] of s.values) {
      const n = toNumber(v);
      ys[index.get(t)!] = Number.isFinite(n) ? n : null;
    }
    out.push(ys);
  }
  return out as uPlot.AlignedData;
}

export function drawChart(container: HTMLElement, legendEl: HTMLElement, series: SeriesData[], legendFormat?: string): ChartHandle {
  const theme = chartTheme();
  const names = series.map((s) => seriesName(s.metric, legendFormat));
  const tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.hidden = true;
  container.appendChild(tooltip);

  const axis = (): uPlot.Axis => ({
    stroke: theme.axis,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
  });
  const opts: uPlot.Options = {
    width: Math.max(200, container.clientWidth),
    height: Math.max(160, container.clientHeight || 320),
    legend: { show: false },
    cursor: { points: { size: 6 }, focus: { prox: 16 } },
    focus: { alpha: 0.3 },
    scales: { x: { time: true } },
    // Grafana's time axis (24-hour labels in a format chosen from the step and the range), as the dashboard's graphs.
    padding: [null, timeAxisRightPadding(AXIS_FONT), null, null],
    axes: [{ ...axis(), ...timeAxisOptions(AXIS_FONT) }, { ...axis(), size: 60, values: (_u, vals) => vals.map((v) => shortNumber(v)) }],
    series: [
      {},
      ...names.map((label, i) => ({
        label,
        stroke: theme.palette[i % theme.palette.length],
        width: 1.5,
        points: { show: false },
        spanGaps: false,
      })),
    ],
    hooks: {
      setCursor: [(u) => updateTooltip(u, tooltip, names, theme.palette)],
    },
  };
  const plot = new uPlot(opts, alignSeries(series), container);
  renderLegend(legendEl, plot, names, theme.palette);
  // ResizeObserver also fires once right after observe(): redraw only on a real size change.
  const resize = new ResizeObserver(() => {
    const width = Math.max(200, container.clientWidth);
    const height = Math.max(160, container.clientHeight || 320);
    if (width !== plot.width || height !== plot.height) plot.setSize({ width, height });
  });
  resize.observe(container);
  return {
    plot,
    destroy() {
      resize.disconnect();
      plot.destroy();
      tooltip.remove();
      legendEl.replaceChildren();
    },
  };
}

/**
 * The legend: a click shows only that series and a second click all again; Ctrl/Cmd/Shift+click
 * shows or hides one, as in Prometheus' graph and Grafana (seriesVisibility.ts).
 */
function renderLegend(el: HTMLElement, plot: uPlot, names: string[], palette: string[]): void {
  el.replaceChildren();
  // By index: two series may have the same legend.
  const ids = names.map((_, j) => String(j));
  let selection: Selection;
  names.forEach((name, i) => {
    const item = document.createElement('button');
    item.type = 'button';
    item.className = 'legend-item';
    item.title = 'Click: show only this series (again: show all); Ctrl/Cmd+click: show or hide it';
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = palette[i % palette.length];
    const text = document.createElement('span');
    text.textContent = name;
    item.append(swatch, text);
    item.addEventListener('click', (ev) => {
      selection = nextSelection(selection, ids[i], changeMode(ev), ids);
      ids.forEach((id, j) => {
        if (plot.series[j + 1].show !== isShown(selection, id)) plot.setSeries(j + 1, { show: isShown(selection, id) });
      });
      el.querySelectorAll<HTMLElement>('.legend-item').forEach((node, j) => node.classList.toggle('hidden', !plot.series[j + 1].show));
    });
    el.appendChild(item);
  });
}

function updateTooltip(u: uPlot, tooltip: HTMLElement, names: string[], palette: string[]): void {
  const idx = u.cursor.idx;
  if (idx === null || idx === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
    tooltip.hidden = true;
    return;
  }
  const t = u.data[0][idx];
  const rows: Array<[string, number, number]> = [];
  for (let i = 1; i < u.series.length; i++) {
    if (!u.series[i].show) continue;
    const v = u.data[i][idx];
    if (v !== null && v !== undefined) rows.push([names[i - 1], v, i]);
  }
  rows.sort((a, b) => b[1] - a[1]);
  tooltip.replaceChildren();
  const head = document.createElement('div');
  head.className = 'tooltip-time';
  head.textContent = new Date(t * 1000).toISOString().replace('T', ' ').replace('.000Z', ' UTC');
  tooltip.appendChild(head);
  for (const [name, v, i] of rows.slice(0, 12)) {
    const row = document.createElement('div');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = palette[(i - 1) % palette.length];
    const label = document.createElement('span');
    label.className = 'tooltip-name';
    label.textContent = name;
    const value = document.createElement('b');
    value.textContent = formatNumber(v);
    row.append(sw, label, value);
    tooltip.appendChild(row);
  }
  if (rows.length > 12) {
    const more = document.createElement('div');
    more.textContent = `… ${rows.length - 12} more`;
    tooltip.appendChild(more);
  }
  tooltip.hidden = false;
  const left = u.cursor.left + 16;
  const top = (u.cursor.top ?? 0) + 16;
  tooltip.style.left = `${Math.min(left, u.over.clientWidth - 240)}px`;
  tooltip.style.top = `${top}px`;
}

function shortNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(2)}G`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(2)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toFixed(2)}k`;
  return String(+v.toPrecision(4));
}
