// The hover tooltip of time series panels, as Grafana's TooltipPlugin2 shows it: the time under
// the cursor, then the series nearest the cursor (`options.tooltip.mode` "single", the default),
// or every series shown ("multi", sorted by `options.tooltip.sort`), or nothing ("none"). Values
// are the series' own (not stacked sums), in their unit. Text only: names go in as text nodes.
import type uPlot from 'uplot';
import { formatDate } from '../timeUnits';
import type { TimeZone } from '../timeZone';
import { el, isJson, type Json } from './common';

export type TooltipMode = 'single' | 'multi' | 'none';
export type TooltipSort = 'none' | 'asc' | 'desc';

/** The panel's tooltip options; the legacy graph panel's `tooltip.shared` means multi. */
export function tooltipOptions(panel: Json): { mode: TooltipMode; sort: TooltipSort } {
  const o = isJson(panel.options) && isJson(panel.options.tooltip) ? panel.options.tooltip : undefined;
  if (panel.type === 'graph') {
    const t = isJson(panel.tooltip) ? panel.tooltip : {};
    return { mode: t.shared === false ? 'single' : 'multi', sort: t.sort === 1 ? 'desc' : t.sort === 2 ? 'asc' : 'none' };
  }
  const mode = o?.mode === 'multi' || o?.mode === 'none' ? o.mode : 'single';
  const sort = o?.sort === 'asc' || o?.sort === 'desc' ? o.sort : 'none';
  return { mode, sort };
}

export interface TooltipRow {
  /** Index of the series (0-based, without uPlot's x series). */
  series: number;
  value: number;
}

/**
 * The rows at data index `idx`: the shown series with a value there. Single: the one drawn nearest
 * `cursorTop` (px, its drawn value is `drawnY`); multi: all, sorted by value as asked.
 */
export function tooltipRows(
  values: ReadonlyArray<number | null | undefined>,
  shown: readonly boolean[],
  mode: TooltipMode,
  sort: TooltipSort,
  drawnY: (series: number) => number | undefined,
  cursorTop: number,
): TooltipRow[] {
  const rows: TooltipRow[] = [];
  values.forEach((v, i) => {
    if (shown[i] && v !== null && v !== undefined && !Number.isNaN(v)) rows.push({ series: i, value: v });
  });
  if (mode === 'none' || rows.length === 0) return [];
  if (mode === 'single') {
    let best: TooltipRow | undefined;
    let bestDistance = Infinity;
    for (const r of rows) {
      const y = drawnY(r.series);
      const d = y === undefined ? Infinity : Math.abs(y - cursorTop);
      if (best === undefined || d < bestDistance) {
        best = r;
        bestDistance = d;
      }
    }
    return best ? [best] : [];
  }
  if (sort === 'asc') rows.sort((a, b) => a.value - b.value);
  else if (sort === 'desc') rows.sort((a, b) => b.value - a.value);
  return rows;
}

export interface TooltipSeries {
  names: string[];
  colors: string[];
  /** The series' own values, aligned with the plot's x values (not stacked). */
  raw: ReadonlyArray<ArrayLike<number | null>>;
  format: (series: number, value: number) => string;
}

/** Attaches the tooltip to `box` (the plot's container) and returns uPlot's setCursor hook. */
export function tooltipHook(box: HTMLElement, s: TooltipSeries, options: { mode: TooltipMode; sort: TooltipSort }, timeZone: TimeZone): (u: uPlot) => void {
  const tip = el('div', 'ts-tooltip');
  tip.hidden = true;
  box.appendChild(tip);
  return (u) => {
    const idx = u.cursor.idx;
    const left = u.cursor.left ?? -1;
    const top = u.cursor.top ?? -1;
    if (options.mode === 'none' || idx === null || idx === undefined || left < 0) {
      tip.hidden = true;
      return;
    }
    const shown = s.names.map((_, i) => u.series[i + 1]?.show !== false);
    const values = s.raw.map((r) => r[idx]);
    const drawnY = (i: number) => {
      const v = u.data[i + 1]?.[idx];
      return v === null || v === undefined ? undefined : u.valToPos(v, 'y');
    };
    const rows = tooltipRows(values, shown, options.mode, options.sort, drawnY, top);
    if (rows.length === 0) {
      tip.hidden = true;
      return;
    }
    const head = el('div', 'ts-tooltip-time', formatDate(u.data[0][idx] * 1000, 'YYYY-MM-DD HH:mm:ss', timeZone));
    const lines = rows.map((r) => {
      const line = el('div', 'ts-tooltip-row');
      const swatch = el('span', 'ts-tooltip-swatch');
      swatch.style.background = s.colors[r.series];
      line.append(swatch, el('span', 'ts-tooltip-name', s.names[r.series]), el('span', 'ts-tooltip-value', s.format(r.series, r.value)));
      return line;
    });
    tip.replaceChildren(head, ...lines);
    tip.hidden = false;
    // Beside the cursor, inside the plot: to the left of it in the right half.
    const plotLeft = u.over.offsetLeft;
    const plotTop = u.over.offsetTop;
    const x = plotLeft + left;
    tip.style.top = `${Math.max(0, plotTop + top - tip.offsetHeight / 2)}px`;
    tip.style.left = left > u.over.clientWidth / 2 ? `${Math.max(0, x - tip.offsetWidth - 12)}px` : `${x + 12}px`;
  };
}
