// `heatmap` of Prometheus histogram buckets: one row per `le` bucket (de-cumulated, as Grafana's
// "heatmap" query format does), one column per step, the cell's opacity by its count, in the
// scheme colour (Grafana's default "Oranges"). Series without `le` are drawn as rows as they come.
import { chartTheme } from '../../query/theme';
import { colorByName } from '../thresholds';
import { formatValue, formattedValueToString } from '../units';
import { timeTicks } from './timeAxis';
import { contentSize, el, fieldDefaults, isJson, noData, panelSeries, type PanelView, type RenderContext } from './common';

function leValue(le: string | undefined): number {
  if (le === undefined) return NaN;
  if (le === '+Inf' || le === 'Inf') return Infinity;
  return Number(le);
}

export function renderHeatmap(ctx: RenderContext): PanelView {
  const { panel, body, theme } = ctx;
  const defaults = fieldDefaults(panel);
  let series = panelSeries(ctx.result).filter((s) => s.values.length > 0);
  if (series.length === 0) return noData(body);
  const buckets = series.every((s) => !Number.isNaN(leValue(s.metric.le)));
  if (buckets) series = series.slice().sort((a, b) => leValue(a.metric.le) - leValue(b.metric.le));
  const times = Array.from(new Set(series.flatMap((s) => s.values.map((v) => v[0])))).sort((a, b) => a - b);
  const col = new Map(times.map((t, i) => [t, i]));
  const grid: number[][] = series.map((s) => {
    const row = new Array<number>(times.length).fill(NaN);
    for (const [t, v] of s.values) row[col.get(t)!] = v;
    return row;
  });
  if (buckets) {
    for (let r = grid.length - 1; r > 0; r--) for (let c = 0; c < times.length; c++) grid[r][c] = Math.max(0, grid[r][c] - (Number.isFinite(grid[r - 1][c]) ? grid[r - 1][c] : 0));
  }
  let max = 0;
  for (const row of grid) for (const v of row) if (Number.isFinite(v) && v > max) max = v;

  const o = isJson(panel.options) ? panel.options : {};
  const colorOpts = isJson(o.color) ? o.color : {};
  const base = colorByName(colorOpts.mode === 'opacity' && typeof colorOpts.fill === 'string' ? colorOpts.fill : 'dark-orange', theme);
  const labels = series.map((s) => (buckets ? (s.metric.le === '+Inf' ? '+Inf' : formattedValueToString(formatValue(leValue(s.metric.le), defaults.unit, defaults.decimals, { timeZone: ctx.timeZone }))) : s.name));
  const th = chartTheme();

  const canvas = el('canvas', 'heatmap-canvas');
  body.replaceChildren(canvas);
  const dpr = window.devicePixelRatio || 1;
  const size = contentSize(body);
  const width = Math.max(50, size.width);
  const height = Math.max(40, size.height);
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const g = canvas.getContext('2d')!;
  g.scale(dpr, dpr);
  g.font = '11px sans-serif';
  const left = Math.min(width / 3, Math.max(...labels.map((l) => g.measureText(l).width)) + 10);
  const bottomPad = 18;
  const plotW = width - left;
  const plotH = height - bottomPad;
  const rowH = plotH / series.length;
  const t0 = Math.min(ctx.range.startMs, times[0]);
  const t1 = Math.max(ctx.range.endMs, times[times.length - 1]);
  const step = times.length > 1 ? times[1] - times[0] : t1 - t0;
  const x = (t: number) => left + ((t - t0) / (t1 - t0 || 1)) * plotW;
  const cellW = Math.max(1, (step / (t1 - t0 || 1)) * plotW);
  g.fillStyle = base;
  let cells = 0;
  grid.forEach((row, r) => {
    const y = plotH - (r + 1) * rowH;
    row.forEach((v, c) => {
      if (!Number.isFinite(v) || v <= 0 || max <= 0) return;
      g.globalAlpha = 0.1 + 0.9 * (v / max);
      // A cell covers the step ending at its sample; the first is cut at the axis.
      const x1 = x(times[c]);
      const x0 = Math.max(left, x1 - cellW);
      if (x1 - x0 > 0.5) g.fillRect(x0, y + 0.5, x1 - x0 - 0.5, rowH - 1);
      cells++;
    });
  });
  g.globalAlpha = 1;
  g.fillStyle = th.axis;
  g.textBaseline = 'middle';
  g.textAlign = 'right';
  const every = Math.max(1, Math.ceil(14 / rowH));
  labels.forEach((l, r) => {
    if (r % every === 0) g.fillText(l, left - 5, plotH - (r + 0.5) * rowH);
  });
  g.textAlign = 'center';
  g.textBaseline = 'alphabetic';
  // The time series panels' axis: Grafana's formats and spacing, ticks on the zone's whole times.
  for (const tick of timeTicks(t0, t1, plotW, (text) => g.measureText(text).width, ctx.timeZone)) {
    const at = x(tick.ms);
    const w = g.measureText(tick.label).width;
    g.fillText(tick.label, Math.min(width - w / 2, Math.max(left + w / 2, at)), height - 4);
  }
  return { drawn: () => cells > 0, text: () => labels.join(' | ') };
}
